// The compose and import forms read by the dashboard's one multipart reader, over real HTTP with
// hostile bodies: each refusal carries its stable code by the file field (or the field at fault),
// the file name is kept without its path, and a forged form never gets a file written, neither a
// spooled CSV nor a stored media object.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as signInOwner, person, visit, type Jar } from '../helpers/dashboard-http.ts';
import { noisePng } from '../helpers/images.ts';

const B = 'XyZ';
const field = (name: string, value: string): string => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (filename: string, type: string, body: string | Buffer): Buffer => Buffer.concat([
  Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n'),
]);
const end = `--${B}--\r\n`;

/** Every file under `dir`, recursively (the disk media store shards by hash). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the compose and import forms\' multipart reading', () => {
  let h: Harness;
  let member: Jar;
  withHarness((harness) => { h = harness; }, { PORM_MEDIA_MAX_UPLOAD_BYTES: '300000' });
  before(async () => {
    await signInOwner(h);
    member = await person(h, 'member', 'mia@example.com');
  });

  const post = async (path: string, parts: Array<string | Buffer>): Promise<{ status: number; text: string; location: string | null }> => {
    const cookie = [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${h.url}${path}`, { method: 'POST', redirect: 'manual', body: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))), headers: { cookie, 'content-type': `multipart/form-data; boundary=${B}` } });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
  const csrf = async (path: string): Promise<string> => csrfOf((await visit(h, member, 'GET', path)).text);
  const spooled = (): string[] => filesUnder(join(h.dataDir, 'imports'));
  const media = (): string[] => filesUnder(join(h.dataDir, 'media'));
  const importError = (page: string): string => /<p class="error" id="f-file-error" role="alert">([^]*?)<\/p>/.exec(page)?.[1] ?? '';
  const composeError = (page: string, name: string): string => new RegExp(`<p class="field-error" id="${name}-error">([\\s\\S]*?)</p>`).exec(page)?.[1] ?? '';

  it('refuses an import with two files, or too many fields, by the file field, and spools nothing', async () => {
    const token = await csrf('/dashboard/imports');
    const two = await post('/dashboard/imports', [field('csrf', token), file('a.csv', 'text/csv', 'phone\n+14155550140\n'), file('b.csv', 'text/csv', 'phone\n+14155550141\n'), end]);
    assert.equal(two.status, 400, two.text.slice(0, 300));
    assert.match(importError(two.text), /<code>PORM_INVALID_MULTIPART<\/code>/);
    const many = await post('/dashboard/imports', [field('csrf', token), ...Array.from({ length: 12 }, (_, i) => field(`x${i}`, 'v')), file('a.csv', 'text/csv', 'phone\n+14155550140\n'), end]);
    assert.equal(many.status, 413, many.text.slice(0, 300));
    assert.match(many.text, /PORM_PAYLOAD_TOO_LARGE/);
    const cut = await post('/dashboard/imports', [field('csrf', token), `--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nphone\n+1415`]);
    assert.equal(cut.status, 400, cut.text.slice(0, 300));
    assert.match(importError(cut.text), /<code>PORM_INVALID_MULTIPART<\/code>/);
    assert.deepEqual(spooled(), []);
    assert.equal((await h.api('GET', '/v1/contacts/%2B14155550140')).status, 404);
  });

  it('keeps an import\'s file name without its path and shows it as text', async () => {
    const token = await csrf('/dashboard/imports');
    const res = await post('/dashboard/imports', [field('csrf', token), file('../../etc/<i onmouseover=alert(1)>.csv', 'text/csv', 'phone\n+14155550142\n'), end]);
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const id = /\/dashboard\/imports\/(imp_[0-9a-z]+)$/.exec(res.location ?? '')?.[1];
    assert.ok(id, res.location ?? '');
    const api = await h.api('GET', `/v1/imports/${id}`);
    assert.equal(api.body.file_name, '<i onmouseover=alert(1)>.csv', 'the name after its last slash');
    const shown = await visit(h, member, 'GET', `/dashboard/imports/${id}`);
    assert.ok(shown.text.includes('&lt;i onmouseover=alert(1)&gt;.csv'));
    assert.ok(!shown.text.includes('<i onmouseover'));
    await eventually(async () => (spooled().length === 0 ? true : undefined), 20_000, 'the import deletes its file');
  });

  it('refuses a compose form whose field is too long, by that field, and stores no media', async () => {
    const token = await csrf('/dashboard/compose');
    const before = media().length;
    const png = await noisePng(40, 30);
    const long = await post('/dashboard/compose', [field('csrf', token), field('body', 'x'.repeat(64 * 1024 + 1)), file('a.png', 'image/png', png), end]);
    assert.equal(long.status, 413, long.text.slice(0, 300));
    assert.match(composeError(long.text, 'body'), /PORM_PAYLOAD_TOO_LARGE/);
    const big = await post('/dashboard/compose', [field('csrf', token), file('big.png', 'image/png', Buffer.alloc(300_001, 1)), end]);
    assert.equal(big.status, 413, big.text.slice(0, 300));
    assert.match(composeError(big.text, 'file'), /PORM_MEDIA_TOO_LARGE/);
    assert.equal(media().length, before);
  });

  it('never stores the file of a forged form: wrong token, token after the file', async () => {
    const token = await csrf('/dashboard/compose');
    const before = media().length;
    const png = await noisePng(40, 30);
    const forged = await post('/dashboard/compose', [field('csrf', 'x'.repeat(43)), file('a.png', 'image/png', png), end]);
    assert.equal(forged.status, 403);
    assert.match(forged.text, /PORM_DASHBOARD_CSRF/);
    const late = await post('/dashboard/compose', [file('a.png', 'image/png', png), field('csrf', token), end]);
    assert.equal(late.status, 400, late.text.slice(0, 300));
    assert.match(composeError(late.text, 'file'), /PORM_INVALID_MULTIPART/);
    assert.equal(media().length, before, 'no media object was stored');
    const importToken = await csrf('/dashboard/imports');
    const forgedImport = await post('/dashboard/imports', [field('csrf', importToken.slice(1)), file('a.csv', 'text/csv', 'phone\n+14155550143\n'), end]);
    assert.equal(forgedImport.status, 403);
    const lateImport = await post('/dashboard/imports', [file('a.csv', 'text/csv', 'phone\n+14155550143\n'), field('csrf', importToken), end]);
    assert.equal(lateImport.status, 400);
    assert.match(importError(lateImport.text), /<code>PORM_INVALID_MULTIPART<\/code>/);
    assert.deepEqual(spooled(), [], 'no CSV was spooled');
    // The check is not vacuous: the same picture with the token first is stored.
    const ok = await post('/dashboard/compose', [field('csrf', token), file('a.png', 'image/png', png), end]);
    assert.equal(ok.status, 200, ok.text.slice(0, 300));
    assert.ok(media().length > before, 'a form with the token stores its media');
  });
});
