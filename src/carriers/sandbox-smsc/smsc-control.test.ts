// The SMSC's control endpoint through the handset player's own client (callMmscControl).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getTlv } from '../../sms/pdu/index.ts';
import { callMmscControl } from '../../handset/mmsc-control-client.ts';
import { controlFilePath, readControlFile } from '../sandbox/control-file.ts';
import { SandboxSmsc } from './sandbox-smsc.ts';
import { SmscControlServer } from './smsc-control.ts';
import { submitSm, TestEsme } from './testing/test-esme.ts';

describe('sandbox SMSC control endpoint', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-smsc-control-'));
  let smsc: SandboxSmsc;
  let control: SmscControlServer;
  let esme: TestEsme;
  before(async () => {
    smsc = await SandboxSmsc.start({ credentials: { systemId: 'porm', password: 'pw' }, deliveryDelayMs: 3_600_000 });
    control = await SmscControlServer.start(smsc, { dataDir, carrier: 'sms' });
    esme = await TestEsme.connect(smsc.port);
    esme.answerMessageId = 'inb_0123456789abcdefghijklmnop';
    await esme.bind('porm', 'pw');
  });
  after(async () => {
    esme.close();
    await control.close();
    await smsc.close();
    assert.equal(readControlFile(controlFilePath(dataDir, 'sms')), undefined, 'the control file goes with the server');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a control file the handset player can read', () => {
    assert.deepEqual(readControlFile(controlFilePath(dataDir, 'sms')), control.control);
  });

  it('delivers a handset text as MO and says what porm answered', async () => {
    const result = await callMmscControl(control.control, { deliver: { from: '+15005550010', to: '+15005550006', subject: null, text: 'HELP', parts: [] } });
    assert.ok(result.ok);
    assert.equal(result.answer.status.code, 1000);
    assert.equal(result.answer.status.details, 'inb_0123456789abcdefghijklmnop');
    const mo = await esme.waitFor((p) => p.command === 'deliver_sm');
    assert.ok(mo.command === 'deliver_sm' && mo.body.shortMessage.toString('latin1') === 'HELP');
  });

  it('refuses media, a wrong secret and unknown messages', async () => {
    const media = await callMmscControl(control.control, { deliver: { from: '+15005550010', to: '+15005550006', subject: null, text: 'x', parts: [{ contentType: 'image/png', filename: 'a.png', base64: 'AA==' }] } });
    assert.ok(!media.ok && media.refusal.error === 'bad_request');
    await assert.rejects(callMmscControl({ ...control.control, secret: 'x'.repeat(32) }, { report: { carrierMessageId: 'nope', mmStatus: 'Rejected', statusText: 'x' } }));
    const unknown = await callMmscControl(control.control, { report: { carrierMessageId: 'nope', mmStatus: 'Rejected', statusText: 'x' } });
    assert.ok(!unknown.ok && unknown.refusal.error === 'unknown_message');
  });

  it('reports a failure on demand as an UNDELIV receipt', async () => {
    const resp = await esme.call(submitSm(5, '+15005550010', 'fail me'));
    assert.ok(resp.command === 'submit_sm_resp' && resp.body.messageId !== null);
    const id = resp.body.messageId;
    const result = await callMmscControl(control.control, { report: { carrierMessageId: id, mmStatus: 'Rejected', statusText: 'handset refused' } });
    assert.ok(result.ok && result.answer.status.code === 1000);
    const receipt = await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id);
    assert.ok(receipt.command === 'deliver_sm');
    assert.equal(getTlv(receipt.body.tlvs, 'message_state'), 5);
    const again = await callMmscControl(control.control, { report: { carrierMessageId: id, mmStatus: 'Rejected', statusText: 'again' } });
    assert.ok(!again.ok && again.refusal.error === 'unknown_message', 'a final receipt the ESME took is final');
  });
});
