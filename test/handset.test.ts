import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePdu, type Part, type Pdu } from '../src/mms/pdu/index.ts';
import { tsharkHttp, tsharkMismatches, tsharkSkip } from '../src/mms/pdu/testing/tshark.ts';
import { cleanup, eventually, request, startHarness, tempDir, waitForStatus, type Harness } from './helpers/harness.ts';
import { noiseJpeg } from './helpers/images.ts';

// GET /v1/messages/{id}/handset through the whole server: a message with text and an uploaded
// picture goes through the sandbox MMSC over MM7, and what a handset would download is the MMS
// porm meant to send.

const MMS_TYPE = 'application/vnd.wap.mms-message';
// A real, metadata-free JPEG that fits us-600k as it is: the media pipeline sends it unchanged.
let JPEG: Buffer = Buffer.alloc(0);
const TEXT = 'Hello handset — here is the picture ✓';
const SUBJECT = 'Holiday';

type HandsetJson = {
  message_id: string;
  carrier_message_id: string;
  notification_ind: { messageType: string; transactionId: string; contentLocation: string; messageSize: number; subject?: string; from: { kind: string; address: string } };
  retrieve_conf: { messageType: string; messageId: string; subject?: string; parts: Array<{ contentType: string; data: { base64: string; size: number } }> };
  retrieve_conf_size: number;
};

describe('handset view GET /v1/messages/{id}/handset', () => {
  let h: Harness;
  const dataDir = tempDir('porm-handset-');
  let id: string;
  let carrierMessageId: string;
  let mmscUrl: string;
  let pduBytes: Buffer;

  const handset = async (messageId: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; bytes: Buffer }> => {
    const res = await fetch(`${h.url}/v1/messages/${messageId}/handset`, { headers: { authorization: `Bearer ${h.key}`, ...headers } });
    return { status: res.status, type: String(res.headers.get('content-type')), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const partOf = (pdu: Pdu, type: string): Part | undefined => pdu.parts?.find((p) => p.contentType === type);

  before(async () => {
    JPEG = await noiseJpeg(200, 150);
    h = await startHarness({}, dataDir);
    mmscUrl = h.porm.carriers.sandboxes.get('sandbox')!.url;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), 'holiday.jpg');
    const uploaded = await h.api('POST', '/v1/media', form);
    assert.equal(uploaded.status, 201, uploaded.text);
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: TEXT, subject: SUBJECT, media: [{ id: String(uploaded.body.id) }] });
    assert.equal(sent.status, 201, sent.text);
    id = String(sent.body.id);
    const message = await eventually(async () => {
      const res = await h.api('GET', `/v1/messages/${id}`);
      return res.body.status === 'sent' || res.body.status === 'delivered' ? res.body : undefined;
    }, 10_000, 'the message to be sent');
    carrierMessageId = String(message.carrier_message_id);
    assert.match(carrierMessageId, /^SBX[0-9A-F]{24}$/);
  });
  after(async () => {
    await h?.stop();
    cleanup(dataDir);
  });

  test(`with Accept: ${MMS_TYPE}: an m-retrieve-conf with SMIL, the picture byte-identical and the text`, async () => {
    const res = await handset(id, { accept: MMS_TYPE });
    assert.equal(res.status, 200);
    assert.equal(res.type, MMS_TYPE);
    pduBytes = res.bytes;
    const { pdu } = decodePdu(res.bytes);
    assert.equal(pdu.messageType, 'm-retrieve-conf');
    assert.equal(pdu.messageId, carrierMessageId);
    assert.equal(pdu.subject, SUBJECT);
    assert.deepEqual(pdu.from, { kind: 'address', address: '+14155550199/TYPE=PLMN' });
    assert.deepEqual(pdu.to, ['+14155550100/TYPE=PLMN']);
    assert.equal(pdu.contentType?.mediaType, 'application/vnd.wap.multipart.related');
    assert.equal(pdu.contentType?.type, 'application/smil');
    const smil = partOf(pdu, 'application/smil');
    assert.ok(smil, 'a SMIL part');
    assert.equal(pdu.contentType?.start, smil.contentId, 'start names the SMIL part');
    const image = partOf(pdu, 'image/jpeg');
    assert.ok(image && Buffer.from(image.data).equals(JPEG), 'the picture is byte-identical');
    const text = partOf(pdu, 'text/plain');
    assert.ok(text, 'a text part');
    assert.equal(Buffer.from(text.data).toString('utf8'), TEXT);
    const smilText = Buffer.from(smil.data).toString('utf8');
    for (const part of [image, text]) assert.ok(smilText.includes(`src="${part.contentLocation}"`), `SMIL shows ${part.contentType}`);
  });

  test('without that Accept: JSON with the m-notification-ind pointing at the MMSC and the m-retrieve-conf', async () => {
    const res = await h.api('GET', `/v1/messages/${id}/handset`);
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers.get('content-type')), /^application\/json/);
    const view = res.body as unknown as HandsetJson;
    assert.equal(view.message_id, id);
    assert.equal(view.carrier_message_id, carrierMessageId);
    assert.equal(view.notification_ind.messageType, 'm-notification-ind');
    assert.equal(view.notification_ind.contentLocation, `${mmscUrl}/mms/${carrierMessageId}`);
    assert.equal(view.notification_ind.messageSize, view.retrieve_conf_size);
    assert.equal(view.notification_ind.subject, SUBJECT);
    assert.equal(view.retrieve_conf.messageType, 'm-retrieve-conf');
    assert.equal(view.retrieve_conf.messageId, carrierMessageId);
    const image = view.retrieve_conf.parts.find((p) => p.contentType === 'image/jpeg');
    assert.ok(image && Buffer.from(image.data.base64, 'base64').equals(JPEG));

    // The handset follows the notification: the MMSC serves exactly the advertised size and bytes.
    const download = await fetch(view.notification_ind.contentLocation);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), MMS_TYPE);
    const bytes = Buffer.from(await download.arrayBuffer());
    assert.equal(bytes.length, view.retrieve_conf_size);
    assert.ok(bytes.equals((await handset(id, { accept: MMS_TYPE })).bytes), 'same bytes as the handset view');
  });

  test(`tshark decodes the m-retrieve-conf${tsharkSkip ? ` (${tsharkSkip})` : ''}`, { skip: tsharkSkip }, async () => {
    const bytes = pduBytes ?? (await handset(id, { accept: MMS_TYPE })).bytes;
    const frame = tsharkHttp(bytes);
    assert.ok(frame.mmse, 'tshark found an MMS PDU');
    assert.equal(frame.malformed, false);
    assert.equal(frame.mmse['mmse.message_type'], '0x84');
    assert.equal(frame.mmse['mmse.message_id'], carrierMessageId);
    assert.deepEqual(tsharkMismatches(decodePdu(bytes).pdu, frame.mmse), []);
  });

  test('another account gets 404 for the same message', async () => {
    const other = await h.porm.services.accounts.create('handset-other');
    for (const accept of [MMS_TYPE, 'application/json']) {
      const res = await request(h.url, 'GET', `/v1/messages/${id}/handset`, undefined, { authorization: `Bearer ${other.apiKey.key}`, accept });
      assert.equal(res.status, 404, res.text);
      assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(res.body.code, 'PORM_MESSAGE_NOT_FOUND');
    }
  });

  test('a message the MMSC rejected at submit (+15005550001) has no handset view: 404 PORM_HANDSET_VIEW_UNAVAILABLE', async () => {
    const sent = await h.api('POST', '/v1/messages', { to: '+15005550001', from: '+14155550199', body: 'refused' });
    assert.equal(sent.status, 201, sent.text);
    await waitForStatus(h, String(sent.body.id), 'failed');
    for (const accept of [MMS_TYPE, 'application/json']) {
      const res = await h.api('GET', `/v1/messages/${String(sent.body.id)}/handset`, undefined, { accept });
      assert.equal(res.status, 404, res.text);
      assert.equal(res.body.code, 'PORM_HANDSET_VIEW_UNAVAILABLE');
    }
  });

  test('an unknown message id is 404 PORM_MESSAGE_NOT_FOUND', async () => {
    const res = await h.api('GET', '/v1/messages/msg_00000000000000000000000000/handset');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'PORM_MESSAGE_NOT_FOUND');
  });
});
