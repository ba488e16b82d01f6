import { spawn } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestEsme } from '../../src/carriers/sandbox-smsc/testing/test-esme.ts';
import { decodeWapPushMmsReport } from '../../src/carriers/mm1/wap-push-report.ts';
import { decodePdu, encodePdu } from '../../src/mms/pdu/index.ts';
import { decodeShortMessage } from '../../src/sms/text/index.ts';

// `porm sandbox-mm1` as a user runs it: it prints its MMSC URL and its SMSC's login; an
// m-send-req POSTed to the URL gets an m-send-conf with a Message-ID, and an SMPP client bound
// with the printed login then gets that message's m-delivery-ind as WAP Push SMS on port 2948.

test('porm sandbox-mm1 answers an m-send-req and sends its report as WAP Push SMS to the bound ESME', async () => {
  const child = spawn(process.execPath, ['bin/porm.js', 'sandbox-mm1', '--port', '0', '--smpp-port', '0', '--report-delay-ms', '50', '--msisdn', '+14155550170'], { env: { ...process.env, PORM_CONFIG: '' } });
  let esme: TestEsme | undefined;
  try {
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/test numbers/.test(out)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      child.once('exit', (code) => { clearInterval(timer); reject(new Error(`exited ${code}: ${out}`)); });
    });
    const url = /listening: (http:\/\/\S+)/.exec(out)![1]!;
    const [, smppPort, systemId, password] = /smpp:\/\/127\.0\.0\.1:(\d+) system_id (\S+) \/ password (\S+)/.exec(out)!;
    esme = await TestEsme.connect(Number(smppPort));
    const bound = await esme.bind(systemId!, password!);
    assert.equal(bound.commandStatus, 0);
    const req = encodePdu({ messageType: 'm-send-req', transactionId: 'T-cli-1', mmsVersion: '1.2', from: { kind: 'insert' }, to: ['+14155550150/TYPE=PLMN'], contentType: { mediaType: 'text/plain', params: {} }, body: Buffer.from('hi') });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.wap.mms-message' }, body: new Uint8Array(req) });
    assert.equal(res.status, 200);
    const conf = decodePdu(Buffer.from(await res.arrayBuffer())).pdu;
    assert.deepEqual([conf.messageType, conf.transactionId, conf.responseStatus], ['m-send-conf', 'T-cli-1', 0x80]);
    const sms = await esme.waitFor((p) => p.command === 'deliver_sm');
    assert.ok(sms.command === 'deliver_sm');
    assert.equal(sms.body.destination.address, '14155550170');
    const decoded = decodeShortMessage(sms.body.shortMessage, sms.body.dataCoding, (sms.body.esmClass & 0x40) !== 0);
    assert.deepEqual(decoded.udh?.ports, { destination: 2948, source: 9200, bits: 16 });
    const report = decodeWapPushMmsReport(decoded.payload, 'simcard');
    assert.ok(report.kind === 'delivery');
    assert.deepEqual([report.report.carrierMessageId, report.report.outcome], [conf.messageId, 'delivered']);
  } finally {
    esme?.close();
    child.kill('SIGTERM');
  }
});

test('porm sandbox-mm1 refuses a --msisdn that is not E.164 with a usage error', async () => {
  const child = spawn(process.execPath, ['bin/porm.js', 'sandbox-mm1', '--msisdn', '5550001234'], { env: { ...process.env, PORM_CONFIG: '' } });
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(err, /--msisdn must be an E\.164 number.*\[PORM_CLI_USAGE\]/);
});
