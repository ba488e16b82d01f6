// Tests of src/cli/pdu-command.ts (kept here, beside the codec it wraps): the action
// functions directly, and the commander wiring through `node --import tsx -e`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeAction, encodeAction } from '../../cli/pdu-command.ts';
import { encodePdu } from './encode.ts';
import { pduToJson } from './json.ts';
import { PduError } from './pdu-error.ts';
import { b } from './testing/bytes.ts';
import { REPO_ROOT } from './testing/fixtures.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

const dir = mkdtempSync(join(tmpdir(), 'porm-pdu-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeBin(name: string, data: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `import('./src/cli/pdu-command.ts').then((m) => m.pduCommand().parseAsync(${JSON.stringify(args)}, { from: 'user' }))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('porm pdu', () => {
  it('encodeAction with relay writes back a peer PDU strict mode refuses (bare number, invalid UTF-8), octet for octet', () => {
    // m-send-req: To a bare number, Subject labelled UTF-8 with a Latin-1 octet.
    const input = b`8C 80 98 "T" 00 8D 92 89 01 81 97 "123" 00 96 04 EA "a" E9 00`;
    const file = join(dir, 'peer.json');
    writeFileSync(file, JSON.stringify(decodeAction(writeBin('peer.mms', input))));
    assert.throws(() => encodeAction(file, join(dir, 'strict.mms')), (err: unknown) => err instanceof PduError);
    encodeAction(file, join(dir, 'relay.mms'), true);
    assert.deepEqual(readFileSync(join(dir, 'relay.mms')), input);
  });
  it('decodeAction prints the PDU as JSON with octets as base64 and size', () => {
    const file = join(dir, 'send.mms');
    writeFileSync(file, encodePdu(SAMPLE_PDUS['m-send-req']));
    const json = decodeAction(file);
    assert.equal(json.messageType, 'm-send-req');
    assert.deepEqual((json.parts as { data: unknown }[])[2]!.data, { base64: Buffer.from('Hello from porm').toString('base64'), size: 15 });
    assert.equal(json.warnings, undefined);
  });

  it('encodeAction writes the PDU that decode printed, octet for octet', () => {
    const original = encodePdu(SAMPLE_PDUS['m-retrieve-conf']);
    writeFileSync(join(dir, 'in.mms'), original);
    writeFileSync(join(dir, 'pdu.json'), JSON.stringify(decodeAction(join(dir, 'in.mms'))));
    const size = encodeAction(join(dir, 'pdu.json'), join(dir, 'out.mms'));
    assert.equal(size, original.length);
    assert.deepEqual(readFileSync(join(dir, 'out.mms')), original);
  });

  it('accepts hand-written JSON with text data and a default MMS version', () => {
    writeFileSync(join(dir, 'hand.json'), JSON.stringify({
      messageType: 'm-send-req', transactionId: 'T1', to: ['+15550001111'], subject: 'Hi',
      contentType: { mediaType: 'application/vnd.wap.multipart.mixed' },
      parts: [{ contentType: 'text/plain', charset: 'utf-8', contentId: 't1', data: { text: 'Hello' } }],
    }));
    encodeAction(join(dir, 'hand.json'), join(dir, 'hand.mms'));
    const json = decodeAction(join(dir, 'hand.mms'));
    assert.equal(json.mmsVersion, '1.2');
    assert.deepEqual(json.to, ['+15550001111/TYPE=PLMN']);
  });

  it('the commander command decodes, encodes and reports typed errors', () => {
    writeFileSync(join(dir, 'n.mms'), encodePdu(SAMPLE_PDUS['m-notification-ind']));
    const decoded = cli('decode', join(dir, 'n.mms'));
    assert.equal(decoded.status, 0, decoded.stderr);
    assert.deepEqual(JSON.parse(decoded.stdout), JSON.parse(JSON.stringify(pduToJson(SAMPLE_PDUS['m-notification-ind']))));
    writeFileSync(join(dir, 'n.json'), decoded.stdout);
    const encoded = cli('encode', join(dir, 'n.json'), '-o', join(dir, 'n2.mms'));
    assert.equal(encoded.status, 0, encoded.stderr);
    assert.deepEqual(readFileSync(join(dir, 'n2.mms')), readFileSync(join(dir, 'n.mms')));

    writeFileSync(join(dir, 'bad.mms'), Buffer.from([0x8c, 0x80, 0x98]));
    const bad = cli('decode', join(dir, 'bad.mms'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /PORM_PDU_/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ messageType: 'm-bogus' }));
    const badJson = cli('encode', join(dir, 'bad.json'), '-o', join(dir, 'x.mms'));
    assert.equal(badJson.status, 1);
    assert.match(badJson.stderr, /PORM_PDU_INVALID_JSON/);
  });
});
