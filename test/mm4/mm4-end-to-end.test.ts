import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from '../helpers/harness.ts';
import { SandboxMm4Peer } from '../../src/carriers/mm4/sandbox-peer/sandbox-mm4-peer.ts';
import { freePort } from './free-port.ts';

// porm with an `mm4` carrier forwarding to the sandbox peer MMSC over real SMTP on loopback, and the
// peer answering over SMTP to porm's MM4 listener: statuses, reports and inbound MMS end to end.

const FROM = '+14155550100';
const PEER_LOGIN = { username: 'porm', password: 'peer-secret-1' };
const LISTENER_LOGIN = { username: 'peer', password: 'listener-secret-1' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('mm4 connector against the sandbox peer MMSC', () => {
  let h: Harness;
  let peer: SandboxMm4Peer;
  const dataDir = tempDir();

  before(async () => {
    const listenPort = await freePort();
    peer = await SandboxMm4Peer.start({ credentials: PEER_LOGIN, answerTo: { host: '127.0.0.1', port: listenPort, ...LISTENER_LOGIN }, deliveryDelayMs: 50 });
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        peer: {
          type: 'mm4', peerDomain: peer.domain, domain: 'mms.porm.example',
          smtp: { host: '127.0.0.1', port: peer.address.port, startTls: 'off', ...PEER_LOGIN },
          listen: { host: '127.0.0.1', port: listenPort },
          peer: LISTENER_LOGIN,
        },
      },
      routes: [{ from: '*', carriers: ['peer'] }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    const number = await h.api('POST', '/v1/numbers', { number: FROM });
    assert.equal(number.status, 201, number.text);
  });
  after(async () => {
    await h?.stop();
    await peer?.close();
    cleanup(dataDir);
  });

  async function sendMms(to: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
    const up = await h.api('POST', '/v1/media', form);
    assert.equal(up.status, 201, up.text);
    const sent = await h.api('POST', '/v1/messages', { from: FROM, to, body: 'Grüße from porm', subject: 'MM4 test', media: [{ id: String(up.body.id) }] });
    assert.equal(sent.status, 201, sent.text);
    return String(sent.body.id);
  }

  test('an MMS goes out as MM4_forward.REQ and becomes delivered on the peer\'s delivery report', async () => {
    const id = await sendMms('+14155550199');
    const delivered = await waitForStatus(h, id, 'delivered');
    assert.equal(delivered.carrier, 'peer');
    const submission = peer.submissions.find((s) => s.transactionId === id);
    assert.ok(submission, 'the peer got the forward');
    assert.equal(submission.messageId, `${id}@mms.porm.example`);
    assert.equal(submission.from, FROM);
    const raw = submission.raw.toString('latin1');
    assert.match(raw, /^X-Mms-Message-Type: MM4_forward\.REQ\r$/m);
    assert.match(raw, /^To: \+14155550199\/TYPE=PLMN@mms\.sandbox-peer\.example\r$/m);
    assert.match(raw, /^Content-Type: image\/png\r$/m);
  });

  test('the peer refusing a recipient (550) fails the message with the peer\'s reply', async () => {
    const id = await sendMms('+15005550001');
    const failed = await waitForStatus(h, id, 'failed');
    assert.equal(failed.error_code, 'PORM_CARRIER_REJECTED');
    assert.match(String(failed.error_message), /550/);
  });

  test('a 451 is retried with the same transaction id until the peer takes it', async () => {
    const id = await sendMms('+15005550002');
    await waitForStatus(h, id, 'delivered');
    const tries = peer.submissions.filter((s) => s.transactionId === id);
    assert.equal(tries.length, 3);
  });

  test('a Rejected delivery report makes the message undelivered', async () => {
    const id = await sendMms('+15005550003');
    await waitForStatus(h, id, 'undelivered');
  });

  test('an MMS a handset on the peer network writes to porm\'s number is stored as inbound', async () => {
    await peer.sendInbound({ from: '+14155550142', to: FROM, pormDomain: 'mms.porm.example', text: 'photo attached', subject: 'hi', attachments: [{ contentType: 'image/png', data: PNG, filename: 'p.png' }] });
    const inbound = await eventually(async () => {
      const list = await h.api('GET', '/v1/inbound-messages');
      const items = (list.body.data ?? list.body.items ?? []) as Array<Record<string, unknown>>;
      return items.find((m) => m.from === '+14155550142');
    }, 10_000, 'the inbound MMS');
    assert.equal(inbound.to, FROM);
    assert.equal(inbound.body, 'photo attached');
    const media = inbound.media as Array<{ content_type: string; size: number }>;
    assert.deepEqual(media.map((m) => [m.content_type, m.size]), [['image/png', PNG.length]]);
  });
});
