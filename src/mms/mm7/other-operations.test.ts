import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Envelope, buildMm7Message } from './build.ts';
import { REPLACE_REQ_ORDER } from './cancel-replace.ts';
import type { Mm7Message } from './model.ts';
import { parseMm7Message } from './parse.ts';
import { READ_REPLY_REQ_ORDER } from './read-reply.ts';
import { NS6, envelope, topLevelChildren } from './test-util.ts';

const sid = { vaspId: 'vasp', vasId: 'svc' };

test('ReadReplyReq: byte-exact, schema order', () => {
  const xml = buildMm7Envelope({
    type: 'ReadReplyReq',
    transactionId: 'rr-1',
    messageId: 'M-1',
    recipient: { kind: 'Number', value: '+4790000001' },
    sender: { kind: 'ShortCode', value: '2222' },
    timeStamp: '2024-02-03T04:05:06Z',
    mmStatus: 'Read',
    statusText: 'read',
  });
  assert.equal(
    xml,
    envelope(
      'rr-1',
      `<ReadReplyReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><MessageID>M-1</MessageID>` +
        '<Recipient><Number>+4790000001</Number></Recipient><Sender><ShortCode>2222</ShortCode></Sender>' +
        '<TimeStamp>2024-02-03T04:05:06Z</TimeStamp><MMStatus>Read</MMStatus><StatusText>read</StatusText></ReadReplyReq>',
    ),
  );
  const full = buildMm7Envelope({
    type: 'ReadReplyReq', transactionId: 'rr-1', vaspId: 'v', vasId: 's', mmsRelayServerId: 'r', messageId: 'M-1',
    recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, timeStamp: '2024-02-03T04:05:06Z',
    mmStatus: 'Deleted', statusText: 't', applicId: 'a', replyApplicId: 'b', auxApplicInfo: 'c',
  });
  assert.deepEqual(topLevelChildren(full, 'ReadReplyReq'), [...READ_REPLY_REQ_ORDER]);
});

test('CancelReq and CancelRsp: byte-exact', () => {
  assert.equal(
    buildMm7Envelope({ type: 'CancelReq', transactionId: 'c-1', senderIdentification: sid, messageId: 'M-1' }),
    envelope('c-1', `<CancelReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><SenderIdentification><VASPID>vasp</VASPID><VASID>svc</VASID></SenderIdentification><MessageID>M-1</MessageID></CancelReq>`),
  );
  assert.equal(
    buildMm7Envelope({ type: 'CancelRsp', transactionId: 'c-1', status: { code: 2005 } }),
    envelope('c-1', `<CancelRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>2005</StatusCode><StatusText>Message ID Not found</StatusText></Status></CancelRsp>`),
  );
});

test('ReplaceReq: byte-exact with content, and schema order with every field', () => {
  const built = buildMm7Message(
    { type: 'ReplaceReq', transactionId: 'r-1', senderIdentification: sid, messageId: 'M-1', content: { part: { contentType: 'text/plain', contentId: 'new', data: Buffer.from('v2') } } },
    { boundary: () => 'rb' },
  );
  assert.equal(
    built.body.toString(),
    '--rb\r\nContent-Type: text/xml; charset="utf-8"\r\nContent-ID: <mm7-soap>\r\n\r\n' +
      envelope('r-1', `<ReplaceReq xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><SenderIdentification><VASPID>vasp</VASPID><VASID>svc</VASID></SenderIdentification><MessageID>M-1</MessageID><Content href="cid:new"/></ReplaceReq>`) +
      '\r\n--rb\r\nContent-Type: text/plain\r\nContent-ID: <new>\r\nContent-Transfer-Encoding: binary\r\n\r\nv2\r\n--rb--\r\n',
  );
  const full = buildMm7Envelope({
    type: 'ReplaceReq', transactionId: 'r-1', senderIdentification: sid, messageId: 'M-1', serviceCode: 's', timeStamp: '2024-01-01T00:00:00Z',
    readReply: true, earliestDeliveryTime: 'PT1H', distributionIndicator: true, contentClass: 'text', drmContent: false,
    content: { part: { contentType: 'text/plain', data: Buffer.alloc(0) } },
  });
  assert.deepEqual(topLevelChildren(full, 'ReplaceReq'), [...REPLACE_REQ_ORDER]);
  assert.equal(buildMm7Envelope({ type: 'ReplaceRsp', transactionId: 'r-1', status: { code: 1000 } }), envelope('r-1', `<ReplaceRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status></ReplaceRsp>`));
});

test('every operation parses back to the message it was built from', () => {
  const messages: Mm7Message[] = [
    { type: 'ReadReplyReq', transactionId: 't', mm7Version: '6.8.0', messageId: 'M', recipient: { kind: 'Number', value: '1' }, sender: { kind: 'Number', value: '2' }, timeStamp: '2024-01-01T00:00:00Z', mmStatus: 'Indeterminate' },
    { type: 'ReadReplyRsp', transactionId: 't', mm7Version: '6.8.0', status: { code: 1000, text: 'Success' } },
    { type: 'CancelReq', transactionId: 't', mm7Version: '6.8.0', senderIdentification: { senderAddress: { kind: 'RFC2822Address', value: 'a@b.c' } }, messageId: 'M' },
    { type: 'CancelRsp', transactionId: 't', mm7Version: '6.8.0', status: { code: 3001, text: 'Not Possible', details: 'already delivered' } },
    { type: 'ReplaceReq', transactionId: 't', mm7Version: '6.8.0', senderIdentification: {}, messageId: 'M', readReply: false },
    { type: 'ReplaceRsp', transactionId: 't', mm7Version: '6.8.0', status: { code: 4003, text: 'Unsupported operation' } },
  ];
  for (const m of messages) {
    const built = buildMm7Message(m);
    const parsed = parseMm7Message(built.contentType, built.body);
    assert.deepEqual(parsed.message, m, m.type);
    assert.deepEqual(parsed.warnings, [], m.type);
  }
});
