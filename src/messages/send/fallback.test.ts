// MMS → SMS fallback in the send pipeline, on a real SQLite store, with scripted connectors: one
// serving MMS only, one serving SMS only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accepted, ScriptedConnector, sendKit } from './send-test-kit.ts';
import type { RoutePicker } from './ports.ts';
import type { Carrier, Channel, SubmitResult } from '../../carriers/carrier.ts';
import type { ErrorCode } from '../../errors.ts';
import { refusalFallsBack } from './fallback-sms.ts';

class OneChannel extends ScriptedConnector {
  override readonly channels: readonly Channel[];
  constructor(name: string, channel: Channel, script: SubmitResult[]) {
    super(name, script);
    this.channels = [channel];
  }
}

const picker = (...carriers: Carrier[]): RoutePicker => ({ candidates: (r) => carriers.filter((c) => c.channels.includes(r.channel)) });
const refused = (errorCode: ErrorCode): SubmitResult => ({ outcome: 'permanent', errorCode, message: `MMSC said ${errorCode}`, carrierCode: '2004' });
const types = (m: { events: Array<{ type: string }> }) => m.events.map((e) => e.type);
const sms = { baseUrl: () => 'https://porm.example', maxSegments: 10 };
const picture = [{ url: 'https://media.example/cat.jpg' }];

test('an MMS the MMSC refuses for its content goes as SMS: text and a link to its page, the switch on the timeline', async (t) => {
  const mmsc = new OneChannel('mmsc', 'mms', [refused('PORM_MM7_CONTENT_REFUSED')]);
  const smsc = new OneChannel('smsc', 'sms', [accepted('s1')]);
  const kit = await sendKit(t, { picker: picker(mmsc, smsc), sms });
  const id = await kit.accept({ body: 'Your cat photo', subject: 'Cats', media: picture });
  await kit.step();
  const m = await kit.message(id);
  assert.equal(m.status, 'sent');
  assert.deepEqual([m.carrier, m.carrierMessageId, m.channel, m.fallbackReason], ['smsc', 's1', 'sms', 'mms_refused']);
  assert.equal(mmsc.submitted.length, 1);
  assert.equal(smsc.submitted.length, 1);
  const out = smsc.submitted[0]!;
  assert.equal(out.channel, 'sms');
  assert.deepEqual(out.media, []);
  assert.match(m.fallbackPageToken ?? '', /^[0-9A-Za-z]{22}$/);
  assert.equal(out.body, `Cats\nYour cat photo\nhttps://porm.example/v/${m.fallbackPageToken}`);
  assert.deepEqual(m.sms, { segments: 1, encoding: 'gsm7' });
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'channel_fallback', 'sent']);
  const note = m.events[3]!.data!;
  assert.deepEqual([note.from, note.to, note.reason, note.error_code, note.carrier, note.mms_carrier, note.carrier_code], ['mms', 'sms', 'mms_refused', 'PORM_MM7_CONTENT_REFUSED', 'smsc', 'mmsc', '2004']);
});

test('no MMS route: the claim picks the SMS route and records why, before anything is submitted', async (t) => {
  const smsc = new OneChannel('smsc', 'sms', [accepted('s1')]);
  const kit = await sendKit(t, { picker: picker(smsc), sms });
  const id = await kit.accept({ body: 'Привет', media: picture });
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.channel, m.fallbackReason, m.carrier], ['sent', 'sms', 'no_mms_route', 'smsc']);
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'channel_fallback', 'sent']);
  assert.deepEqual(m.sms, { segments: 1, encoding: 'ucs2' }, 'Cyrillic text makes the SMS form UCS-2');
  assert.ok(smsc.submitted[0]!.body.endsWith(`/v/${m.fallbackPageToken}`));
});

test('fallback "none" never falls back; a route problem (credentials) falls back only with fallback "sms"', async (t) => {
  const run = async (fallback: 'auto' | 'sms' | 'none', code: ErrorCode) => {
    const mmsc = new OneChannel('mmsc', 'mms', [refused(code)]);
    const smsc = new OneChannel('smsc', 'sms', [accepted('s1')]);
    const kit = await sendKit(t, { picker: picker(mmsc, smsc), sms });
    const id = await kit.accept({ body: 'x', media: picture, fallback });
    await kit.step();
    const m = await kit.message(id);
    return [m.status, m.errorCode, smsc.submitted.length];
  };
  assert.deepEqual(await run('none', 'PORM_MM7_CONTENT_REFUSED'), ['failed', 'PORM_MM7_CONTENT_REFUSED', 0]);
  assert.deepEqual(await run('auto', 'PORM_MM7_IMPROPER_IDENTIFICATION'), ['failed', 'PORM_MM7_IMPROPER_IDENTIFICATION', 0]);
  assert.deepEqual(await run('sms', 'PORM_MM7_IMPROPER_IDENTIFICATION'), ['sent', null, 1]);
  const smsOnly = new OneChannel('smsc', 'sms', [accepted('s1')]);
  const kit = await sendKit(t, { picker: picker(smsOnly), sms });
  const id = await kit.accept({ body: 'x', media: picture, fallback: 'none' });
  await kit.step();
  assert.deepEqual([(await kit.message(id)).status, (await kit.message(id)).errorCode], ['failed', 'PORM_NO_ROUTE']);
});

test('a refused MMS with no SMS route fails with the MMSC\'s refusal', async (t) => {
  const mmsc = new OneChannel('mmsc', 'mms', [refused('PORM_MM7_CONTENT_REFUSED')]);
  const kit = await sendKit(t, { picker: picker(mmsc), sms });
  const id = await kit.accept({ body: 'x', media: picture });
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.errorCode, m.channel ?? null, m.fallbackReason], ['failed', 'PORM_MM7_CONTENT_REFUSED', null, null]);
});

test('the SMS connector failing for now after a fallback: the retry resumes as SMS on that connector, never MMS again', async (t) => {
  const mmsc = new OneChannel('mmsc', 'mms', [refused('PORM_MM7_MESSAGE_REJECTED')]);
  const smsc = new OneChannel('smsc', 'sms', [{ outcome: 'transient', message: 'bind lost' }, accepted('s2')]);
  const kit = await sendKit(t, { picker: picker(mmsc, smsc), sms });
  const id = await kit.accept({ body: 'hello', media: picture });
  await kit.step();
  kit.clock.advance(60_000);
  await kit.step();
  const m = await kit.message(id);
  assert.deepEqual([m.status, m.carrier, m.channel], ['sent', 'smsc', 'sms']);
  assert.equal(mmsc.submitted.length, 1, 'the MMSC was asked once');
  assert.equal(smsc.submitted.length, 2);
  assert.equal(smsc.submitted[0]!.body, smsc.submitted[1]!.body, 'the same SMS form, the same page link');
  assert.deepEqual(types(m), ['accepted', 'queued', 'sending', 'channel_fallback', 'retry_scheduled', 'sending', 'sent']);
});

test('a long text is cut so the link always fits the segment limit', async (t) => {
  const mmsc = new OneChannel('mmsc', 'mms', [refused('PORM_MM7_CONTENT_REFUSED')]);
  const smsc = new OneChannel('smsc', 'sms', [accepted('s1')]);
  const kit = await sendKit(t, { picker: picker(mmsc, smsc), sms: { ...sms, maxSegments: 2 } });
  const id = await kit.accept({ body: 'word '.repeat(300), media: picture });
  await kit.step();
  const m = await kit.message(id);
  const body = smsc.submitted[0]!.body;
  assert.ok(body.endsWith(`...\nhttps://porm.example/v/${m.fallbackPageToken}`), body.slice(-60));
  assert.deepEqual(m.sms, { segments: 2, encoding: 'gsm7' });
});

test('which permanent refusals fall back under which policy', () => {
  assert.equal(refusalFallsBack('auto', 'PORM_MM7_CONTENT_REFUSED'), 'mms_refused');
  assert.equal(refusalFallsBack('auto', 'PORM_MM7_ADDRESS_NOT_FOUND'), 'mms_refused');
  assert.equal(refusalFallsBack('auto', 'PORM_MM7_SERVICE_DENIED'), null);
  assert.equal(refusalFallsBack('sms', 'PORM_MM7_SERVICE_DENIED'), 'mms_failed');
  assert.equal(refusalFallsBack('none', 'PORM_MM7_CONTENT_REFUSED'), null);
});
