import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, request, startHarness, waitForStatus, withHarness, type ApiResponse, type Harness } from './helpers/harness.ts';
import { PORM_LOGO_SVG } from '../src/api/docs-page/porm-logo.ts';

// Rough edges a newcomer hit in the API (issue #10): each is fixed and checked here over real HTTP.

function problem(res: ApiResponse, status: number, code: string, field?: string): Array<{ field: string; code: string; message: string }> {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.code, code, res.text);
  assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
  const errors = (res.body.errors ?? []) as Array<{ field: string; code: string; message: string }>;
  if (field !== undefined) assert.ok(errors.some((e) => e.field === field && e.code === code), `${field} ${code} in ${res.text}`);
  return errors;
}

async function withPorm(env: Record<string, string>, use: (h: Harness, lines: string[]) => Promise<void>): Promise<void> {
  const lines: string[] = [];
  const h = await startHarness(env, undefined, { write: (line) => lines.push(line) });
  try {
    await use(h, lines);
  } finally {
    await h.stop();
    cleanup(h.dataDir);
  }
}

const base = { to: '+14155550100', from: '+14155550199', body: 'hi' };

describe('request bodies are validated strictly in every route plugin', () => {
  let h: Harness;
  withHarness((started) => { h = started; });

  test('a plugin with its own schemas (addSchema) does not coerce: {"url": 123} is refused, not stored as "123"', async () => {
    problem(await h.api('POST', '/v1/webhooks', { url: 123 }), 400, 'PORM_INVALID_FIELD', '/url');
    problem(await h.api('POST', '/v1/webhooks', { url: 'https://hooks.example/x', enabled: 'true' }), 400, 'PORM_INVALID_FIELD', '/enabled');
    problem(await h.api('POST', '/v1/numbers', { number: 14155550123 }), 400, 'PORM_INVALID_FIELD', '/number');
    const list = await h.api('GET', '/v1/webhooks');
    assert.deepEqual(list.body.data, []);
  });
});

describe('bad bodies say what is wrong', () => {
  let h: Harness;
  withHarness((started) => { h = started; });

  test('malformed JSON: PORM_INVALID_JSON with line, column and offset', async () => {
    const res = await h.api('POST', '/v1/messages', '{"to": "+14155550100",\n  "body": }', { 'content-type': 'application/json' });
    problem(res, 400, 'PORM_INVALID_JSON');
    // The position is the point of this error, so its words are checked.
    assert.match(String(res.body.detail), /line 2, column 11 \(offset 33\)/);
    problem(await h.api('POST', '/v1/messages', '', { 'content-type': 'application/json' }), 400, 'PORM_INVALID_JSON');
    problem(await h.api('POST', '/v1/messages', '{"__proto__": {"x": 1}}', { 'content-type': 'application/json' }), 400, 'PORM_INVALID_JSON');
  });

  test('an unknown field suggests the field meant (camelCase → snake_case, typos)', async () => {
    const [camel] = problem(await h.api('POST', '/v1/messages', { ...base, statusCallback: 'https://e.example/cb' }), 400, 'PORM_UNKNOWN_FIELD', '/statusCallback');
    assert.match(camel!.message, /did you mean "status_callback"/);
    const [typo] = problem(await h.api('POST', '/v1/messages', { ...base, subjet: 'x' }), 400, 'PORM_UNKNOWN_FIELD', '/subjet');
    assert.match(typo!.message, /did you mean "subject"/);
    const [none] = problem(await h.api('POST', '/v1/messages', { ...base, recipient: 'x' }), 400, 'PORM_UNKNOWN_FIELD', '/recipient');
    assert.doesNotMatch(none!.message, /did you mean/);
  });

  test('a form-encoded body to /v1 is told that /v1 takes JSON', async () => {
    const res = await h.api('POST', '/v1/messages', 'To=%2B14155550100&Body=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    problem(res, 415, 'PORM_UNSUPPORTED_CONTENT_TYPE');
    assert.match(String(res.body.detail), /application\/json/);
    const upload = await h.api('POST', '/v1/media', 'file=x', { 'content-type': 'application/x-www-form-urlencoded' });
    problem(upload, 415, 'PORM_UNSUPPORTED_CONTENT_TYPE');
    assert.match(String(upload.body.detail), /multipart\/form-data/);
  });
});

describe('private-network targets are refused when given, not after a 201', () => {
  test('webhook endpoints on loopback/private addresses: PORM_URL_BLOCKED unless webhooks.allowPrivateNetworks', async () => {
    await withPorm({ PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false', PORM_LOG_LEVEL: 'warn' }, async (h, lines) => {
      for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest']) {
        problem(await h.api('POST', '/v1/webhooks', { url }), 422, 'PORM_URL_BLOCKED', '/url');
      }
      const ok = await h.api('POST', '/v1/webhooks', { url: 'https://hooks.example/porm' });
      assert.equal(ok.status, 201, ok.text);
      problem(await h.api('PATCH', `/v1/webhooks/${String(ok.body.id)}`, { url: 'http://127.0.0.1/hook' }), 422, 'PORM_URL_BLOCKED', '/url');
      assert.equal((await h.api('GET', `/v1/webhooks/${String(ok.body.id)}`)).body.url, 'https://hooks.example/porm');
      assert.ok(!lines.some((l) => /allowPrivateNetworks/.test(l)), 'no warning when private networks are not allowed');
    });
    await withPorm({ PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', PORM_LOG_LEVEL: 'warn' }, async (h, lines) => {
      const res = await h.api('POST', '/v1/webhooks', { url: 'http://127.0.0.1:8080/hook' });
      assert.equal(res.status, 201, res.text);
      const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.setting === 'webhooks.allowPrivateNetworks');
      assert.ok(warning, `a warning at start: ${lines.join('')}`);
      assert.equal(warning.level, 40);
    });
  });

  test('media URLs on literal private addresses or localhost: PORM_URL_BLOCKED unless media.allowPrivateNetworks', async () => {
    await withPorm({}, async (h) => {
      for (const url of ['http://127.0.0.1/a.jpg', 'http://localhost:9000/a.jpg', 'http://192.168.0.10/a.jpg', 'http://[::ffff:10.0.0.1]/a.jpg']) {
        problem(await h.api('POST', '/v1/messages', { ...base, media: [{ url: 'https://cdn.example/ok.jpg' }, { url }] }), 422, 'PORM_URL_BLOCKED', '/media/1/url');
      }
      const list = await h.api('GET', '/v1/messages');
      assert.deepEqual(list.body.data, [], 'nothing was stored');
      const publicUrl = await h.api('POST', '/v1/messages', { ...base, media: [{ url: 'https://cdn.example/a.jpg' }] });
      assert.equal(publicUrl.status, 201, publicUrl.text);
    });
    await withPorm({ PORM_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' }, async (h) => {
      const res = await h.api('POST', '/v1/messages', { ...base, media: [{ url: 'http://127.0.0.1:9/a.jpg' }] });
      assert.equal(res.status, 201, res.text);
    });
  });
});

describe('media ids and handset views say what is the matter', () => {
  let h: Harness;
  withHarness((started) => { h = started; }, { PORM_SANDBOX_DELIVERY_DELAY_MS: '60000' });

  test('an id that looks like a media id but names none: PORM_INVALID_MEDIA_REFERENCE; not an id at all: PORM_INVALID_FIELD', async () => {
    const [unknown] = problem(await h.api('POST', '/v1/messages', { ...base, body: undefined, media: [{ id: 'med_doesnotexist' }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', '/media/0/id');
    assert.match(unknown!.message, /no media med_doesnotexist exists in this account/);
    problem(await h.api('POST', '/v1/messages', { ...base, media: [{ id: `med_${'0'.repeat(26)}` }] }), 400, 'PORM_INVALID_MEDIA_REFERENCE', '/media/0/id');
    problem(await h.api('POST', '/v1/messages', { ...base, media: [{ id: 'photo.jpg' }] }), 400, 'PORM_INVALID_FIELD', '/media/0/id');
  });

  test('the handset view of a message not sent yet: PORM_MESSAGE_NOT_SENT_YET', async () => {
    // The handset view is the sandbox MMSC's: these go as MMS (a text alone would go as SMS).
    const later = await h.api('POST', '/v1/messages', { ...base, channel: 'mms', send_at: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(later.status, 201, later.text);
    problem(await h.api('GET', `/v1/messages/${String(later.body.id)}/handset`), 409, 'PORM_MESSAGE_NOT_SENT_YET');
    const now = await h.api('POST', '/v1/messages', { ...base, channel: 'mms' });
    await waitForStatus(h, String(now.body.id), 'sent');
    assert.equal((await h.api('GET', `/v1/messages/${String(now.body.id)}/handset`)).status, 200);
  });
});

describe('the OpenAPI document and its docs page', () => {
  let h: Harness;
  withHarness((started) => { h = started; });

  test('only /v1 takes the bearer key: health, metrics, media URLs are public and MM7 uses Basic', async () => {
    const doc = (await request(h.url, 'GET', '/openapi.json')).body as { security: unknown; paths: Record<string, Record<string, { security?: unknown }>> };
    assert.deepEqual(doc.security, [{ bearer: [] }]);
    for (const path of ['/healthz', '/readyz', '/metrics', '/media/{token}', '/v1/schema/template.json']) {
      for (const [method, op] of Object.entries(doc.paths[path]!)) assert.deepEqual(op.security, [], `${method} ${path}`);
    }
    const mm7 = Object.entries(doc.paths).filter(([p]) => p.startsWith('/mm7/'));
    assert.ok(mm7.length > 0);
    for (const [path, ops] of mm7) for (const op of Object.values(ops)) assert.deepEqual(op.security, [{ mm7Basic: [] }], path);
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (path.startsWith('/v1/') && path !== '/v1/schema/template.json') for (const op of Object.values(ops)) assert.equal(op.security, undefined, path);
    }
    // And they really are public.
    for (const path of ['/healthz', '/readyz', '/metrics']) assert.equal((await request(h.url, 'GET', path)).status, 200, path);
  });

  test('/docs is branded porm: title, favicon and logo', async () => {
    const page = await request(h.url, 'GET', '/docs/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<title>porm API<\/title>/);
    assert.match(page.text, /rel="icon" type="image\/svg\+xml" href="\.\/static\/theme\/porm-icon\.svg"/);
    assert.equal((await request(h.url, 'GET', '/docs/static/theme/porm-icon.svg')).status, 200);
    const init = await request(h.url, 'GET', '/docs/static/swagger-initializer.js');
    assert.ok(init.text.includes(Buffer.from(PORM_LOGO_SVG).toString('base64')), 'the top bar shows porm\'s logo');
  });
});
