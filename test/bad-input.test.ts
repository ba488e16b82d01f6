import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { cleanup, request, startHarness, type ApiResponse, type Harness } from './helpers/harness.ts';
import { noisePng } from './helpers/images.ts';

// Every bad input gets a 4xx problem+json with a precise code and field pointers, and leaves
// nothing behind. Workers are stopped so the row counts only move when a request writes.

type Field = [field: string, code: string];
type Counts = Record<'messages' | 'events' | 'idempotency' | 'jobs' | 'media' | 'deliveries', number>;

const FROM = '+14155550199';
const TO = '+14155550100';
const ok = { to: TO, from: FROM, body: 'hello' };

let h: Harness;

/** Row counts through porm's own store, so the same checks hold on SQLite and on PostgreSQL. */
async function counts(): Promise<Counts> {
  const db = h.porm.services.store.db;
  const n = async (table: string): Promise<number> => Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
  return {
    messages: await n('messages'),
    events: await n('message_events'),
    idempotency: await n('idempotency_keys'),
    // The workers are stopped (before()), so a job written by a refused request would still be here.
    jobs: await n('jobs'),
    media: await n('media'),
    deliveries: await n('webhook_deliveries'),
  };
}

function mediaFiles(): string[] {
  const root = join(h.dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

function assertProblem(res: ApiResponse, status: number, code: string, fields?: Field[]): void {
  assert.equal(res.status, status, res.text);
  assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
  assert.equal(res.body.code, code, res.text);
  assert.equal(res.body.status, status);
  assert.equal(res.body.type, `urn:porm:error:${code}`);
  if (fields) {
    const got = ((res.body.errors ?? []) as Array<{ field: string; code: string }>).map((e): Field => [e.field, e.code]);
    assert.deepEqual(got.sort(), [...fields].sort(), res.text);
  }
}

/** Sends a bad request and proves it was rejected as expected with no row or file added. */
async function rejects(send: () => Promise<ApiResponse>, status: number, code: string, fields?: Field[]): Promise<ApiResponse> {
  const before = await counts();
  const files = mediaFiles();
  const res = await send();
  assertProblem(res, status, code, fields);
  assert.deepEqual(await counts(), before, 'nothing was stored');
  assert.deepEqual(mediaFiles(), files, 'no media file was written');
  return res;
}

const post = (body: unknown, headers?: Record<string, string>) => () => h.api('POST', '/v1/messages', body, headers);
const raw = (text: string, type = 'application/json') => () => h.api('POST', '/v1/messages', text, { 'content-type': type });
const upload = (form: FormData) => () => h.api('POST', '/v1/media', form);
function fileForm(bytes: number, name = 'file', filename = 'a.bin'): FormData {
  const form = new FormData();
  // Plain text bytes: a type porm accepts, so only the size decides.
  form.append(name, new Blob([new Uint8Array(bytes).fill(0x61)], { type: 'text/plain' }), filename);
  return form;
}

before(async () => {
  h = await startHarness({ PORM_MEDIA_MAX_UPLOAD_BYTES: '2048' });
  await h.porm.workers?.stop();
});
after(async () => {
  await h.stop();
  cleanup(h.dataDir);
});

describe('POST /v1/messages: body encoding', () => {
  test('malformed JSON is PORM_INVALID_JSON', async () => {
    for (const text of ['{"to":', '{to: "+14155550100"}', "{'to':'x'}", '{"to":"+14155550100",}', 'nul', '\u0000']) {
      await rejects(raw(text), 400, 'PORM_INVALID_JSON');
    }
  });

  test('an empty body with a JSON content type is PORM_INVALID_JSON', async () => {
    await rejects(raw(''), 400, 'PORM_INVALID_JSON');
    await rejects(() => request(h.url, 'POST', '/v1/messages', undefined, { authorization: `Bearer ${h.key}`, 'content-type': 'application/json' }), 400, 'PORM_INVALID_JSON');
  });

  test('a non-JSON content type is 415 PORM_UNSUPPORTED_CONTENT_TYPE', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
      await rejects(raw(JSON.stringify(ok), type), 415, 'PORM_UNSUPPORTED_CONTENT_TYPE');
    }
  });

  test('a JSON body that is not an object is PORM_INVALID_FIELD at /', async () => {
    for (const text of ['[]', 'null', '"hello"', '42', 'true']) await rejects(raw(text), 400, 'PORM_INVALID_FIELD', [['/', 'PORM_INVALID_FIELD']]);
  });

  test('prototype-poisoning keys are refused at parse time', async () => {
    await rejects(raw('{"to":"+14155550100","from":"+14155550199","body":"x","__proto__":{"admin":true}}'), 400, 'PORM_INVALID_JSON');
  });

  test('a request body over http.bodyLimitBytes is 413 PORM_PAYLOAD_TOO_LARGE', async () => {
    assert.equal(h.config.http.bodyLimitBytes, 1_048_576);
    await rejects(post({ ...ok, body: 'x'.repeat(1_048_577) }), 413, 'PORM_PAYLOAD_TOO_LARGE');
  });
});

describe('POST /v1/messages: fields', () => {
  test('each field with the wrong type is PORM_INVALID_FIELD at its pointer', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ to: 14155550100 }, '/to'], [{ to: null }, '/to'], [{ from: true }, '/from'], [{ body: ['x'] }, '/body'],
      [{ subject: {} }, '/subject'], [{ media: 'https://example.com/a.png' }, '/media'], [{ media: [1] }, '/media/0'],
      [{ media: [{ url: 1 }] }, '/media/0/url'], [{ media: [{ id: 5 }] }, '/media/0/id'], [{ status_callback: 2 }, '/status_callback'],
      [{ send_at: 1893456000000 }, '/send_at'], [{ validity_period: '60' }, '/validity_period'], [{ metadata: 'x' }, '/metadata'],
      [{ metadata: [] }, '/metadata'], [{ metadata: null }, '/metadata'], [{ body: 'x'.repeat(10), to: 'x'.repeat(33) }, '/to'],
      [{ media: [{ url: `https://example.com/${'a'.repeat(2048)}` }] }, '/media/0/url'], [{ send_at: `2030-01-01T00:00:00${'0'.repeat(60)}Z` }, '/send_at'],
    ];
    for (const [patch, field] of cases) await rejects(post({ ...ok, ...patch }), 400, 'PORM_INVALID_FIELD', [[field, 'PORM_INVALID_FIELD']]);
  });

  test('unknown fields are PORM_UNKNOWN_FIELD, top level and nested, with RFC 6901 escaping', async () => {
    await rejects(post({ ...ok, bodyy: 'typo' }), 400, 'PORM_UNKNOWN_FIELD', [['/bodyy', 'PORM_UNKNOWN_FIELD']]);
    await rejects(post({ ...ok, media: [{ url: 'https://example.com/a.png', caption: 'x' }] }), 400, 'PORM_UNKNOWN_FIELD', [['/media/0/caption', 'PORM_UNKNOWN_FIELD']]);
    await rejects(post({ ...ok, 'a/b~c': 1 }), 400, 'PORM_UNKNOWN_FIELD', [['/a~1b~0c', 'PORM_UNKNOWN_FIELD']]);
  });

  test('missing to and from are PORM_MISSING_FIELD each; no body and no media is /body', async () => {
    await rejects(post({ body: 'x' }), 400, 'PORM_MISSING_FIELD', [['/to', 'PORM_MISSING_FIELD'], ['/from', 'PORM_MISSING_FIELD']]);
    await rejects(post({ from: FROM, body: 'x' }), 400, 'PORM_MISSING_FIELD', [['/to', 'PORM_MISSING_FIELD']]);
    await rejects(post({ to: TO, from: FROM }), 400, 'PORM_MISSING_FIELD', [['/body', 'PORM_MISSING_FIELD']]);
    await rejects(post({ to: TO, from: FROM, body: '', media: [] }), 400, 'PORM_MISSING_FIELD', [['/body', 'PORM_MISSING_FIELD']]);
  });

  test('numbers that are not valid E.164 are PORM_INVALID_PHONE_NUMBER', async () => {
    for (const to of ['4155550100', '+1415', '+1415555010A', '+1415555ABCD', '+999123456789', '+4400000000', '+0123456789', '+1 415 555 0100', '+14155550100 ', '']) {
      await rejects(post({ ...ok, to }), 400, 'PORM_INVALID_PHONE_NUMBER', [['/to', 'PORM_INVALID_PHONE_NUMBER']]);
    }
    await rejects(post({ ...ok, from: 'ACME' }), 400, 'PORM_INVALID_PHONE_NUMBER', [['/from', 'PORM_INVALID_PHONE_NUMBER']]);
    await rejects(post({ ...ok, to: '12', from: '12' }), 400, 'PORM_INVALID_PHONE_NUMBER', [['/to', 'PORM_INVALID_PHONE_NUMBER'], ['/from', 'PORM_INVALID_PHONE_NUMBER']]);
  });

  test('body length counts characters: 1601 is PORM_BODY_TOO_LONG, 1600 emoji are accepted', async () => {
    await rejects(post({ ...ok, body: 'x'.repeat(1601) }), 400, 'PORM_BODY_TOO_LONG', [['/body', 'PORM_BODY_TOO_LONG']]);
    await rejects(post({ ...ok, body: '😀'.repeat(1601) }), 400, 'PORM_BODY_TOO_LONG', [['/body', 'PORM_BODY_TOO_LONG']]);
    await rejects(post({ ...ok, subject: 's'.repeat(201) }), 400, 'PORM_INVALID_FIELD', [['/subject', 'PORM_INVALID_FIELD']]);
    // 1600 characters is the MMS text limit; as SMS the same text would be 49 segments (PORM_SMS_BODY_TOO_LONG).
    const body = '😀'.repeat(1600);
    const res = await h.api('POST', '/v1/messages', { ...ok, body, channel: 'mms' });
    assert.equal(res.status, 201, res.text);
    assert.equal((await h.api('GET', `/v1/messages/${String(res.body.id)}`)).body.body, body);
  });

  test('media: more than 10 items, both or neither of url and id', async () => {
    const item = { url: 'https://example.com/a.png' };
    await rejects(post({ ...ok, media: Array.from({ length: 11 }, () => item) }), 400, 'PORM_TOO_MANY_MEDIA', [['/media', 'PORM_TOO_MANY_MEDIA']]);
    await rejects(post({ ...ok, media: [item, { url: item.url, id: `med_${'0'.repeat(26)}` }] }), 400, 'PORM_INVALID_FIELD', [['/media/1', 'PORM_INVALID_FIELD']]);
    await rejects(post({ ...ok, media: [{}] }), 400, 'PORM_INVALID_FIELD', [['/media/0', 'PORM_INVALID_FIELD']]);
    await rejects(post({ ...ok, media: [{ id: 'abc' }] }), 400, 'PORM_INVALID_FIELD', [['/media/0/id', 'PORM_INVALID_FIELD']]);
    await rejects(post({ ...ok, media: [{ id: 'med_doesnotexist' }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', [['/media/0/id', 'PORM_INVALID_MEDIA_REFERENCE']]);
    await rejects(post({ ...ok, media: [{ id: `med_${'0'.repeat(26)}` }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', [['/media/0/id', 'PORM_INVALID_MEDIA_REFERENCE']]);
  });

  const badUrls = ['ftp://example.com/a.png', 'javascript:alert(1)', 'https://user:pass@example.com/a.png', 'https://user@example.com/a.png',
    '/relative/a.png', 'example.com/a.png', 'https://', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'https://exa mple.com/'];

  test('bad media URLs are PORM_INVALID_URL at /media/i/url', async () => {
    for (const url of badUrls) await rejects(post({ ...ok, media: [{ url }] }), 400, 'PORM_INVALID_URL', [['/media/0/url', 'PORM_INVALID_URL']]);
  });

  test('a bad status_callback is PORM_INVALID_URL', async () => {
    for (const url of badUrls) await rejects(post({ ...ok, status_callback: url }), 400, 'PORM_INVALID_URL', [['/status_callback', 'PORM_INVALID_URL']]);
  });

  test('bad send_at values are PORM_INVALID_SEND_AT', async () => {
    const tooFar = new Date(Date.now() + 36 * 24 * 3600 * 1000).toISOString();
    for (const sendAt of ['tomorrow', '2030-01-01', '2030-01-01T09:00:00', '2030-01-01 09:00:00Z', '2021-13-01T00:00:00Z', '', tooFar]) {
      await rejects(post({ ...ok, send_at: sendAt }), 400, 'PORM_INVALID_SEND_AT', [['/send_at', 'PORM_INVALID_SEND_AT']]);
    }
  });

  test('impossible calendar dates in send_at are PORM_INVALID_SEND_AT, not rolled over', async () => {
    for (const sendAt of ['2021-02-30T10:00:00Z', '2021-04-31T10:00:00Z', '2021-01-01T24:00:00Z']) {
      await rejects(post({ ...ok, send_at: sendAt }), 400, 'PORM_INVALID_SEND_AT', [['/send_at', 'PORM_INVALID_SEND_AT']]);
    }
  });

  test('validity_period must be an integer from 1 to 14 days', async () => {
    for (const vp of [0, -1, 14 * 24 * 3600 + 1, 1e12, 1.5]) {
      await rejects(post({ ...ok, validity_period: vp }), 400, 'PORM_INVALID_FIELD', [['/validity_period', 'PORM_INVALID_FIELD']]);
    }
    await rejects(raw(`{"to":"${TO}","from":"${FROM}","body":"x","validity_period":1e400}`), 400, 'PORM_INVALID_FIELD', [['/validity_period', 'PORM_INVALID_FIELD']]);
  });

  test('metadata over 4 KB or nested deeper than 16 levels is PORM_INVALID_FIELD; 16 levels are echoed exactly', async () => {
    await rejects(post({ ...ok, metadata: { blob: 'x'.repeat(4100) } }), 400, 'PORM_INVALID_FIELD', [['/metadata', 'PORM_INVALID_FIELD']]);
    let nested: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 15; i++) nested = { a: nested };
    await rejects(post({ ...ok, metadata: { a: nested } }), 400, 'PORM_INVALID_FIELD', [['/metadata', 'PORM_INVALID_FIELD']]);
    const res = await h.api('POST', '/v1/messages', { ...ok, metadata: nested });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual((await h.api('GET', `/v1/messages/${String(res.body.id)}`)).body.metadata, nested);
  });

  test('deeply nested metadata is a clean 400, never a 500', async () => {
    for (const depth of [10_000, 100_000]) {
      const text = `{"to":"${TO}","from":"${FROM}","body":"x","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      await rejects(raw(text), 400, 'PORM_INVALID_FIELD', [['/metadata', 'PORM_INVALID_FIELD']]);
    }
  });

  test('NUL characters are refused in body and subject (no carrier carries them, PostgreSQL text cannot hold them), and kept exactly in metadata', async () => {
    await rejects(post({ ...ok, body: '\u0000a\u0000b' }), 400, 'PORM_INVALID_FIELD', [['/body', 'PORM_INVALID_FIELD']]);
    await rejects(post({ ...ok, subject: 's\u0000' }), 400, 'PORM_INVALID_FIELD', [['/subject', 'PORM_INVALID_FIELD']]);
    const metadata = { 'k\u0000': 'v\u0000w' };
    const res = await h.api('POST', '/v1/messages', { ...ok, metadata });
    assert.equal(res.status, 201, res.text);
    const got = await h.api('GET', `/v1/messages/${String(res.body.id)}`);
    assert.deepEqual(got.body.metadata, metadata);
  });

  test('text that is not well-formed Unicode (a lone surrogate) is rejected, not silently mangled', async () => {
    await rejects(raw(`{"to":"${TO}","from":"${FROM}","body":"a\\ud800b"}`), 400, 'PORM_INVALID_FIELD', [['/body', 'PORM_INVALID_FIELD']]);
  });

  test('a media id of another account is PORM_INVALID_MEDIA_REFERENCE', async () => {
    const { apiKey } = await h.porm.services.accounts.create('other');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await noisePng(8, 8))], { type: 'image/png' }), 'b.png');
    const up = await request(h.url, 'POST', '/v1/media', form, { authorization: `Bearer ${apiKey.key}` });
    assert.equal(up.status, 201, up.text);
    await rejects(post({ ...ok, media: [{ id: String(up.body.id) }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', [['/media/0/id', 'PORM_INVALID_MEDIA_REFERENCE']]);
  });

  test('invalid Idempotency-Key values are PORM_INVALID_IDEMPOTENCY_KEY', async () => {
    for (const key of ['', 'has space', 'k'.repeat(256), 'caf\u00e9', 'k'.repeat(8000), 'tab\there']) {
      await rejects(post(ok, { 'idempotency-key': key }), 400, 'PORM_INVALID_IDEMPOTENCY_KEY');
    }
  });
});

describe('authentication', () => {
  const withAuth = (authorization?: string) => () =>
    request(h.url, 'POST', '/v1/messages', ok, authorization === undefined ? {} : { authorization });

  test('missing or malformed Authorization is PORM_AUTH_MISSING', async () => {
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', h.key, `Bearer ${'a'.repeat(8000)}`]) {
      await rejects(withAuth(header), 401, 'PORM_AUTH_MISSING');
    }
  });

  test('an unknown key is PORM_AUTH_INVALID; a revoked key is PORM_AUTH_REVOKED', async () => {
    await rejects(withAuth('Bearer porm_00000000000000000000000000000000'), 401, 'PORM_AUTH_INVALID');
    await rejects(withAuth(`Bearer ${h.key}x`), 401, 'PORM_AUTH_INVALID');
    const created = await h.porm.services.keys.create(h.porm.bootstrap.accountId, 'to revoke');
    const okRes = await request(h.url, 'GET', '/v1/account', undefined, { authorization: `Bearer ${created.key}` });
    assert.equal(okRes.status, 200, okRes.text);
    // Scoped to another account, the revoke finds nothing and the key keeps working.
    assert.equal(await h.porm.services.keys.revoke(created.id, 'acct_someone_else'), false);
    assert.equal((await request(h.url, 'GET', '/v1/account', undefined, { authorization: `Bearer ${created.key}` })).status, 200);
    assert.equal(await h.porm.services.keys.revoke(created.id, h.porm.bootstrap.accountId), true);
    await rejects(withAuth(`Bearer ${created.key}`), 401, 'PORM_AUTH_REVOKED');
    await rejects(() => request(h.url, 'GET', '/v1/messages', undefined, { authorization: `Bearer ${created.key}` }), 401, 'PORM_AUTH_REVOKED');
  });

  test('authentication is checked before the body is parsed', async () => {
    await rejects(() => request(h.url, 'POST', '/v1/messages', '{not json', { 'content-type': 'application/json' }), 401, 'PORM_AUTH_MISSING');
  });
});

describe('routes and query parameters', () => {
  test('unknown routes are PORM_NOT_FOUND problems', async () => {
    for (const [method, path] of [['GET', '/v1/nope'], ['POST', '/v1/messages/msg_x/resend'], ['GET', '/nope'], ['GET', '/v2/messages']] as const) {
      await rejects(() => h.api(method, path), 404, 'PORM_NOT_FOUND');
    }
    await rejects(() => request(h.url, 'GET', '/v1/nope'), 404, 'PORM_NOT_FOUND');
  });

  test('a known path with the wrong method is 405 PORM_METHOD_NOT_ALLOWED', async () => {
    await rejects(() => h.api('DELETE', `/v1/messages/msg_${'0'.repeat(26)}`), 405, 'PORM_METHOD_NOT_ALLOWED');
    await rejects(() => h.api('PUT', '/v1/messages'), 405, 'PORM_METHOD_NOT_ALLOWED');
  });

  test('an unknown message id is PORM_MESSAGE_NOT_FOUND; an over-long one is invalid', async () => {
    await rejects(() => h.api('GET', `/v1/messages/msg_${'0'.repeat(26)}`), 404, 'PORM_MESSAGE_NOT_FOUND');
    await rejects(() => h.api('POST', `/v1/messages/msg_${'0'.repeat(26)}/cancel`), 404, 'PORM_MESSAGE_NOT_FOUND');
    await rejects(() => h.api('GET', `/v1/messages/${'x'.repeat(65)}`), 400, 'PORM_INVALID_FIELD', [['/params/id', 'PORM_INVALID_FIELD']]);
  });

  const badQueries: Array<[query: string, code: string, param: string | null]> = [
    ['status=bogus', 'PORM_INVALID_FIELD', 'status'], ['limit=0', 'PORM_INVALID_FIELD', 'limit'], ['limit=1000', 'PORM_INVALID_FIELD', 'limit'],
    ['limit=ten', 'PORM_INVALID_FIELD', 'limit'], ['limit=1.5', 'PORM_INVALID_FIELD', 'limit'],
    ['created_after=yesterday', 'PORM_INVALID_FIELD', 'created_after'], [`cursor=${'c'.repeat(201)}`, 'PORM_INVALID_FIELD', 'cursor'],
    ['color=red', 'PORM_UNKNOWN_FIELD', 'color'], ['to=abc', 'PORM_INVALID_PHONE_NUMBER', 'to'],
    [`from=${encodeURIComponent('+999123456789')}`, 'PORM_INVALID_PHONE_NUMBER', 'from'],
    ['cursor=bm9wZQ', 'PORM_INVALID_CURSOR', null], [`cursor=${Buffer.from(`whd_${'0'.repeat(26)}`).toString('base64url')}`, 'PORM_INVALID_CURSOR', null],
  ];

  test('bad query parameters on GET /v1/messages get precise codes', async () => {
    for (const [query, code] of badQueries) await rejects(() => h.api('GET', `/v1/messages?${query}`), 400, code);
  });

  test('query parameter errors all point at /query/<name>, schema-checked or not', async () => {
    for (const [query, code, param] of badQueries) {
      if (param !== null) await rejects(() => h.api('GET', `/v1/messages?${query}`), 400, code, [[`/query/${param}`, code]]);
    }
  });
});

describe('hostile headers', () => {
  test('headers over the server limit still get a problem+json answer', async () => {
    const res = await h.api('GET', '/v1/messages', undefined, { 'x-padding': 'a'.repeat(20_000) });
    assert.equal(res.status, 431);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.match(String(res.body.code), /^PORM_/);
  });

  test('a huge client x-request-id is not reflected back', async () => {
    const res = await h.api('GET', '/v1/messages?limit=1', undefined, { 'x-request-id': 'r'.repeat(8000) });
    assert.equal(res.status, 200, res.text);
    assert.ok(String(res.headers.get('x-request-id')).length <= 200, 'request id is bounded');
  });
});

describe('POST /v1/media: bad uploads', () => {
  test('a file over media.maxUploadBytes is 413 PORM_MEDIA_TOO_LARGE with nothing stored', async () => {
    assert.equal(h.config.media.maxUploadBytes, 2048);
    await rejects(upload(fileForm(2049)), 413, 'PORM_MEDIA_TOO_LARGE');
    await rejects(upload(fileForm(64 * 1024)), 413, 'PORM_MEDIA_TOO_LARGE');
    const exact = await h.api('POST', '/v1/media', fileForm(2048));
    assert.equal(exact.status, 201, exact.text);
  });

  test('multipart without a part named file is PORM_INVALID_MULTIPART', async () => {
    const fieldsOnly = new FormData();
    fieldsOnly.append('note', 'no file here');
    await rejects(upload(fieldsOnly), 400, 'PORM_INVALID_MULTIPART');
    await rejects(upload(fileForm(10, 'upload')), 400, 'PORM_INVALID_MULTIPART');
  });

  test('two file parts are PORM_INVALID_MULTIPART, not a silently dropped file', async () => {
    const form = fileForm(10);
    form.append('file', new Blob([new Uint8Array([9, 9])]), 'second.bin');
    await rejects(upload(form), 400, 'PORM_INVALID_MULTIPART');
  });

  test('an empty file is PORM_MEDIA_EMPTY', async () => {
    await rejects(upload(fileForm(0)), 400, 'PORM_MEDIA_EMPTY');
  });

  test('malformed multipart is PORM_INVALID_MULTIPART, never a 500', async () => {
    await rejects(() => h.api('POST', '/v1/media', 'garbage', { 'content-type': 'multipart/form-data; boundary=xyz' }), 400, 'PORM_INVALID_MULTIPART');
    await rejects(() => h.api('POST', '/v1/media', 'garbage', { 'content-type': 'multipart/form-data' }), 400, 'PORM_INVALID_MULTIPART');
  });

  test('JSON or text to /v1/media is 415 PORM_UNSUPPORTED_CONTENT_TYPE', async () => {
    await rejects(() => h.api('POST', '/v1/media', { file: 'aGVsbG8=' }), 415, 'PORM_UNSUPPORTED_CONTENT_TYPE');
    await rejects(() => h.api('POST', '/v1/media', 'hello', { 'content-type': 'text/plain' }), 415, 'PORM_UNSUPPORTED_CONTENT_TYPE');
  });
});
