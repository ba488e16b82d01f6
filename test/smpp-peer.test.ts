import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerlSmsc, perlSmppMissing } from './helpers/perl-smsc.ts';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from './helpers/harness.ts';

// porm's smpp connector against an SMSC nobody here wrote: Perl's Net::SMPP (Debian
// libnet-smpp-perl) driven by test/peers/smpp-smsc.pl. The destination number picks what the
// SMSC does (see the script's header); every receipt arrives on the other bind, alternately
// as TLVs with a hex id and as text with a zero-padded decimal id.

const skip = perlSmppMissing;

type Event = { type: string; data?: Record<string, unknown> };

async function send(h: Harness, to: string, body: string): Promise<string> {
  const res = await h.api('POST', '/v1/messages', { from: '+14155550199', to, body });
  assert.equal(res.status, 201, res.text);
  return String(res.body.id);
}

describe('smpp connector against a Net::SMPP SMSC', { skip }, () => {
  let smsc: PerlSmsc;
  let h: Harness;
  const dataDir = tempDir();

  before(async () => {
    smsc = await PerlSmsc.start();
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        perl: {
          type: 'smpp', host: '127.0.0.1', port: smsc.port, systemId: 'porm', password: 'secret', binds: 2, windowSize: 10,
          requestTimeoutMs: 1000, throttlePauseMs: 100, enquireLinkIntervalMs: 500, reconnect: { initialMs: 50, maxMs: 500, jitter: 0.2 },
        },
      },
      routes: [{ from: '*', carriers: ['perl'] }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    const num = await h.api('POST', '/v1/numbers', { number: '+14155550199', capabilities: ['sms'] });
    assert.equal(num.status, 201, num.text);
    await eventually(async () => (smsc.lines.filter((l) => l.startsWith('BIND')).length >= 2 ? true : undefined), 10_000, 'two binds');
  });
  after(async () => {
    await h?.stop();
    smsc?.stop();
    cleanup(dataDir);
  });

  test('a short GSM-7 text goes as one submit_sm (data_coding 0, one septet per octet) and is delivered by its receipt', async () => {
    const id = await send(h, '+14155550001', 'Hello {from} porm');
    await waitForStatus(h, id, 'delivered');
    const [submit, ...more] = smsc.submits('14155550001');
    assert.equal(more.length, 0);
    assert.equal(submit!.dc, 0);
    assert.equal(submit!.esm, 0);
    // '{' is the extension table's ESC 0x28.
    assert.equal(submit!.hex, Buffer.from([...Buffer.from('Hello '), 0x1b, 0x28, ...Buffer.from('from'), 0x1b, 0x29, ...Buffer.from(' porm')]).toString('hex'));
  });

  test('a long GSM-7 text goes as concatenated segments and is delivered once every segment is', async () => {
    const text = 'a'.repeat(200);
    const id = await send(h, '+14155550002', text);
    const message = await waitForStatus(h, id, 'delivered');
    const submits = smsc.submits('14155550002');
    assert.equal(submits.length, 2);
    const udh = submits.map((s) => s.hex.slice(0, 12)).sort();
    assert.match(udh[0]!, /^050003[0-9a-f]{2}0201$/);
    assert.equal(udh[1], `${udh[0]!.slice(0, 8)}0202`);
    assert.ok(submits.every((s) => s.esm === 0x40 && s.dc === 0));
    const evs = message.events as Event[];
    assert.ok(evs.some((e) => e.type === 'segment_delivered'), 'the first segment receipt is noted, not final');
  });

  test('a long UCS-2 text goes as data_coding 8 segments and is delivered', async () => {
    const text = 'Привет, мир! '.repeat(8);
    const id = await send(h, '+14155550003', text);
    await waitForStatus(h, id, 'delivered');
    const submits = smsc.submits('14155550003');
    assert.equal(submits.length, 2);
    assert.ok(submits.every((s) => s.dc === 8 && s.esm === 0x40));
    const joined = Buffer.concat(submits.sort((a, b) => a.hex.slice(10, 12).localeCompare(b.hex.slice(10, 12))).map((s) => Buffer.from(s.hex.slice(12), 'hex')));
    assert.equal(joined.swap16().toString('utf16le'), text);
  });

  test('ESME_RTHROTTLED (0x58) requeues the message, which is then delivered', async () => {
    const id = await send(h, '+14155550058', 'throttle me');
    const message = await waitForStatus(h, id, 'delivered');
    assert.ok((message.events as Event[]).some((e) => e.type === 'throttled'), JSON.stringify(message.events));
    assert.equal(smsc.submits('14155550058').length, 2);
  });

  test('ESME_RMSGQFUL (0x14) requeues the message, which is then delivered', async () => {
    const id = await send(h, '+14155550014', 'queue full');
    const message = await waitForStatus(h, id, 'delivered');
    assert.ok((message.events as Event[]).some((e) => e.type === 'throttled'));
  });

  test('a submit_sm with no answer is a transient failure: retried, visible on the timeline, then delivered', async () => {
    const id = await send(h, '+14155550999', 'nobody answers the first time');
    const message = await waitForStatus(h, id, 'delivered', 15_000);
    const evs = message.events as Event[];
    assert.ok(evs.some((e) => e.type === 'retry_scheduled' && /no submit_sm_resp/.test(String(e.data?.reason))), JSON.stringify(evs));
    assert.equal(smsc.submits('14155550999').length, 2);
  });

  test('segment 2 of 3 throttled: the retry resubmits only segment 2, with the same UDH reference; the timeline says so', async () => {
    const text = 'c'.repeat(400);
    const id = await send(h, '+14155550258', text);
    const message = await waitForStatus(h, id, 'delivered', 15_000);
    const submits = smsc.submits('14155550258');
    const bySegment = new Map<number, string[]>();
    for (const s of submits) bySegment.set(Number.parseInt(s.hex.slice(10, 12), 16), [...(bySegment.get(Number.parseInt(s.hex.slice(10, 12), 16)) ?? []), s.hex.slice(0, 10)]);
    assert.deepEqual([...bySegment.keys()].sort(), [1, 2, 3]);
    assert.equal(bySegment.get(1)!.length, 1, 'segment 1 once');
    assert.equal(bySegment.get(3)!.length, 1, 'segment 3 once');
    assert.equal(bySegment.get(2)!.length, 2, 'segment 2 throttled, then again');
    assert.equal(new Set(submits.map((s) => s.hex.slice(0, 10))).size, 1, 'one UDH (same reference, total 3) on every submit');
    const evs = message.events as Event[];
    assert.ok(evs.some((e) => e.type === 'throttled'), JSON.stringify(evs));
    const note = evs.find((e) => e.type === 'sms_segments_resubmitted');
    assert.ok(note, JSON.stringify(evs));
    assert.deepEqual([note.data?.already_accepted, note.data?.resubmitted, note.data?.segments], [[1, 3], [2], 3]);
    assert.equal(note.data?.reference, Number.parseInt(submits[0]!.hex.slice(6, 8), 16));
    const progress = await h.api('GET', `/v1/messages/${id}`);
    assert.equal(progress.body.segments, 3);
  });

  test('a segment receipt UNDELIV makes the message undelivered, with the SMSC stat and err on the timeline', async () => {
    const id = await send(h, '+14155550500', 'b'.repeat(300));
    const message = await waitForStatus(h, id, 'undelivered');
    const ev = (message.events as Event[]).find((e) => e.type === 'undelivered');
    assert.equal(ev?.data?.carrier_status, 'UNDELIV');
    assert.equal(ev?.data?.segments, 2);
  });

  test('a receipt that arrives before the submit_sm_resp (and on the other bind) is kept and applied', async () => {
    const id = await send(h, '+14155550777', 'early receipt');
    await waitForStatus(h, id, 'delivered');
  });

  test('MO deliver_sm becomes an inbound SMS; concatenated parts out of order, one repeated, become one message', async () => {
    smsc.mo('15550109001', '14155550199', 0, 0, Buffer.from('single MO'));
    const part = (seq: number, text: string): Buffer => Buffer.concat([Buffer.from([5, 0, 3, 0x2a, 3, seq]), Buffer.from(text)]);
    smsc.mo('15550109002', '14155550199', 0, 0x40, part(3, 'three'));
    smsc.mo('15550109002', '14155550199', 0, 0x40, part(1, 'one-'));
    smsc.mo('15550109002', '14155550199', 0, 0x40, part(1, 'one-'));
    smsc.mo('15550109002', '14155550199', 0, 0x40, part(2, 'two-'));
    const list = await eventually(async () => {
      const res = await h.api('GET', '/v1/inbound-messages');
      const data = res.body.data as Array<{ from: string; body: string }>;
      return data.length >= 2 ? data : undefined;
    }, 10_000, 'two inbound messages').catch((err: unknown) => { throw new Error(`${String(err)}: ${smsc.lines.filter((l) => !l.startsWith('SUBMIT')).slice(-20).join(' | ')}`); });
    // Give a stray duplicate a moment to show up if it were going to.
    await eventually(async () => (smsc.lines.filter((l) => l.startsWith('MORESP')).length >= 5 ? true : undefined), 5_000, 'five deliver_sm_resp');
    const after = (await h.api('GET', '/v1/inbound-messages')).body.data as Array<{ from: string; body: string }>;
    assert.equal(after.length, 2, JSON.stringify(after));
    const byFrom = new Map(list.map((m) => [m.from, m.body]));
    assert.equal(byFrom.get('+15550109001'), 'single MO');
    assert.equal(byFrom.get('+15550109002'), 'one-two-three');
    assert.ok(smsc.lines.filter((l) => l.startsWith('MORESP')).every((l) => l.endsWith(' 0')));
  });
});
