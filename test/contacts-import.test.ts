import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, startHarness, tempDir, type Harness } from './helpers/harness.ts';
import { BATCH_ROWS } from '../src/contacts/import/import-service.ts';

// CSV imports over real HTTP (raw text/csv and multipart) into a real SQLite file: mapping,
// normalisation, duplicates, lists, consent with proof, the error report (formula cells
// neutralised), hostile files (broken quoting, BOMs, UTF-16, Latin-1, empty lines, a row of
// 200,000 cells), cancellation between batches, and account isolation.

type ImportJson = { id: string; status: string; rows: number; created: number; updated: number; skipped: number; duplicates: number; invalid: number; consents: number; error: { code: string } | null; errors_url: string };

describe('/v1/imports', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  const auth = (key?: string): Record<string, string> => ({ authorization: `Bearer ${key ?? h.key}` });

  async function upload(body: string | Buffer, options?: unknown, key?: string, contentType = 'text/csv'): Promise<{ status: number; body: Record<string, unknown> }> {
    const qs = options === undefined ? '' : `?options=${encodeURIComponent(JSON.stringify(options))}`;
    const res = await fetch(`${h.url}/v1/imports${qs}`, { method: 'POST', headers: { ...auth(key), 'content-type': contentType }, body });
    return { status: res.status, body: await res.json() as Record<string, unknown> };
  }
  async function finished(id: string, key?: string): Promise<ImportJson> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await fetch(`${h.url}/v1/imports/${id}`, { headers: auth(key) });
      const body = await res.json() as ImportJson;
      if (body.status !== 'importing') return body;
      if (Date.now() > deadline) throw new Error(`import ${id} still running`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function importCsv(body: string | Buffer, options?: unknown): Promise<ImportJson> {
    const res = await upload(body, options);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return finished(String(res.body.id));
  }
  async function errorReport(id: string): Promise<string> {
    const res = await fetch(`${h.url}/v1/imports/${id}/errors`, { headers: auth() });
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /^text\/csv/);
    return res.text();
  }
  const contact = async (phone: string): Promise<Record<string, unknown> | undefined> => {
    const res = await h.api('GET', `/v1/contacts/${encodeURIComponent(phone)}`);
    return res.status === 200 ? res.body : undefined;
  };

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('mapping, normalisation, tags, attributes, a list and consent with proof; bad rows in the report with formulas neutralised', async () => {
    const list = await h.api('POST', '/v1/lists', { name: 'Imported' });
    const csv = [
      'Mobile,Full Name,Zone,Plan,Tags,Notes',
      '(415) 555-0160,Ada,America/Chicago,gold,vip;shoes,x',
      '+1 415 555 0161,Bob,,silver,,',
      '415-555-0160,Ada again,,,,',
      '=cmd|\' /C calc\'!A0,Evil,,,,',
      'not a number,Nobody,,,,',
      '+14155550162,Carl,Mars/Base,,,',
    ].join('\n');
    const done = await importCsv(csv, {
      columns: { Mobile: 'phone', 'Full Name': 'name', Zone: 'time_zone', Plan: 'attributes.plan', Notes: 'ignore' },
      list: list.body.id, consent: { wording: 'Text me deals. Msg&data rates may apply. Reply STOP to cancel.', source: 'web_form', url: 'https://example.com/join' },
    });
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.deepEqual([done.rows, done.created, done.updated, done.duplicates, done.invalid, done.consents], [6, 2, 0, 1, 3, 2]);
    const ada = await contact('+14155550160');
    assert.deepEqual([ada?.name, ada?.time_zone, ada?.tags, ada?.attributes, ada?.lists], ['Ada', 'America/Chicago', ['shoes', 'vip'], { plan: 'gold' }, [list.body.id]]);
    assert.equal((await contact('+14155550162')), undefined, 'a row with a bad zone is refused whole');
    const consents = await h.api('GET', `/v1/consents?to=${encodeURIComponent('+14155550161')}`);
    const event = (consents.body.data as Array<Record<string, unknown>>)[0];
    assert.deepEqual([event?.type, event?.source, event?.url], ['opt_in', 'web_form', 'https://example.com/join']);
    assert.match(String(event?.wording), /Reply STOP/);

    const report = (await errorReport(done.id)).trim().split('\r\n');
    assert.equal(report[0], '"row","value","code","reason"');
    // E.164 values start with + and are neutralised like formulas: a spreadsheet would compute them.
    assert.match(report[1]!, /^"4","'\+14155550160","PORM_IMPORT_DUPLICATE_ROW"/);
    assert.match(report[2]!, /^"5","'=cmd\|' \/C calc'!A0","PORM_INVALID_PHONE_NUMBER"/, 'a formula cell starts with a quote mark');
    assert.match(report[3]!, /^"6","not a number","PORM_INVALID_PHONE_NUMBER"/);
    assert.match(report[4]!, /^"7","'\+14155550162","PORM_INVALID_TIME_ZONE"/);
  });

  test('on_duplicate update changes existing contacts (attributes merged); skip leaves them', async () => {
    await h.api('POST', '/v1/contacts', { phone: '+14155550170', name: 'Old', attributes: { keep: 1 } });
    const skip = await importCsv('phone,name,plan\n+14155550170,New,gold\n+14155550171,Fresh,\n', { on_duplicate: 'skip', columns: { plan: 'attributes.plan' } });
    assert.deepEqual([skip.created, skip.updated, skip.skipped], [1, 0, 1]);
    assert.equal((await contact('+14155550170'))?.name, 'Old');
    const update = await importCsv('phone,name,plan\n+14155550170,New,gold\n', { columns: { plan: 'attributes.plan' } });
    assert.deepEqual([update.created, update.updated], [0, 1]);
    const c = await contact('+14155550170');
    assert.deepEqual([c?.name, c?.attributes], ['New', { keep: 1, plan: 'gold' }]);
  });

  test('hostile files: broken quoting, BOMs, UTF-16, Latin-1, empty lines and an absurd row', async () => {
    const broken = await importCsv('phone,name,note\n+14155550180,"ok"\n+14155550181,"bad"x\n+14155550182,"unclosed\n+14155550183,after\n\n\n+14155550184,Multi,"multi\nline"\n', { columns: { note: 'attributes.note' } });
    assert.equal(broken.status, 'completed');
    assert.deepEqual([broken.created, broken.invalid], [3, 2], JSON.stringify(broken));
    assert.equal((await contact('+14155550183'))?.name, 'after', 'an unclosed quote costs its own row only');
    assert.deepEqual((await contact('+14155550184'))?.attributes, { note: 'multi\nline' }, 'a quoted line break is part of its cell');
    const report = await errorReport(broken.id);
    assert.match(report, /"3","'\+14155550181,""bad""x","PORM_IMPORT_BAD_ROW"/);
    assert.match(report, /"4","'\+14155550182,""unclosed","PORM_IMPORT_BAD_ROW"/);

    const bom = await importCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('phone,name\r\n+14155550185,Zoë\r\n')]));
    assert.equal(bom.created, 1, 'the BOM is not part of the first header name');
    assert.equal((await contact('+14155550185'))?.name, 'Zoë');

    const text16 = 'phone,name\r\n+14155550186,Łukasz\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text16, 'utf16le')]);
    assert.equal((await importCsv(le)).created, 1);
    assert.equal((await contact('+14155550186'))?.name, 'Łukasz');
    // UTF-16 LE with its BOM, byte-swapped: UTF-16 BE with the BOM FE FF.
    const be = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text16.replace('86', '87'), 'utf16le')]).swap16();
    assert.equal((await importCsv(be)).created, 1);
    assert.equal((await contact('+14155550187'))?.name, 'Łukasz');

    const latin1 = Buffer.from('phone,name\n+14155550188,Jos\xe9\n', 'latin1');
    const undeclared = await importCsv(latin1);
    assert.deepEqual([undeclared.created, undeclared.invalid], [0, 1], 'Latin-1 bytes read as UTF-8 are reported, not stored as U+FFFD');
    assert.match(await errorReport(undeclared.id), /PORM_IMPORT_BAD_ENCODING/);
    assert.equal((await importCsv(latin1, { encoding: 'latin1' })).created, 1);
    assert.equal((await contact('+14155550188'))?.name, 'José');

    const absurd = await importCsv(`phone,name\n+14155550189,${'x,'.repeat(200_000)}\n+14155550190,a,b,c\n+14155550191,fine\n`);
    assert.deepEqual([absurd.created, absurd.invalid], [1, 2], JSON.stringify(absurd));
    const absurdReport = await errorReport(absurd.id);
    assert.match(absurdReport, /"2","'\+14155550189,x,x,x[^"]*","PORM_IMPORT_BAD_ROW"/);
    assert.match(absurdReport, /"3","4 cells","PORM_IMPORT_TOO_MANY_COLUMNS"/);
    assert.ok(absurdReport.length < 2000, 'the report holds a prefix of the row, not the row');
  });

  test('a file without a phone column, an empty file and bad requests say why', async () => {
    const noPhone = await importCsv('name,city\nAda,Paris\n');
    assert.deepEqual([noPhone.status, noPhone.error?.code], ['failed', 'PORM_IMPORT_BAD_MAPPING']);
    const empty = await importCsv('');
    assert.deepEqual([empty.status, empty.error?.code], ['failed', 'PORM_IMPORT_BAD_HEADER']);
    const missing = await importCsv('phone\n+14155550100\n', { columns: { Mobile: 'phone' } });
    assert.deepEqual([missing.status, missing.error?.code], ['failed', 'PORM_IMPORT_BAD_MAPPING']);
    const code = (r: { body: Record<string, unknown> }): unknown => r.body.code;
    assert.equal(code(await upload('phone\n', { columns: { phone: 'password' } })), 'PORM_IMPORT_BAD_MAPPING');
    assert.equal(code(await upload('phone\n', { unknown: 1 })), 'PORM_INVALID_FIELD');
    assert.equal(code(await upload('phone\n', { default_country: 'ZZ' })), 'PORM_INVALID_COUNTRY');
    assert.equal(code(await upload('phone\n', { list: 'lst_nope' })), 'PORM_LIST_NOT_FOUND');
    assert.equal(code(await upload('phone\n', { consent: { wording: ' ' } })), 'PORM_CONSENT_PROOF_MISSING');
    const wrongType = await upload('{"a":1}', undefined, undefined, 'application/json');
    assert.deepEqual([wrongType.status, wrongType.body.code], [415, 'PORM_IMPORT_UNSUPPORTED_UPLOAD']);
    const res = await fetch(`${h.url}/v1/imports?options=${encodeURIComponent('{bad')}`, { method: 'POST', headers: { ...auth(), 'content-type': 'text/csv' }, body: 'phone\n' });
    assert.equal((await res.json() as Record<string, unknown>).code, 'PORM_INVALID_FIELD');
  });

  test('multipart upload, with the options as a field', async () => {
    const form = new FormData();
    form.append('options', JSON.stringify({ default_country: 'GB' }));
    form.append('file', new Blob(['phone,name\n020 7946 0019,London\n'], { type: 'text/csv' }), 'people.csv');
    const res = await fetch(`${h.url}/v1/imports`, { method: 'POST', headers: auth(), body: form });
    assert.equal(res.status, 202);
    const done = await finished(String((await res.json() as Record<string, unknown>).id));
    assert.equal(done.created, 1, JSON.stringify(done));
    assert.equal((await contact('+442079460019'))?.name, 'London');
  });

  test('cancel stops between batches; the committed rows stay; a finished import cannot be canceled', async () => {
    const imports = h.porm.services.contacts.imports;
    const accountId = h.porm.bootstrap.accountId;
    const created = await imports.create(accountId, 'big.csv', {});
    const rows = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `+1202555${String(from + i).padStart(4, '0')}\n`).join('');
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(`phone\n${rows(0, BATCH_ROWS * 1.5)}`);
      // The first batch (BATCH_ROWS rows) has committed by the time the reader asks for more.
      await imports.cancel(accountId, created.id);
      yield Buffer.from(rows(BATCH_ROWS * 1.5, BATCH_ROWS * 1.5));
    }
    const ended = await imports.run(accountId, created.id, source());
    assert.equal(ended.status, 'canceled');
    assert.equal(ended.created, BATCH_ROWS);
    const stored = await h.porm.services.store.db.selectFrom('contact_profiles').select('id').where('account_id', '=', accountId).where('import_id', '=', created.id).execute();
    assert.equal(stored.length, BATCH_ROWS, 'exactly the committed batch stays');
    const again = await fetch(`${h.url}/v1/imports/${created.id}/cancel`, { method: 'POST', headers: auth() });
    assert.deepEqual([again.status, (await again.json() as Record<string, unknown>).code], [409, 'PORM_IMPORT_NOT_RUNNING']);
  });

  test('another account sees nothing of an import', async () => {
    const mine = await importCsv('phone\n+14155550195\n');
    for (const path of [`/v1/imports/${mine.id}`, `/v1/imports/${mine.id}/errors`]) {
      const res = await fetch(`${h.url}${path}`, { headers: auth(keyB) });
      assert.deepEqual([res.status, (await res.json() as Record<string, unknown>).code], [404, 'PORM_IMPORT_NOT_FOUND']);
    }
    const cancel = await fetch(`${h.url}/v1/imports/${mine.id}/cancel`, { method: 'POST', headers: auth(keyB) });
    assert.equal(cancel.status, 404);
    const list = await fetch(`${h.url}/v1/imports`, { headers: auth(keyB) });
    assert.deepEqual((await list.json() as { data: unknown[] }).data, []);
  });
});
