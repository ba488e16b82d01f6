import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Mm7Carrier } from '../src/carriers/mm7/mm7-carrier.ts';
import { buildMm7Message, parseMm7Message } from '../src/mms/mm7/index.ts';
import { decodePdu } from '../src/mms/pdu/index.ts';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { freePort } from './helpers/child-porm.ts';

test('porm sandbox-mmsc runs the MMSC on its own: SubmitReq in, SubmitRsp and DeliveryReportReq out, handset PDU served', async () => {
  const dataDir = tempDir();
  const port = await freePort();
  // The VASP side's report endpoint: records every DeliveryReportReq and answers 1000.
  const reports: string[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = parseMm7Message(req.headers['content-type'], Buffer.concat(chunks)).message;
      if (parsed.type === 'DeliveryReportReq') reports.push(`${parsed.messageId} ${parsed.mmStatus} ${req.headers.authorization ?? ''}`);
      const answer = buildMm7Message({ type: 'DeliveryReportRsp', transactionId: parsed.transactionId, status: { code: 1000 } });
      res.writeHead(200, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const reportUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mm7/acme`;
  const child = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, 'sandbox-mmsc', '--port', String(port), '--password', 'secret-pass-1',
    '--report-url', reportUrl, '--report-username', 'mmsc', '--report-password', 'back-pass', '--delivery-delay-ms', '50', '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const carrier = new Mm7Carrier('acme', {
    type: 'mm7', url: `http://127.0.0.1:${port}/mm7`, username: 'vasp', password: 'secret-pass-1', vaspId: 'porm', vasId: 'test',
    release: 'REL-6-MM7-1-4', transferEncoding: 'binary', deliveryReport: true, timeoutMs: 5000, maxSockets: 4,
  }, pino({ level: 'silent' }));
  try {
    await eventually(async () => (stderr.includes('listening') ? true : undefined), 30_000, 'the MMSC to listen');
    const message = { id: 'msg_01jcli00000000000000000000', accountId: 'acct', to: '+14155550100', from: '+14155550199', body: 'hello', subject: 'Hi', media: [], expiresAt: null, channel: 'mms' as const };
    const result = await carrier.submit(message);
    assert.equal(result.outcome, 'accepted');
    const carrierId = result.outcome === 'accepted' ? result.carrierMessageId : '';
    assert.deepEqual(await carrier.submit(message), { outcome: 'accepted', carrierMessageId: carrierId, duplicate: true }, 'a resubmission gets the same MessageID, marked duplicate');
    const rejected = await carrier.submit({ ...message, id: 'msg_01jcli00000000000000000001', to: '+15005550001' });
    assert.equal(rejected.outcome === 'permanent' && rejected.errorCode, 'PORM_MM7_MESSAGE_REJECTED');
    const report = await eventually(async () => reports[0], 10_000, 'a delivery report');
    assert.equal(report, `${carrierId} Retrieved Basic ${Buffer.from('mmsc:back-pass').toString('base64')}`);
    const pdu = await fetch(`http://127.0.0.1:${port}/mms/${carrierId}`);
    assert.equal(pdu.headers.get('content-type'), 'application/vnd.wap.mms-message');
    const decoded = decodePdu(new Uint8Array(await pdu.arrayBuffer())).pdu;
    assert.equal(decoded.messageType, 'm-retrieve-conf');
    assert.equal(decoded.subject, 'Hi');
    const wrong = new Mm7Carrier('acme', { type: 'mm7', url: `http://127.0.0.1:${port}/mm7`, username: 'vasp', password: 'nope', vaspId: 'porm', vasId: 'test', release: 'REL-6-MM7-1-4', transferEncoding: 'binary', deliveryReport: true, timeoutMs: 5000, maxSockets: 1 }, pino({ level: 'silent' }));
    const refused = await wrong.submit({ ...message, id: 'msg_01jcli00000000000000000002' });
    assert.equal(refused.outcome === 'permanent' && refused.errorCode, 'PORM_MM7_IMPROPER_IDENTIFICATION');
    await wrong.close();
  } finally {
    await carrier.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    receiver.close();
    cleanup(dataDir);
  }
});
