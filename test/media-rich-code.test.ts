import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { SCENARIOS } from '../src/rich/format/scenarios.ts';
import { decodePdu } from '../src/mms/pdu/index.ts';
import { waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

// A ticket's QR code drawn by porm, through the whole send: the MMS the handset downloads carries
// the code at its drawn size, byte for byte (it was once re-encoded to 58×58 with 590 KB free).

type SentPart = { original: { content_type: string }; sent: { content_type: string; width: number | null; height: number | null }; converted: boolean };

describe('rich MMS: a generated code reaches the handset unscaled', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; });

  test('event ticket over MMS on us-600k: the QR code goes out as drawn, and the SMIL shows it', async () => {
    const created = await h.api('POST', '/v1/templates', { document: SCENARIOS.eventTicket });
    assert.equal(created.status, 201, created.text);
    const data = { holder: 'Ada', ticket_code: 'TKT-7F3K-99QX-ARCTIC', event: { name: 'Night of Engines', starts: '2030-12-12T19:30:00Z', venue: 'Analytical Hall', address: '12 Babbage Rd, London', section: 'B', seat: '14' } };
    const res = await h.api('POST', '/v1/messages', { to: '+14155550123', from: '+14155550199', template: String(created.body.id), data, channel: 'mms' });
    assert.equal(res.status, 201, res.text);
    const done = await waitForStatus(h, String(res.body.id), 'delivered', 60_000);
    const parts = (done.media_sent as { parts: SentPart[] }).parts;
    const code = parts.find((p) => p.original.content_type === 'image/png')!;
    assert.ok(code, JSON.stringify(parts));
    assert.equal(code.converted, false);
    assert.ok(Math.min(code.sent.width!, code.sent.height!) >= 150, `${code.sent.width}×${code.sent.height}`);

    const handset = await fetch(`${h.url}/v1/messages/${String(res.body.id)}/handset`, { headers: { authorization: `Bearer ${h.key}`, accept: 'application/vnd.wap.mms-message' } });
    assert.equal(handset.status, 200);
    const pdu = decodePdu(new Uint8Array(await handset.arrayBuffer())).pdu;
    const png = pdu.parts!.find((p) => p.contentType === 'image/png')!;
    const meta = await sharp(Buffer.from(png.data)).metadata();
    assert.deepEqual([meta.width, meta.height], [code.sent.width, code.sent.height]);
    const smil = new TextDecoder().decode(pdu.parts!.find((p) => p.contentType === 'application/smil')!.data);
    assert.match(smil, new RegExp(`<img src="${png.contentLocation!.replace('.', '\\.')}" region="Image"`));
  });
});
