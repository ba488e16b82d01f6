// MM1 codec throughput. Encodes and decodes a typical m-send-req (SMIL + 300 KB JPEG-like
// image + text) and a typical m-notification-ind, and measures Buffer.concat of the same
// parts in the same run as the baseline (absolute numbers on shared machines mean little).
// Goals (issue): encode >= 50 000 m-notification-ind/s; m-send-req encode <= 2x Buffer.concat.
// Run: node --import tsx bench/pdu.ts [SECONDS_PER_CASE]   (default 2)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodePdu } from '../src/mms/pdu/decode.ts';
import { encodePdu } from '../src/mms/pdu/encode.ts';
import type { Pdu } from '../src/mms/pdu/model.ts';
import { buildSlideshow } from '../src/mms/smil/body.ts';

const seconds = Number(process.argv[2] ?? 2);

function jpegLike(size: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 2654435761) >>> 24;
  data.set([0xff, 0xd8, 0xff, 0xe0]);
  data.set([0xff, 0xd9], size - 2);
  return data;
}

const show = buildSlideshow([{ image: { contentType: 'image/jpeg', data: jpegLike(300 * 1024), filename: 'photo.jpg', width: 1024, height: 768 }, text: 'Look at this, taken this morning.' }]);
const sendReq: Pdu = {
  messageType: 'm-send-req', transactionId: 'porm-01HZX3', mmsVersion: '1.2', date: new Date(),
  to: ['+15550001111'], subject: 'Photo', deliveryReport: true, readReport: false, ...show,
};
const notification: Pdu = {
  messageType: 'm-notification-ind', transactionId: 'porm-01HZX3', mmsVersion: '1.2',
  from: { kind: 'address', address: '+15551230000/TYPE=PLMN' }, subject: 'Photo', messageClass: 'personal',
  messageSize: 308000, expiry: { kind: 'relative', seconds: 604800 }, contentLocation: 'http://mmsc.example.net/m/porm-01HZX3',
};
const sendBytes = encodePdu(sendReq);
const notificationBytes = encodePdu(notification);
const partData = show.parts.map((p) => p.data);

let sink = 0; // keeps results alive so the work is not optimised away

interface Case { name: string; size: number; fn: () => number; rates: number[] }
const cases: Case[] = [];
const add = (name: string, size: number, fn: () => number): Case => {
  const c: Case = { name, size, fn, rates: [] };
  cases.push(c);
  return c;
};

const concat = add('baseline: Buffer.concat of the m-send-req parts', sendBytes.length, () => Buffer.concat(partData).length);
const encSend = add('encode m-send-req', sendBytes.length, () => encodePdu(sendReq).length);
const decSend = add('decode m-send-req', sendBytes.length, () => decodePdu(sendBytes).pdu.parts?.length ?? 0);
const encNote = add('encode m-notification-ind', notificationBytes.length, () => encodePdu(notification).length);
const decNote = add('decode m-notification-ind', notificationBytes.length, () => decodePdu(notificationBytes).pdu.messageSize ?? 0);

// Rounds interleave the cases (baseline, encode, decode, …) so that GC and CPU-frequency drift
// hit them alike; each case reports its median round.
const ROUNDS = 9;
for (const c of cases) for (let i = 0; i < 300; i++) sink += c.fn(); // warm-up
// A full GC before each round, so no case pays for the garbage of the one before it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    gc();
    const until = performance.now() + (seconds * 1000) / ROUNDS;
    const start = performance.now();
    let ops = 0;
    while (performance.now() < until) {
      for (let i = 0; i < 10; i++) sink += c.fn();
      ops += 10;
    }
    c.rates.push(ops / ((performance.now() - start) / 1000));
  }
}
const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const median = (c: Case): number => mid(c.rates);
/** Median over rounds of baseline rate / case rate, each pair measured back to back. */
const cost = (c: Case): number => mid(c.rates.map((r, i) => concat.rates[i]! / r));
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

console.log(`MM1 codec (node ${process.version}; m-send-req ${sendBytes.length} octets, m-notification-ind ${notificationBytes.length} octets; median of ${ROUNDS} interleaved rounds)`);
for (const c of cases) console.log(`  ${c.name.padEnd(48)} ${fmt(median(c)).padStart(10)} PDUs/s ${((median(c) * c.size) / 1e6).toFixed(0).padStart(7)} MB/s`);
console.log('cost relative to the Buffer.concat baseline, median of per-round ratios (goal for encode: <= 2.00x):');
console.log(`  encode m-send-req: ${cost(encSend).toFixed(2)}x   decode m-send-req: ${cost(decSend).toFixed(2)}x`);
const note = median(encNote);
console.log(`encode m-notification-ind: ${fmt(note)}/s (goal >= 50,000/s: ${note >= 50_000 ? 'met' : 'NOT met'}); decode: ${fmt(median(decNote))}/s`);
if (sink === -1) console.log(sink);
