import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../logger.ts';
import { MessageTransitions } from '../../messages/transitions.ts';
import { eventsOf, fixedClock, sendingMessage, tempDatabase } from '../../messages/testing/fixture.ts';
import type { OutboundMessage } from '../../carriers/carrier.ts';
import { BindPool } from '../../carriers/smpp/bind-pool.ts';
import { SmppCarrier } from '../../carriers/smpp/smpp-carrier.ts';
import { smppSchema } from '../../carriers/smpp/smpp-type.ts';
import { CommandStatus, PduFramer, decodePdu, encodePdu, type Pdu } from '../pdu/index.ts';
import { SegmentReceipts } from '../receipts/segment-receipts.ts';
import { StoredSmsProgress } from './stored-progress.ts';

// Half-sent concatenated SMS across two "processes" (two carriers with their own binds and
// stores on one SQLite file): an SMSC that leaves segment 2 of 3 unanswered the first time makes
// the first attempt transient; the second carrier, which shares nothing with the first but the
// database, submits only segment 2, with the reference of the first attempt, and notes it.

const log = createLogger({ logLevel: 'silent' });
const clock = fixedClock();
const transitions = new MessageTransitions();

interface Seen { segment: number; reference: number; total: number; answered: boolean }

/** An SMSC that binds anyone and answers submits, except the first submit of each listed segment. */
async function smsc(hangFirst: ReadonlySet<number>): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const hung = new Set<number>();
  const sockets = new Set<net.Socket>();
  let id = 7000;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const framer = new PduFramer();
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) {
        const pdu = decodePdu(frame);
        const answer = (p: Pdu): boolean => socket.write(encodePdu(p));
        if (pdu.command === 'bind_transceiver') answer({ command: 'bind_transceiver_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { systemId: 'test', tlvs: [] } });
        else if (pdu.command === 'enquire_link') answer({ command: 'enquire_link_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
        else if (pdu.command === 'unbind') answer({ command: 'unbind_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
        else if (pdu.command === 'submit_sm') {
          const udh = pdu.body.shortMessage;
          const [reference, total, segment] = [udh[3]!, udh[4]!, udh[5]!];
          const hang = hangFirst.has(segment) && !hung.has(segment);
          if (hang) hung.add(segment);
          seen.push({ segment, reference, total, answered: !hang });
          if (!hang) answer({ command: 'submit_sm_resp', commandStatus: CommandStatus.ESME_ROK, sequenceNumber: pdu.sequenceNumber, body: { messageId: String(id++), tlvs: [] } });
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port, seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function carrierOn(port: number, progress: StoredSmsProgress): { carrier: SmppCarrier; pool: BindPool } {
  const config = smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port, systemId: 'porm', requestTimeoutMs: 300, submitWaitMs: 5_000, reconnect: { initialMs: 50, maxMs: 200, jitter: 0 } });
  const pool = new BindPool(config, log, async () => CommandStatus.ESME_ROK);
  pool.start();
  return { carrier: new SmppCarrier('perl', config, pool, log, progress), pool };
}

const message = (body: string): OutboundMessage => ({
  id: 'msg_half', channel: 'sms', accountId: 'acct_x', to: '+14155550100', from: '+14155550199', body, subject: null, media: [], expiresAt: null,
});

test('a retry in another process resubmits only the segment the SMSC did not take, with the same reference', async () => {
  const files = tempDatabase();
  const peer = await smsc(new Set([2]));
  try {
    const storeA = await files.open();
    await sendingMessage(storeA, transitions, 'msg_half', clock.now());
    const a = carrierOn(peer.port, new StoredSmsProgress(storeA, transitions, clock));
    const first = await a.carrier.submit(message('d'.repeat(400)));
    assert.equal(first.outcome, 'transient');
    assert.match(first.outcome === 'transient' ? first.message : '', /2 of 3 segments taken/);
    await a.pool.close();
    await storeA.close();
    const rows = await (await files.open()).db.selectFrom('sms_submit_progress').selectAll().orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => r.seq), [0, 2], 'segments 1 and 3 are on disk');

    // "After the crash": a new store and a new carrier; only the database is shared.
    const storeB = await files.open();
    const b = carrierOn(peer.port, new StoredSmsProgress(storeB, transitions, clock));
    const second = await b.carrier.submit(message('d'.repeat(400)));
    assert.equal(second.outcome, 'accepted');
    const ids = second.outcome === 'accepted' ? second.segmentIds ?? [] : [];
    assert.equal(ids.length, 3);
    assert.deepEqual(ids.filter((_, i) => i !== 1), rows.map((r) => r.smsc_id), 'the ids of the first attempt are kept');
    assert.deepEqual(peer.seen.filter((s) => s.segment !== 2).map((s) => s.segment).sort(), [1, 3], 'segments 1 and 3 went once');
    assert.deepEqual(peer.seen.filter((s) => s.segment === 2).map((s) => s.answered), [false, true]);
    assert.equal(new Set(peer.seen.map((s) => `${s.reference}/${s.total}`)).size, 1, 'one reference, one total');
    const events = await eventsOf(storeB.db, 'msg_half');
    assert.ok(events.some((e) => e.type === 'sms_segments_resubmitted'), JSON.stringify(events));
    const note = await storeB.db.selectFrom('message_events').select('data_json').where('message_id', '=', 'msg_half').where('type', '=', 'sms_segments_resubmitted').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(note.data_json ?? '{}'), { carrier: 'perl', reference: peer.seen[0]!.reference, segments: 3, already_accepted: [1, 3], resubmitted: [2] });

    // Recording `sent` replaces the progress rows with the segments' receipt keys.
    const receipts = new SegmentReceipts(storeB, transitions, clock, log);
    await storeB.write(async (tx) => {
      await transitions.move(tx, 'msg_half', 'sent', { carrierMessageId: ids[0]!, data: { carrier: 'perl' } }, clock.now());
      await receipts.recordSegments(tx, 'perl', 'msg_half', ids, clock.now());
    });
    assert.equal((await storeB.db.selectFrom('sms_submit_progress').selectAll().execute()).length, 0);
    await b.pool.close();
  } finally {
    await peer.close();
    await files.dispose();
  }
});

test('progress of another text (the body changed between attempts) is not resumed: the message goes whole, under a new plan', async () => {
  const files = tempDatabase();
  const peer = await smsc(new Set([2]));
  try {
    const store = await files.open();
    await sendingMessage(store, transitions, 'msg_half', clock.now());
    const a = carrierOn(peer.port, new StoredSmsProgress(store, transitions, clock));
    assert.equal((await a.carrier.submit(message('e'.repeat(400)))).outcome, 'transient');
    const again = await a.carrier.submit(message('f'.repeat(400)));
    assert.equal(again.outcome, 'accepted');
    assert.equal(peer.seen.length, 6, 'three segments, then three again');
    assert.ok(!(await eventsOf(store.db, 'msg_half')).some((e) => e.type === 'sms_segments_resubmitted'));
    const rows = await store.db.selectFrom('sms_submit_progress').selectAll().execute();
    assert.equal(new Set(rows.map((r) => r.parts_digest)).size, 1, 'the old plan was forgotten');
    await a.pool.close();
  } finally {
    await peer.close();
    await files.dispose();
  }
});
