import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, eventually, request, tempDir } from './helpers/harness.ts';
import { ChildPorm, freePort } from './helpers/child-porm.ts';
import { noisePng } from './helpers/images.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function porm(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, ...args], { env: { ...process.env, PORM_LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the porm command', () => {
  const dataDir = tempDir();
  let server: ChildPorm;
  before(async () => {
    server = new ChildPorm(dataDir, await freePort(), [], { PORM_SANDBOX_DELIVERY_DELAY_MS: '50' });
    await server.start();
  });
  after(async () => {
    await server.stop();
    cleanup(dataDir);
  });

  test('send --media --wait uploads the file, sends, and follows the message to delivered', async () => {
    const file = join(dataDir, 'pic.png');
    writeFileSync(file, await noisePng());
    const run = await porm(dataDir, ['send', '--to', '+14155550100', '--from', '+14155550199', '--body', 'from the cli', '--media', file, '--wait', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const message = JSON.parse(run.stdout) as { id: string; status: string; media: Array<{ id: string }>; events: Array<{ type: string }> };
    assert.equal(message.status, 'delivered');
    assert.match(message.media[0]!.id, /^med_/);
    assert.deepEqual(message.events.map((e) => e.type), ['accepted', 'queued', 'sending', 'sent', 'delivered']);

    const list = await porm(dataDir, ['messages', 'list', '--json']);
    assert.ok((JSON.parse(list.stdout) as Array<{ id: string }>).some((m) => m.id === message.id));
    const human = await porm(dataDir, ['messages', 'get', message.id]);
    assert.match(human.stdout, /delivered/);
  });

  test('messages get shows the subject, the media and what was sent in their place (media_sent), as text and JSON', async () => {
    const file = join(dataDir, 'photo.png');
    writeFileSync(file, await noisePng(320, 240));
    const sent = await porm(dataDir, ['send', '--to', '+14155550100', '--from', '+14155550199', '--subject', 'Our trip', '--media', file, '--wait', '--json']);
    assert.equal(sent.code, 0, sent.stderr);
    const { id, media } = JSON.parse(sent.stdout) as { id: string; media: Array<{ id: string }> };

    const json = await porm(dataDir, ['messages', 'get', id, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const resource = JSON.parse(json.stdout) as { subject: string; media: Array<{ id: string }>; media_sent: { profile: string; budget_bytes: number; parts: Array<{ sent: { content_type: string; bytes: number } }> } };
    assert.equal(resource.subject, 'Our trip');
    assert.deepEqual(resource.media, media);
    assert.equal(resource.media_sent.parts.length, 1);

    const text = await porm(dataDir, ['messages', 'get', id]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.ok(lines.includes('  subject: Our trip'), text.stdout);
    assert.ok(lines.includes(`    1  ${media[0]!.id}`), text.stdout);
    assert.ok(lines.includes(`  media sent: profile ${resource.media_sent.profile}, budget ${resource.media_sent.budget_bytes} bytes`), text.stdout);
    const part = resource.media_sent.parts[0]!.sent;
    assert.ok(lines.some((l) => l.startsWith('    1  image/png ') && (l.includes(`→ ${part.content_type} ${part.bytes} bytes`) || l.endsWith('sent unchanged'))), text.stdout);
  });

  test('the scheduled send of docs/cli.md, an hour ahead, is accepted as scheduled', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const run = await porm(dataDir, ['send', '--to', '+14155550100', '--from', '+14155550199', '--body', 'Your table is ready', '--send-at', inAnHour]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^msg_[0-9a-z]{26} scheduled\n$/);
    const shown = await porm(dataDir, ['messages', 'get', run.stdout.split(' ')[0]!]);
    assert.ok(shown.stdout.includes(`  send at: ${inAnHour.replace('Z', '.000Z')}`), shown.stdout);
  });

  test('send reports validation errors with their codes and a non-zero exit', async () => {
    const run = await porm(dataDir, ['send', '--to', '12345', '--from', '+14155550199', '--body', 'x']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /PORM_INVALID_PHONE_NUMBER/);
  });

  test('keys create prints a working key once; revoke turns it off', async () => {
    const created = await porm(dataDir, ['keys', 'create', '--name', 'ci', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    assert.equal((await request(server.url, 'GET', '/v1/messages', undefined, { authorization: `Bearer ${key}` })).status, 200);
    const listed = await porm(dataDir, ['keys', 'list']);
    assert.ok(listed.stdout.includes(id));
    assert.ok(!listed.stdout.includes(key), 'the key itself is never shown again');
    assert.equal((await porm(dataDir, ['keys', 'revoke', id])).code, 0);
    // The server remembers a key lookup for up to a second (AUTH_CACHE_MS), so a revocation made
    // by another process takes effect within that.
    await eventually(async () => {
      const res = await request(server.url, 'GET', '/v1/messages', undefined, { authorization: `Bearer ${key}` });
      return res.body.code === 'PORM_AUTH_REVOKED' ? true : undefined;
    }, 3000, 'the revoked key to be refused');
  });

  test('migrate reports the schema up to date', async () => {
    const run = await porm(dataDir, ['migrate']);
    assert.match(run.stdout, /up to date/);
  });
});

describe('porm start on a fresh data directory', () => {
  test('prints a new API key once, refuses a second server on the same data, and keeps the key hashed', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/porm.js', 'start', '--data', dataDir, '--port', String(port)], { env: { ...process.env, PORM_API_KEY: '', PORM_LOG_LEVEL: 'warn' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const key = await eventually(async () => /(porm_[A-Za-z0-9]{32})/.exec(stderr)?.[1], 30_000, 'the API key banner');
      const res = await request(`http://127.0.0.1:${port}`, 'GET', '/v1/account', undefined, { authorization: `Bearer ${key}` });
      assert.equal(res.status, 200);
      const second = await porm(dataDir, ['start', '--port', String(await freePort())]);
      assert.notEqual(second.code, 0);
      assert.match(second.stderr, /another porm/);
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(join(dataDir, 'porm.db'), { readonly: true });
      const rows = db.prepare('select hash from api_keys').all() as Array<{ hash: string }>;
      db.close();
      assert.ok(rows.every((r) => r.hash !== key && /^[0-9a-f]{64}$/.test(r.hash)));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      cleanup(dataDir);
    }
  });
});
