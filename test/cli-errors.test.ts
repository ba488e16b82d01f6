// The porm command's error reporting (codes as text and under --json), its behaviour on a closed
// stdout pipe, and `pdu decode --summary`: spawned as a user runs it, on a real data directory.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from './helpers/harness.ts';
import { encodePdu } from '../src/mms/pdu/encode.ts';
import { SAMPLE_PDUS } from '../src/mms/pdu/testing/samples.ts';

const porm = (dataDir: string, args: readonly string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/porm.js', '--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, PORM_LOG_LEVEL: 'silent', ...env } });

interface JsonError {
  error: { code: string; message: string; fields?: Array<{ field: string; code: string }> };
}

/** The one JSON object a failed --json command prints on stderr; stdout stays empty. */
function jsonError(run: ReturnType<typeof porm>): JsonError['error'] {
  assert.equal(run.stdout, '', 'stdout holds only results');
  const parsed = JSON.parse(run.stderr) as JsonError;
  assert.deepEqual(Object.keys(parsed), ['error']);
  assert.equal(typeof parsed.error.message, 'string');
  return parsed.error;
}

describe('porm errors', () => {
  const dataDir = tempDir();
  after(() => cleanup(dataDir));

  test('before any account: the code, as text and as JSON', () => {
    const text = porm(dataDir, ['messages', 'list']);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /^porm: .+ \[PORM_CLI_ACCOUNT_NOT_FOUND\]\n$/);
    const json = porm(dataDir, ['messages', 'list', '--json']);
    assert.equal(json.status, 1);
    assert.equal(jsonError(json).code, 'PORM_CLI_ACCOUNT_NOT_FOUND');
  });

  test('a domain error keeps its code: an unknown message', () => {
    assert.equal(porm(dataDir, ['accounts', 'create', 'errors']).status, 0);
    const text = porm(dataDir, ['messages', 'get', 'msg_00000000000000000000000000']);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /\[PORM_MESSAGE_NOT_FOUND\]/);
    const json = porm(dataDir, ['messages', 'get', 'msg_00000000000000000000000000', '--json']);
    assert.equal(json.status, 1);
    assert.equal(jsonError(json).code, 'PORM_MESSAGE_NOT_FOUND');
  });

  test('a validation error lists its fields under --json', () => {
    const run = porm(dataDir, ['send', '--to', '+1555', '--from', '+14155550199', '--json']);
    assert.equal(run.status, 1);
    const error = jsonError(run);
    assert.equal(error.code, 'PORM_INVALID_PHONE_NUMBER');
    assert.deepEqual(error.fields?.map((f) => [f.field, f.code]), [['/to', 'PORM_INVALID_PHONE_NUMBER'], ['/body', 'PORM_MISSING_FIELD']]);
  });

  test('command-line mistakes are PORM_CLI_USAGE, in JSON under --json', () => {
    const text = porm(dataDir, ['messages', 'list', '--bogus']);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /\[PORM_CLI_USAGE\]/);
    for (const args of [['messages', 'list', '--bogus', '--json'], ['no-such-command', '--json'], ['messages', 'list', '--status', 'nope', '--json']]) {
      const run = porm(dataDir, args);
      assert.equal(run.status, 1, args.join(' '));
      assert.equal(jsonError(run).code, 'PORM_CLI_USAGE', args.join(' '));
    }
  });

  test('other commands: an unknown key, an unreadable file, an unknown profile', () => {
    const key = porm(dataDir, ['keys', 'revoke', 'key_nope']);
    assert.equal(key.status, 1);
    assert.match(key.stderr, /\[PORM_CLI_KEY_NOT_FOUND\]/);
    assert.equal(jsonError(porm(dataDir, ['media', 'fit', join(dataDir, 'missing.jpg'), '--json'])).code, 'PORM_CLI_FILE_UNREADABLE');
    assert.equal(jsonError(porm(dataDir, ['media', 'fit', join(dataDir, 'missing.jpg'), '--profile', 'nope', '--json'])).code, 'PORM_CLI_PROFILE_NOT_FOUND');
    assert.equal(jsonError(porm(dataDir, ['send', '--to', '+14155550100', '--from', '+14155550199', '--media', join(dataDir, 'missing.png'), '--json'])).code, 'PORM_CLI_FILE_UNREADABLE');
  });

  test('invalid configuration: PORM_CONFIG_INVALID and exit code 2', () => {
    const run = porm(dataDir, ['messages', 'list', '--json'], { PORM_PORT: 'abc' });
    assert.equal(run.status, 2);
    assert.equal(jsonError(run).code, 'PORM_CONFIG_INVALID');
    const text = porm(dataDir, ['messages', 'list'], { PORM_PORT: 'abc' });
    assert.equal(text.status, 2);
    assert.match(text.stderr, /\[PORM_CONFIG_INVALID\]/);
  });
});

describe('porm pdu decode', () => {
  const dir = tempDir();
  const big = join(dir, 'big.mms');
  const small = join(dir, 'retrieve.mms');
  before(() => {
    writeFileSync(small, encodePdu(SAMPLE_PDUS['m-retrieve-conf']));
    // Far more JSON than a pipe buffers (64 KiB), so the reader's early exit hits porm mid-write.
    const pdu = structuredClone(SAMPLE_PDUS['m-retrieve-conf']);
    pdu.parts![1]!.data = new Uint8Array(2_000_000).fill(7);
    writeFileSync(big, encodePdu(pdu));
  });
  after(() => cleanup(dir));

  test('a reader that stops early (| head -c 10) ends porm quietly, exit 0', async () => {
    const child = spawn(process.execPath, ['bin/porm.js', 'pdu', 'decode', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.subarray(0, 10).toString();
      child.stdout.destroy();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(first, '{\n  "messa');
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('--summary: headers and one line per part with type, size and name; --json the same as an object', () => {
    const text = spawnSync(process.execPath, ['bin/porm.js', 'pdu', 'decode', big, '--summary'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^m-retrieve-conf {2}MMS 1\.3 {2}\d+ octets$/);
    assert.ok(lines.includes('  subject: Hello'));
    assert.ok(text.stdout.length < 2000, 'no octets');
    assert.deepEqual(lines.slice(lines.indexOf('parts: 3') + 1).map((l) => l.trim().split(/\s+/)), [
      ['1', 'application/smil', '345', 'octets', 'smil.smil'],
      ['2', 'image/jpeg', '2000000', 'octets', 'image1.jpg'],
      ['3', 'text/plain;', 'charset=utf-8', '15', 'octets', 'text1.txt'],
    ]);
    const json = spawnSync(process.execPath, ['bin/porm.js', 'pdu', 'decode', small, '--summary', '--json'], { encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    const summary = JSON.parse(json.stdout) as { message_type: string; headers: Record<string, unknown>; parts: Array<{ index: string; content_type: string; size: number; name: string | null }> };
    assert.equal(summary.message_type, 'm-retrieve-conf');
    assert.equal(summary.headers.subject, 'Hello');
    assert.deepEqual(summary.parts.map((p) => [p.index, p.content_type.split(';')[0], p.size, p.name]), [
      ['1', 'application/smil', 345, 'smil.smil'], ['2', 'image/jpeg', 14, 'image1.jpg'], ['3', 'text/plain', 15, 'text1.txt'],
    ]);
  });

  test('a broken PDU: its PORM_PDU_ code, as text and under --json', () => {
    const bad = join(dir, 'bad.mms');
    writeFileSync(bad, Buffer.from([0x8c, 0x80, 0x98]));
    const text = spawnSync(process.execPath, ['bin/porm.js', 'pdu', 'decode', bad, '--summary'], { encoding: 'utf8' });
    assert.equal(text.status, 1);
    assert.match(text.stderr, /^porm: .+ \[PORM_PDU_[A-Z_]+\]\n$/);
    const json = spawnSync(process.execPath, ['bin/porm.js', 'pdu', 'decode', bad, '--json'], { encoding: 'utf8' });
    assert.equal(json.status, 1);
    assert.match(jsonError(json).code, /^PORM_PDU_/);
  });
});
