import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, request, startHarness, tempDir, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';

// /v1/numbers over real HTTP: a number has one owner, the owner alone sees and changes it, and
// sending is allowed only from one's own numbers (claimed on first use on the sandbox route only).

type NumberJson = { id: string; object: string; number: string; kind: string; capabilities: string[]; route: string | null; program_id: string | null; source: string };

describe('/v1/numbers', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let accountB: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  const fieldsOf = (res: ApiResponse): Array<{ field: string; code: string }> => (res.body.errors ?? []) as Array<{ field: string; code: string }>;
  let seq = 0;
  /** A fresh E.164 number on the sandbox route (+1415…), or on acme's (+1202…). */
  const fresh = (prefix = '+1415'): string => `${prefix}55${String(1000 + seq++).padStart(5, '0')}`;

  function problem(res: ApiResponse, status: number, code: string, field?: string): void {
    assert.equal(res.status, status, res.text);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(res.body.code, code, res.text);
    if (field !== undefined) assert.deepEqual(fieldsOf(res).map((f) => [f.field, f.code]), [[field, code]], res.text);
  }

  async function messageCount(): Promise<number> {
    const rows = await h.porm.services.store.db.selectFrom('messages').select('id').execute();
    return rows.length;
  }

  before(async () => {
    // acme is a real MM7 carrier (nothing listens at its URL: only acceptance matters here).
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: { sandbox: { type: 'sandbox' }, acme: { type: 'mm7', url: 'http://127.0.0.1:9/mm7' } },
      routes: [{ from: '*', carrier: 'sandbox' }, { from: '+1202', carrier: 'acme' }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    const other = await h.porm.services.accounts.create('b');
    keyB = other.apiKey.key;
    accountB = other.account.id;
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('create, list, get (by id or number), update and delete', async () => {
    const created = await a('POST', '/v1/numbers', { number: '+1 (415) 555-0100' });
    assert.equal(created.status, 201, created.text);
    const n = created.body as unknown as NumberJson;
    assert.match(n.id, /^num_[0-9a-z]{26}$/);
    assert.equal(created.headers.get('location'), `/v1/numbers/${n.id}`);
    assert.deepEqual({ ...n, id: '' }, { ...n, id: '', object: 'number', number: '+14155550100', kind: 'e164', capabilities: ['sms', 'mms'], route: null, program_id: null, source: 'registered' });

    const list = await a('GET', '/v1/numbers');
    assert.equal(list.status, 200, list.text);
    assert.ok((list.body.data as NumberJson[]).some((x) => x.id === n.id));
    assert.deepEqual((await a('GET', `/v1/numbers/${n.id}`)).body, created.body);
    assert.deepEqual((await a('GET', `/v1/numbers/${encodeURIComponent('+14155550100')}`)).body, created.body);

    const patched = await a('PATCH', `/v1/numbers/${n.id}`, { capabilities: ['sms'], route: 'acme' });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual([patched.body.capabilities, patched.body.route], [['sms'], 'acme']);
    assert.equal(await h.porm.services.numbers.routeOf(h.porm.bootstrap.accountId, '+14155550100'), 'acme');
    assert.equal(await h.porm.services.numbers.routeOf(accountB, '+14155550100'), null, 'only the owner\'s number has a route');
    const cleared = await a('PATCH', `/v1/numbers/${n.id}`, { route: null });
    assert.deepEqual([cleared.body.capabilities, cleared.body.route], [['sms'], null]);

    const removed = await a('DELETE', `/v1/numbers/${n.id}`);
    assert.equal(removed.status, 204, removed.text);
    problem(await a('GET', `/v1/numbers/${n.id}`), 404, 'PORM_NUMBER_NOT_FOUND');
    problem(await a('DELETE', `/v1/numbers/${n.id}`), 404, 'PORM_NUMBER_NOT_FOUND');
    // Given up, the number is free for anyone.
    assert.equal((await b('POST', '/v1/numbers', { number: '+14155550100' })).status, 201);
  });

  test('short codes and alphanumeric sender ids; alphanumeric ids send SMS only', async () => {
    const short = await a('POST', '/v1/numbers', { number: '72345' });
    assert.deepEqual([short.status, short.body.kind, short.body.capabilities], [201, 'short_code', ['sms', 'mms']], short.text);
    const alpha = await a('POST', '/v1/numbers', { number: '  Acme  Shop ' });
    assert.deepEqual([alpha.status, alpha.body.number, alpha.body.kind, alpha.body.capabilities], [201, 'Acme Shop', 'alphanumeric', ['sms']], alpha.text);
    problem(await a('POST', '/v1/numbers', { number: 'ACME2', capabilities: ['sms', 'mms'] }), 400, 'PORM_CAPABILITY_UNSUPPORTED', '/capabilities/1');
    problem(await a('PATCH', `/v1/numbers/${String(alpha.body.id)}`, { capabilities: ['mms'] }), 400, 'PORM_CAPABILITY_UNSUPPORTED', '/capabilities/0');
  });

  test('bad numbers and bad fields are refused with their codes, and nothing is stored', async () => {
    const before = (await a('GET', '/v1/numbers?limit=200')).body.data as NumberJson[];
    for (const number of ['', ' ', '+', '+1234567', '+1234567890123456', '+0123456789', '12', '123456789', '4155550100', 'ABCDEFGHIJKL', 'ACME!', 'ÄCME', '😀', 'a\u0000b', '<script>', "1' OR '1'='1", '../../etc']) {
      problem(await a('POST', '/v1/numbers', { number }), 400, 'PORM_INVALID_NUMBER', '/number');
    }
    problem(await a('POST', '/v1/numbers', { number: 'x'.repeat(65) }), 400, 'PORM_INVALID_FIELD', '/number');
    problem(await a('POST', '/v1/numbers', { number: 14155550100 }), 400, 'PORM_INVALID_FIELD', '/number');
    problem(await a('POST', '/v1/numbers', {}), 400, 'PORM_MISSING_FIELD', '/number');
    problem(await a('POST', '/v1/numbers', { number: fresh(), owner: 'x' }), 400, 'PORM_UNKNOWN_FIELD', '/owner');
    problem(await a('POST', '/v1/numbers', { number: fresh(), program_id: 'prg_1' }), 400, 'PORM_UNKNOWN_FIELD', '/program_id');
    problem(await a('POST', '/v1/numbers', { number: fresh(), capabilities: [] }), 400, 'PORM_INVALID_FIELD', '/capabilities');
    problem(await a('POST', '/v1/numbers', { number: fresh(), capabilities: ['fax'] }), 400, 'PORM_INVALID_FIELD');
    problem(await a('POST', '/v1/numbers', { number: fresh(), capabilities: ['sms', 'sms'] }), 400, 'PORM_INVALID_FIELD', '/capabilities');
    for (const route of ['nope', 'constructor', '__proto__', 'toString', '']) {
      problem(await a('POST', '/v1/numbers', { number: fresh(), route }), 400, 'PORM_UNKNOWN_ROUTE', '/route');
    }
    const n = await a('POST', '/v1/numbers', { number: fresh() });
    problem(await a('PATCH', `/v1/numbers/${String(n.body.id)}`, { number: '+14155559999' }), 400, 'PORM_UNKNOWN_FIELD', '/number');
    problem(await a('PATCH', `/v1/numbers/${String(n.body.id)}`, { route: 'nope' }), 400, 'PORM_UNKNOWN_ROUTE', '/route');
    problem(await a('GET', '/v1/numbers?cursor=bm90LWEtY3Vyc29y'), 400, 'PORM_INVALID_CURSOR');
    problem(await a('GET', '/v1/numbers?limit=0'), 400, 'PORM_INVALID_FIELD');
    problem(await a('GET', `/v1/numbers/${'x'.repeat(65)}`), 400, 'PORM_INVALID_FIELD');
    problem(await a('GET', '/v1/numbers/num_nothing'), 404, 'PORM_NUMBER_NOT_FOUND');
    problem(await request(h.url, 'GET', '/v1/numbers'), 401, 'PORM_AUTH_MISSING');
    problem(await request(h.url, 'POST', '/v1/numbers', { number: fresh() }, { authorization: 'Bearer porm_not_a_real_key_000000000000' }), 401, 'PORM_AUTH_INVALID');
    const after = (await a('GET', '/v1/numbers?limit=200')).body.data as NumberJson[];
    assert.deepEqual(after.map((x) => x.id).slice(1), before.map((x) => x.id), 'only the one valid number was added');
  });

  test('pages through numbers with a cursor', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await b('POST', '/v1/numbers', { number: fresh('+1303') })).status, 201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await b('GET', `/v1/numbers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200, page.text);
      seen.push(...(page.body.data as NumberJson[]).map((x) => x.id));
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    const all = (await b('GET', '/v1/numbers?limit=200')).body.data as NumberJson[];
    assert.deepEqual(seen, all.map((x) => x.id));
  });

  test('a number has one owner: a second claim is 409, by the owner or by anyone else', async () => {
    const number = fresh();
    assert.equal((await a('POST', '/v1/numbers', { number })).status, 201);
    problem(await a('POST', '/v1/numbers', { number }), 409, 'PORM_NUMBER_ALREADY_CLAIMED', '/number');
    const byB = await b('POST', '/v1/numbers', { number: number.replace(/^(\+1)(\d{3})/, '$1 ($2) ') });
    problem(byB, 409, 'PORM_NUMBER_ALREADY_CLAIMED', '/number');
    assert.ok(!byB.text.includes(h.porm.bootstrap.accountId), 'the owner is not named');
    assert.ok(!((await b('GET', '/v1/numbers?limit=200')).body.data as NumberJson[]).some((x) => x.number === number));
  });

  test('two accounts claiming the same numbers at once: one owner each time, the other gets 409', async () => {
    const numbers = Array.from({ length: 12 }, () => fresh());
    const answers = await Promise.all(numbers.flatMap((number) => [a('POST', '/v1/numbers', { number }), b('POST', '/v1/numbers', { number })]));
    for (let i = 0; i < numbers.length; i++) {
      const pair = [answers[2 * i]!, answers[2 * i + 1]!];
      assert.deepEqual(pair.map((r) => r.status).sort(), [201, 409], pair.map((r) => r.text).join('\n'));
      const loser = pair.find((r) => r.status === 409)!;
      assert.equal(loser.body.code, 'PORM_NUMBER_ALREADY_CLAIMED');
      const rows = await h.porm.services.store.db.selectFrom('numbers').select('account_id').where('number', '=', numbers[i]!).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.account_id, pair[0]!.status === 201 ? h.porm.bootstrap.accountId : accountB);
    }
  });

  test('sending: own numbers only; a real carrier route needs the number registered first', async () => {
    const acmeNumber = fresh('+1202');
    const before = await messageCount();
    const refused = await a('POST', '/v1/messages', { to: '+14155550111', from: acmeNumber, body: 'hi' });
    problem(refused, 403, 'PORM_SENDER_NOT_OWNED', '/from');
    assert.equal(await messageCount(), before, 'nothing stored');
    assert.equal((await h.porm.services.numbers.ownerOf(acmeNumber)), null, 'not claimed by the refused send');

    assert.equal((await a('POST', '/v1/numbers', { number: acmeNumber })).status, 201);
    const sent = await a('POST', '/v1/messages', { to: '+14155550111', from: acmeNumber, body: 'hi' });
    assert.equal(sent.status, 201, sent.text);
    problem(await b('POST', '/v1/messages', { to: '+14155550111', from: acmeNumber, body: 'hi' }), 403, 'PORM_SENDER_NOT_OWNED', '/from');
    problem(await b('POST', '/v1/messages', { to: '+14155550111', from: acmeNumber, body: 'hi' }), 403, 'PORM_SENDER_NOT_OWNED');
  });

  test('sandbox route: the first sender claims an unowned number in the same unit as the send', async () => {
    const number = fresh();
    const sent = await b('POST', '/v1/messages', { to: '+14155550111', from: number, body: 'first use' });
    assert.equal(sent.status, 201, sent.text);
    const mine = ((await b('GET', '/v1/numbers?limit=200')).body.data as NumberJson[]).find((x) => x.number === number);
    assert.deepEqual(mine && [mine.source, mine.capabilities, mine.route], ['sandbox_first_use', ['sms', 'mms'], null]);
    problem(await a('POST', '/v1/messages', { to: '+14155550111', from: number, body: 'not yours' }), 403, 'PORM_SENDER_NOT_OWNED', '/from');
    // A send refused for another reason claims nothing.
    const other = fresh();
    problem(await b('POST', '/v1/messages', { to: '+14155550111', from: other, body: 'x', media: [{ id: 'med_nothing' }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE');
    assert.equal(await h.porm.services.numbers.ownerOf(other), null);
  });

  test('two accounts sending from the same unowned sandbox number at once: one owner, a clear refusal to the other', async () => {
    for (let round = 0; round < 6; round++) {
      const number = fresh();
      const [ra, rb] = await Promise.all([
        a('POST', '/v1/messages', { to: '+14155550111', from: number, body: 'race' }),
        b('POST', '/v1/messages', { to: '+14155550111', from: number, body: 'race' }),
      ]);
      assert.deepEqual([ra!.status, rb!.status].sort(), [201, 403], `${ra!.text}\n${rb!.text}`);
      const [winner, loser, winnerAccount] = ra!.status === 201 ? [ra!, rb!, h.porm.bootstrap.accountId] : [rb!, ra!, accountB];
      assert.equal(loser.body.code, 'PORM_SENDER_NOT_OWNED');
      assert.equal(winner.body.account_id, winnerAccount);
      assert.equal(await h.porm.services.numbers.ownerOf(number), winnerAccount);
    }
  });

  test('porm numbers add / list / update / remove work on the data directory, with codes in --json errors', async () => {
    const env = { ...process.env, PORM_LOG_LEVEL: 'silent', PORM_CONFIG: join(dataDir, 'porm.json'), ...h.storeEnv };
    const porm = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, 'numbers', ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const number = fresh('+1202');
    const added = await porm('add', number.replace(/^\+1(\d{3})/, '+1 ($1) '), '--capabilities', 'sms', '--route', 'acme', '--account', accountB, '--json');
    assert.equal(added.code, 0, added.stderr);
    const n = JSON.parse(added.stdout) as NumberJson;
    assert.deepEqual([n.number, n.capabilities, n.route, n.source], [number, ['sms'], 'acme', 'registered']);
    assert.equal(await h.porm.services.numbers.ownerOf(number), accountB);

    const again = await porm('add', number, '--json');
    assert.equal(again.code, 1);
    assert.equal((JSON.parse(again.stdout) as { error: { code: string } }).error.code, 'PORM_NUMBER_ALREADY_CLAIMED');
    const bad = await porm('add', 'not a number!', '--json');
    assert.equal((JSON.parse(bad.stdout) as { error: { code: string } }).error.code, 'PORM_INVALID_NUMBER');

    const listed = await porm('list', '--account', accountB, '--json');
    assert.ok((JSON.parse(listed.stdout) as NumberJson[]).some((x) => x.id === n.id));
    const updated = await porm('update', number, '--default-route', '--capabilities', 'sms,mms', '--account', accountB, '--json');
    assert.deepEqual([(JSON.parse(updated.stdout) as NumberJson).route, (JSON.parse(updated.stdout) as NumberJson).capabilities], [null, ['sms', 'mms']]);
    // The first account is not the owner: it cannot remove B's number.
    const notMine = await porm('remove', n.id, '--json');
    assert.equal((JSON.parse(notMine.stdout) as { error: { code: string } }).error.code, 'PORM_NUMBER_NOT_FOUND');
    const removed = await porm('remove', n.id, '--account', accountB);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(await h.porm.services.numbers.ownerOf(number), null);
  });

  test('the OpenAPI document describes the numbers endpoints', async () => {
    const doc = await request(h.url, 'GET', '/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(paths['/v1/numbers'] ?? {}).sort(), ['get', 'post']);
    assert.deepEqual(Object.keys(paths['/v1/numbers/{id}'] ?? {}).sort(), ['delete', 'get', 'patch']);
  });

  test('a scheduled message whose number was given up (and taken by another account) is not sent from it', async () => {
    const number = fresh();
    assert.equal((await a('POST', '/v1/numbers', { number })).status, 201);
    const sendAt = new Date(Date.now() + 1500).toISOString();
    const scheduled = await a('POST', '/v1/messages', { to: '+14155550100', from: number, body: 'tomorrow', send_at: sendAt });
    assert.equal(scheduled.status, 201, scheduled.text);
    assert.equal((await a('DELETE', `/v1/numbers/${encodeURIComponent(number)}`)).status, 204);
    assert.equal((await b('POST', '/v1/numbers', { number })).status, 201);
    const done = await waitForStatus(h, String(scheduled.body.id), 'failed');
    assert.equal(done.error_code, 'PORM_SENDER_NOT_OWNED');
    assert.equal(done.attempts, 0, 'never handed to a carrier');
  });
});
