// The dashboard's one multipart reader (src/api/dashboard/multipart.ts) against hostile bodies over
// real HTTP: a Fastify app with @fastify/multipart as porm registers it, one route reading its
// form with small limits and spooling the file to a temporary directory. Every bad body gets its
// stable code by the right field, and no file is left on disk for a refused or broken form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { fileTooLarge, readMultipart, safeFileName, type MultipartRules } from '../../src/api/dashboard/multipart.ts';
import { cleanup, tempDir } from '../helpers/harness.ts';

const RULES: MultipartRules = { fileField: 'file', maxFileBytes: 1000, fileTooLarge: 'PORM_PAYLOAD_TOO_LARGE', maxFields: 5, maxFieldBytes: 100, role: 'member' };
const GOOD = 'good-token';
const B = 'XyZ';

const field = (name: string, value: string): string => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, filename: string, body: string): string => `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n`;
const end = `--${B}--\r\n`;

interface Answer { fields: Record<string, unknown>; taken: { name: string | null; text: string } | null; problem: { code: string; field: string | null; message: string } | null }

describe('the dashboard multipart reader', () => {
  let app: FastifyInstance;
  let url: string;
  let dir: string;
  let n = 0;
  const stored = (): string[] => readdirSync(dir);

  before(async () => {
    dir = tempDir('porm-multipart-');
    app = Fastify();
    await app.register(multipart, { limits: { fileSize: 5000, files: 1, fields: 10, parts: 12, headerPairs: 100 } });
    app.post('/form', async (request) => {
      // ?slow: the route reads the session before the body, as a lookup on a networked database
      // does; the cut body below has fully arrived (and failed its file part) by then.
      if ((request.query as { slow?: string }).slow !== undefined) await new Promise((r) => setTimeout(r, 100));
      const form = await readMultipart(request, RULES, {
        async take(part) {
          const path = join(dir, `f${n++}.bin`);
          try {
            await pipeline(part.stream, createWriteStream(path));
            if (part.truncated()) throw fileTooLarge(RULES);
          } catch (err) {
            await rm(path, { force: true });
            throw err;
          }
          return { path, name: part.fileName };
        },
        async discard(taken) {
          await rm(taken.path, { force: true });
        },
      }, (csrf) => csrf === GOOD);
      const taken = form.taken ? { name: form.taken.name, text: readFileSync(form.taken.path, 'utf8') } : null;
      if (form.taken) await rm(form.taken.path, { force: true });
      const p = form.problem;
      return { fields: form.fields, taken, problem: p ? { code: p.code, field: p.fields[0]?.field ?? null, message: p.message } : null } satisfies Answer;
    });
    url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/form`;
  });
  after(async () => {
    await app.close();
    cleanup(dir);
  });

  const send = async (body: string, contentType = `multipart/form-data; boundary=${B}`, query = ''): Promise<Answer> => {
    const res = await fetch(`${url}${query}`, { signal: AbortSignal.timeout(10_000), method: 'POST', body, headers: { 'content-type': contentType } });
    assert.equal(res.status, 200, await res.clone().text());
    return await res.json() as Answer;
  };

  it('reads the fields, repeated ones as lists, and takes the file of a form with the token', async () => {
    const got = await send(`${field('csrf', GOOD)}${field('media', 'a')}${field('media', 'b')}${file('file', 'list.csv', 'phone\n+14155550100\n')}${end}`);
    assert.deepEqual(got, { fields: { csrf: GOOD, media: ['a', 'b'] }, taken: { name: 'list.csv', text: 'phone\n+14155550100\n' }, problem: null });
    assert.deepEqual(stored(), []);
  });

  it('treats a file input left empty (filename="") as no file', async () => {
    const got = await send(`${field('csrf', GOOD)}${file('file', '', '')}${end}`);
    assert.deepEqual({ taken: got.taken, problem: got.problem }, { taken: null, problem: null });
  });

  it('answers a body without a boundary PORM_INVALID_MULTIPART', async () => {
    const got = await send(`${field('csrf', GOOD)}${end}`, 'multipart/form-data');
    assert.equal(got.problem?.code, 'PORM_INVALID_MULTIPART');
    assert.equal(got.problem?.field, '/file');
    assert.equal(got.taken, null);
  });

  it('answers a body cut off inside the file PORM_INVALID_MULTIPART and keeps nothing of it, however long the token check takes', async () => {
    // Slow: the body has ended (and the file part failed) before the check lets the file be read.
    for (const query of ['', '?slow']) {
      const got = await send(`${field('csrf', GOOD)}--${B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nphone\n+1415555`, undefined, query);
      assert.equal(got.problem?.code, 'PORM_INVALID_MULTIPART', JSON.stringify(got));
      assert.equal(got.taken, null);
      assert.deepEqual(stored(), [], 'the partial file was deleted');
    }
  });

  it('refuses a second file, after deleting the first it had taken', async () => {
    const got = await send(`${field('csrf', GOOD)}${file('file', 'a.csv', 'phone\n')}${file('file', 'b.csv', 'phone\n')}${end}`);
    assert.equal(got.problem?.code, 'PORM_INVALID_MULTIPART', JSON.stringify(got));
    assert.equal(got.taken, null);
    assert.deepEqual(stored(), []);
  });

  it('refuses a file part under another name', async () => {
    const got = await send(`${field('csrf', GOOD)}${file('avatar', 'a.csv', 'phone\n')}${end}`);
    assert.equal(got.problem?.code, 'PORM_INVALID_MULTIPART');
    assert.match(got.problem?.message ?? '', /"avatar"/);
  });

  it('refuses a file over maxFileBytes with the route\'s code, keeping no part of it', async () => {
    const got = await send(`${field('csrf', GOOD)}${file('file', 'big.csv', 'x'.repeat(RULES.maxFileBytes + 1))}${end}`);
    assert.deepEqual(got.problem, { code: 'PORM_PAYLOAD_TOO_LARGE', field: '/file', message: `the file is larger than ${RULES.maxFileBytes} bytes` });
    assert.equal(got.taken, null);
    assert.deepEqual(stored(), []);
    const exact = await send(`${field('csrf', GOOD)}${file('file', 'fits.csv', 'x'.repeat(RULES.maxFileBytes))}${end}`);
    assert.equal(exact.problem, null, 'a file of exactly maxFileBytes fits');
  });

  it('refuses a field over maxFieldBytes by its name, and a field name over 64 bytes', async () => {
    const got = await send(`${field('csrf', GOOD)}${field('body', 'y'.repeat(RULES.maxFieldBytes + 1))}${file('file', 'a.csv', 'phone\n')}${end}`);
    assert.deepEqual({ code: got.problem?.code, field: got.problem?.field }, { code: 'PORM_PAYLOAD_TOO_LARGE', field: '/body' });
    assert.equal(got.taken, null, 'the file after a bad field is not taken');
    const name = await send(`${field('n'.repeat(65), 'v')}${file('f'.repeat(65), 'a.csv', 'x')}${end}`);
    assert.equal(name.problem?.code, 'PORM_PAYLOAD_TOO_LARGE');
    assert.deepEqual(stored(), []);
  });

  it('refuses more than maxFields fields', async () => {
    const many = Array.from({ length: RULES.maxFields }, (_, i) => field(`f${i}`, 'v')).join('');
    const got = await send(`${field('csrf', GOOD)}${many}${file('file', 'a.csv', 'phone\n')}${end}`);
    assert.equal(got.problem?.code, 'PORM_PAYLOAD_TOO_LARGE', JSON.stringify(got));
    assert.match(got.problem?.message ?? '', /more than 5 fields/);
    assert.equal(got.taken, null);
    assert.deepEqual(stored(), []);
  });

  it('keeps only the last path segment of a file name, without control or bidi characters', async () => {
    const got = await send(`${field('csrf', GOOD)}${file('file', '../../../etc/passwd', 'phone\n')}${end}`);
    assert.equal(got.taken?.name, 'passwd');
    assert.equal(safeFileName('..\\..\\windows\\system32\\evil.csv'), 'evil.csv');
    assert.equal(safeFileName('/abs/path/'), null);
    assert.equal(safeFileName('..'), null);
    assert.equal(safeFileName('.hidden.csv'), 'hidden.csv');
    assert.equal(safeFileName('a\u0000b\r\nc\u202egnp.csv'), 'abcgnp.csv');
    assert.equal(safeFileName('<svg onload=alert(7)>.csv'), '<svg onload=alert(7)>.csv', 'markup is kept as text: pages escape it');
    assert.equal(safeFileName('é'.repeat(300))?.length, 255);
    assert.equal(safeFileName(''), null);
  });

  it('never takes the file of a form with a wrong or missing token, and says so when the token comes after the file', async () => {
    const takenBefore = n;
    const wrong = await send(`${field('csrf', 'forged')}${file('file', 'a.csv', 'phone\n')}${end}`);
    assert.deepEqual({ taken: wrong.taken, problem: wrong.problem, csrf: wrong.fields.csrf }, { taken: null, problem: null, csrf: 'forged' });
    const none = await send(`${file('file', 'a.csv', 'phone\n')}${end}`);
    assert.deepEqual({ taken: none.taken, problem: none.problem }, { taken: null, problem: null });
    const late = await send(`${file('file', 'a.csv', 'phone\n')}${field('csrf', GOOD)}${end}`);
    assert.equal(late.taken, null);
    assert.deepEqual({ code: late.problem?.code, field: late.problem?.field }, { code: 'PORM_INVALID_MULTIPART', field: '/file' });
    assert.equal(n, takenBefore, 'no refused file was ever written');
    assert.deepEqual(stored(), []);
  });
});
