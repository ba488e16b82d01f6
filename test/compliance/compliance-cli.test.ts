// `porm programs`, `porm consents` and `porm suppressions`, spawned as a user runs them on a real
// data directory (no server: they call the compliance services over the store). What they write is
// what the send path reads: a suppression added here refuses `porm send`, a program created here is
// the one /v1 would show. Bad input leaves with its code, as text and under --json, nothing written.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../helpers/harness.ts';

const dataDir = tempDir();
const porm = (args: readonly string[]) =>
  spawnSync(process.execPath, ['bin/porm.js', '--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, PORM_LOG_LEVEL: 'silent' } });

function ok(args: readonly string[]): string {
  const run = porm(args);
  assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
const json = <T>(args: readonly string[]): T => JSON.parse(ok([...args, '--json'])) as T;

/** A failing command's code: under --json the one JSON object on stderr, as text the code at the end of the first line. */
function codeOf(args: readonly string[]): { json: string; text: string; fields: string[] } {
  const asJson = porm([...args, '--json']);
  assert.equal(asJson.status, 1, asJson.stderr);
  assert.equal(asJson.stdout, '', 'stdout holds only results');
  const error = (JSON.parse(asJson.stderr) as { error: { code: string; fields?: Array<{ field: string }> } }).error;
  const asText = porm(args);
  assert.equal(asText.status, 1);
  const text = /\[(PORM_[A-Z0-9_]+)\]$/m.exec(asText.stderr.split('\n')[0] ?? '')?.[1] ?? asText.stderr;
  return { json: error.code, text, fields: (error.fields ?? []).map((f) => f.field) };
}

interface ProgramJson { id: string; name: string; is_default: boolean; settings: Record<string, unknown> & { quiet_hours: Record<string, unknown>; frequency_cap: unknown; keywords: Record<string, string[]> } }

describe('porm programs, consents, suppressions', () => {
  after(() => cleanup(dataDir));

  test('programs: create with settings, list, show, update a patch; bad settings refused with their codes', () => {
    ok(['accounts', 'create', 'shop']);
    const created = json<ProgramJson>(['programs', 'create', 'weekly deals', '--quiet-hours', '09:00-20:00', '--cap', '3/24', '--require-consent', 'on', '--opt-in-keywords', 'JOIN, SUBSCRIBE', '--reply', 'en.help=Deals: help at shop.example']);
    assert.match(created.id, /^prg_/);
    assert.equal(created.is_default, false);
    assert.deepEqual(created.settings.quiet_hours, { start: '09:00', end: '20:00', applies_to_transactional: false, state_rules: true });
    assert.deepEqual(created.settings.frequency_cap, { max: 3, window_hours: 24, action: 'hold' });
    assert.equal(created.settings.require_consent_for_marketing, true);
    assert.deepEqual(created.settings.keywords.opt_in, ['JOIN', 'SUBSCRIBE']);
    assert.equal((created.settings.replies as Record<string, { help: string }>).en!.help, 'Deals: help at shop.example');

    const all = json<ProgramJson[]>(['programs', 'list']);
    assert.deepEqual(all.map((p) => p.is_default).sort(), [false, true], 'the default program and the new one');
    assert.match(ok(['programs']), /weekly deals .*09:00-20:00 .*3 per 24 h \(hold\)/);

    // A patch: only what is given changes; --cap-action alone keeps the cap's numbers.
    const updated = json<ProgramJson>(['programs', 'update', created.id, '--cap-action', 'fail', '--double-opt-in', 'on', '--quiet-transactional', 'on']);
    assert.deepEqual(updated.settings.frequency_cap, { max: 3, window_hours: 24, action: 'fail' });
    assert.equal(updated.settings.double_opt_in, true);
    assert.equal(updated.settings.quiet_hours.start, '09:00');
    assert.equal(updated.settings.quiet_hours.applies_to_transactional, true);
    assert.match(ok(['programs', 'show', created.id]), /frequency cap: 3 per 24 h \(fail\)\n.*double opt-in: on/);
    assert.equal(json<ProgramJson>(['programs', 'update', created.id, '--cap', 'off']).settings.frequency_cap, null);

    assert.deepEqual(codeOf(['programs', 'update', created.id, '--quiet-hours', '09:00-09:00']), { json: 'PORM_QUIET_WINDOW_EMPTY', text: 'PORM_QUIET_WINDOW_EMPTY', fields: ['/settings/quiet_hours'] });
    assert.deepEqual(codeOf(['programs', 'update', created.id, '--opt-in-keywords', 'Stop!']), { json: 'PORM_KEYWORD_COLLIDES_WITH_STOP', text: 'PORM_KEYWORD_COLLIDES_WITH_STOP', fields: ['/settings/keywords/opt_in/0'] });
    assert.equal(codeOf(['programs', 'update', created.id, '--help-keywords', 'JOIN']).json, 'PORM_KEYWORD_CONFLICT');
    assert.equal(codeOf(['programs', 'update', created.id, '--quiet-hours', '25:00-08:00']).json, 'PORM_INVALID_FIELD');
    assert.equal(codeOf(['programs', 'create', 'weekly deals']).json, 'PORM_PROGRAM_NAME_TAKEN');
    assert.equal(codeOf(['programs', 'show', 'prg_nope']).json, 'PORM_PROGRAM_NOT_FOUND');
    for (const bad of [['--cap', '3x'], ['--cap', '-1/24'], ['--double-opt-in', 'maybe'], ['--quiet-hours', '08:00'], ['--cap-action', 'drop'], ['--reply', 'en.shout=HI'], ['--bogus']]) {
      assert.equal(codeOf(['programs', 'update', created.id, ...bad]).json, 'PORM_CLI_USAGE', bad.join(' '));
    }
    assert.equal(codeOf(['programs', 'update', created.id, '--cap-action', 'hold']).json, 'PORM_CLI_USAGE', 'no cap to change the action of');
    assert.equal(codeOf(['programs', 'create', 'x'.repeat(65)]).json, 'PORM_INVALID_FIELD');
    // Nothing half-written: the program is as the last good update left it.
    const after = json<ProgramJson>(['programs', 'show', created.id]);
    assert.deepEqual(after.settings, json<ProgramJson>(['programs', 'update', created.id]).settings, 'an empty update changes nothing');
    assert.equal(after.settings.quiet_hours.start, '09:00');
    assert.deepEqual(after.settings.keywords.opt_in, ['JOIN', 'SUBSCRIBE']);
  });

  test('consents: record an opt-in with its proof, the history, the CSV export; no proof, no record', () => {
    const program = json<ProgramJson[]>(['programs', 'list']).find((p) => !p.is_default)!;
    const recorded = json<Record<string, unknown>>(['consents', 'record', '+14155550188', '--source', 'web_form', '--wording', 'Yes, text me weekly deals.', '--url', 'https://shop.example/join',
      '--ip', '203.0.113.7', '--user-agent', 'Mozilla/5.0', '--at', '2026-01-02T03:04:05Z', '--program', program.id]);
    assert.equal(recorded.type, 'opt_in');
    assert.equal(recorded.to, '+14155550188');
    assert.equal(recorded.at, '2026-01-02T03:04:05.000Z');
    const history = json<Array<Record<string, unknown>>>(['consents', 'history', '+14155550188']);
    assert.deepEqual(history.map((e) => [e.type, e.source, e.url, e.ip, e.user_agent, e.program_id]), [['opt_in', 'web_form', 'https://shop.example/join', '203.0.113.7', 'Mozilla/5.0', program.id]]);
    assert.match(ok(['consents', 'history', '+14155550188']), /opt_in +web_form .*https:\/\/shop\.example\/join 203\.0\.113\.7 "Yes, text me weekly deals\."/);
    ok(['consents', 'record', '+14155550188', '--source', 'api', '--opt-out']);
    assert.deepEqual(json<Array<{ type: string }>>(['consents', 'history', '+14155550188']).map((e) => e.type), ['opt_in', 'opt_out']);

    const csv = ok(['consents', 'export', '--to', '+14155550188']).split('\r\n');
    assert.equal(csv[0], '"id","recipient","program_id","type","source","confirmed","at","recorded_at","keyword","wording","url","ip","user_agent","inbound_id"');
    assert.equal(csv.length, 4, 'header, two events, and the final line break');
    const file = join(dataDir, 'consents.csv');
    ok(['consents', 'export', '-o', file]);
    assert.equal(readFileSync(file, 'utf8'), `${csv.join('\r\n')}`, 'the whole ledger (this number only has events) to a file');

    const before = json<unknown[]>(['consents', 'history', '+14155550199']).length;
    assert.deepEqual(codeOf(['consents', 'record', '+14155550199', '--source', 'web_form', '--wording', 'Yes']), { json: 'PORM_CONSENT_PROOF_MISSING', text: 'PORM_CONSENT_PROOF_MISSING', fields: ['/url'] });
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--source', 'api']).json, 'PORM_CONSENT_PROOF_MISSING');
    assert.equal(codeOf(['consents', 'record', 'not-a-number', '--source', 'api', '--wording', 'Yes']).json, 'PORM_INVALID_PHONE_NUMBER');
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--source', 'api', '--wording', 'Yes', '--at', 'tomorrow']).json, 'PORM_INVALID_FIELD');
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--source', 'api', '--wording', 'Yes', '--ip', '<script>']).json, 'PORM_INVALID_FIELD');
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--source', 'keyword', '--wording', 'Yes']).json, 'PORM_CLI_USAGE', 'only the handset itself records by keyword');
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--wording', 'Yes']).json, 'PORM_CLI_USAGE', '--source is required');
    assert.equal(codeOf(['consents', 'record', '+14155550199', '--source', 'api', '--wording', 'Yes', '--program', 'prg_nope']).json, 'PORM_PROGRAM_NOT_FOUND');
    assert.equal(codeOf(['consents', 'history', '=cmd|calc']).json, 'PORM_INVALID_PHONE_NUMBER');
    // export prints CSV, so it has no --json: its errors are text.
    assert.match(porm(['consents', 'export', '--to', 'nope']).stderr, /^porm: .* \[PORM_INVALID_PHONE_NUMBER\]$/m);
    assert.equal(json<unknown[]>(['consents', 'history', '+14155550199']).length, before, 'nothing recorded by the refused commands');
    const unwritable = porm(['consents', 'export', '-o', join(dataDir, 'no-such-dir', 'x.csv')]);
    assert.match(unwritable.stderr, /\[PORM_CLI_FILE_UNREADABLE\]/);
  });

  test('suppressions: add, list, remove; a suppressed number is refused by porm send', () => {
    const added = json<Record<string, unknown>>(['suppressions', 'add', '+14155550177', '--reason', 'asked by phone']);
    assert.deepEqual(added, { ...added, object: 'suppression', to: '+14155550177', program_id: null, source: 'api', reason: 'asked by phone' });
    const send = porm(['send', '--to', '+14155550177', '--from', '+14155550100', '--body', 'Flash sale', '--json']);
    assert.equal(send.status, 1);
    assert.equal((JSON.parse(send.stderr) as { error: { code: string } }).error.code, 'PORM_RECIPIENT_OPTED_OUT');
    assert.ok(json<Array<{ to: string }>>(['suppressions', 'list']).some((s) => s.to === '+14155550177'));
    assert.deepEqual(json<Array<{ to: string }>>(['suppressions', 'list', '--to', '+14155550177']).map((s) => s.to), ['+14155550177']);
    assert.match(ok(['suppressions']), /\+14155550177 +\(all programs\) +api .* asked by phone/);
    assert.deepEqual(json<Array<{ type: string }>>(['consents', 'history', '+14155550177']).map((e) => e.type), ['opt_out'], 'the ledger records it');

    assert.equal(codeOf(['suppressions', 'add', 'nope', '--reason', 'x']).json, 'PORM_INVALID_PHONE_NUMBER');
    assert.equal(codeOf(['suppressions', 'add', '+14155550176', '--reason', '   ']).json, 'PORM_INVALID_FIELD');
    assert.equal(codeOf(['suppressions', 'add', '+14155550176']).json, 'PORM_CLI_USAGE', '--reason is required');
    assert.equal(codeOf(['suppressions', 'add', '+14155550176', '--reason', 'x', '--program', 'prg_nope']).json, 'PORM_PROGRAM_NOT_FOUND');
    assert.equal(codeOf(['suppressions', 'list', '--limit', '0']).json, 'PORM_CLI_USAGE');
    assert.equal(json<unknown[]>(['suppressions', 'list', '--to', '+14155550176']).length, 0, 'nothing half-written');

    assert.deepEqual(json<unknown>(['suppressions', 'remove', '+14155550177']), { removed: '+14155550177', program_id: null });
    assert.equal(codeOf(['suppressions', 'remove', '+14155550177']).json, 'PORM_SUPPRESSION_NOT_FOUND');
    const again = porm(['send', '--to', '+14155550177', '--from', '+14155550100', '--body', 'Order shipped', '--json']);
    assert.equal(again.status, 0, again.stderr);
  });
});
