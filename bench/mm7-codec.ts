// MM7 codec benchmark: build + parse of a SubmitReq with a 300 KB attachment and of a
// DeliveryReportReq, against baselines measured in the same run (absolute numbers on shared
// machines mean little; the ratios are what to watch).
//   node --import tsx bench/mm7-codec.ts [seconds-per-case]
import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { buildMm7Envelope, buildMm7Message, parseMm7Message, type Mm7DeliveryReportReq, type Mm7SubmitReq } from '../src/mms/mm7/index.ts';

const seconds = Number(process.argv[2] ?? 1);

function measure(name: string, fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  let ops = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) fn();
    ops += 10;
  }
  const perSec = ops / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(44)} ${perSec.toFixed(0).padStart(9)} ops/s`);
  return perSec;
}

const jpeg = randomBytes(300 * 1024);
const smil = Buffer.from('<smil><head><layout><root-layout/></layout></head><body><par dur="5s"><img src="cid:img"/></par></body></smil>');
const submit: Mm7SubmitReq = {
  type: 'SubmitReq',
  transactionId: 'bench-1',
  senderIdentification: { vaspId: 'vasp', vasId: 'svc', senderAddress: { kind: 'ShortCode', value: '12345' } },
  recipients: { to: [{ kind: 'Number', value: '+4712345678' }] },
  deliveryReport: true,
  subject: 'Benchmark',
  content: {
    part: {
      contentType: 'multipart/related',
      params: { type: 'application/smil', start: '<smil>' },
      parts: [
        { contentType: 'application/smil', contentId: 'smil', data: smil },
        { contentType: 'image/jpeg', contentId: 'img', contentLocation: 'img.jpg', data: jpeg },
      ],
    },
  },
};
const report: Mm7DeliveryReportReq = {
  type: 'DeliveryReportReq',
  transactionId: 'bench-2',
  messageId: 'M-42',
  recipient: { kind: 'Number', value: '+4712345678' },
  sender: { kind: 'ShortCode', value: '12345' },
  date: '2024-02-03T04:05:06Z',
  mmStatus: 'Retrieved',
};

const builtSubmit = buildMm7Message(submit);
const builtSubmit64 = buildMm7Message(submit, { transferEncoding: 'base64' });
const builtReport = buildMm7Message(report);
const soapXml = buildMm7Envelope(submit);
const bareParser = new XMLParser({ ignoreAttributes: false, processEntities: false });

// Baseline for building: the same bytes glued from prepared pieces with one Buffer.concat.
const pieces = [Buffer.from('--b\r\nContent-Type: text/xml\r\n\r\n'), Buffer.from(soapXml), Buffer.from('\r\n--b\r\n...headers...\r\n\r\n'), smil, Buffer.from('\r\n--b\r\n'), jpeg, Buffer.from('\r\n--b--\r\n')];

console.log(`node ${process.version}; SubmitReq body ${builtSubmit.body.length} B (base64 ${builtSubmit64.body.length} B), DeliveryReportReq ${builtReport.body.length} B\n`);
const concat = measure('baseline: Buffer.concat of the same parts', () => Buffer.concat(pieces));
const bSubmit = measure('build SubmitReq 300 KB (binary)', () => buildMm7Message(submit));
const bSubmit64 = measure('build SubmitReq 300 KB (base64)', () => buildMm7Message(submit, { transferEncoding: 'base64' }));
const pSubmit = measure('parse SubmitReq 300 KB (binary)', () => parseMm7Message(builtSubmit.contentType, builtSubmit.body));
const pSubmit64 = measure('parse SubmitReq 300 KB (base64)', () => parseMm7Message(builtSubmit64.contentType, builtSubmit64.body));
const bare = measure('baseline: bare fast-xml-parser, report XML', () => bareParser.parse(builtReport.body.toString()));
const bReport = measure('build DeliveryReportReq', () => buildMm7Message(report));
const pReport = measure('parse DeliveryReportReq', () => parseMm7Message(builtReport.contentType, builtReport.body));

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
console.log('\nratios (codec ops/s divided by baseline ops/s; 1.00x = as fast as the baseline)');
console.log(`  build SubmitReq binary / Buffer.concat   ${ratio(bSubmit, concat)}`);
console.log(`  build SubmitReq base64 / Buffer.concat   ${ratio(bSubmit64, concat)}`);
console.log(`  parse SubmitReq binary / Buffer.concat   ${ratio(pSubmit, concat)}`);
console.log(`  parse SubmitReq base64 / Buffer.concat   ${ratio(pSubmit64, concat)}`);
console.log(`  build DeliveryReportReq / bare XML parse ${ratio(bReport, bare)}`);
console.log(`  parse DeliveryReportReq / bare XML parse ${ratio(pReport, bare)}`);
