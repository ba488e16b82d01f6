// Rich-message speed (issue: rich messages). In one run:
//  1. bind a typical template (ten slots, one condition, one loop of three items) for N recipients
//     with porm's compiled binder, beside LiquidJS rendering the same template strings (parsed once);
//     goal: porm ≥ 3× LiquidJS;
//  2. full HTML renders per second (bind + render the page), one core; goal ≥ 5,000/s;
//  3. the porm form's notification bytes against the full MMS form of the same message; goal ≥ 20× smaller.
// Run: npm run bench -- rich [RECIPIENTS]   (default 100000)
import { Liquid, type Template } from 'liquidjs';
import sharp from 'sharp';
import type { TemplateDocument } from '../src/rich/format/types.ts';
import { compileDocument } from '../src/rich/expand/index.ts';
import { renderMessageHtml } from '../src/rich/render/index.ts';
import { buildSmsText, gsm7Units, planMmsSlides } from '../src/rich/fallback/index.ts';
import { composeMmsBody } from '../src/mms/compose.ts';
import { encodePdu } from '../src/mms/pdu/encode.ts';
import { fitImage } from '../src/media/image/index.ts';

const N = Number(process.argv[2] ?? 100_000);
const theme = { primaryColor: '#b00040', backgroundColor: '#ffffff', textColor: '#1a1a1a', font: 'rounded', cornerRadius: 16 } as const;

// Ten slots, one condition ({% if vip %}), one loop over three items.
const doc: TemplateDocument = {
  version: 1, name: 'bench', theme,
  data: {
    first_name: { type: 'string', example: 'Ada', missing: 'default', default: 'there' },
    last_name: { type: 'string', example: 'L', missing: 'default', default: '' },
    city: { type: 'string', example: 'Paris', missing: 'default', default: '' },
    category: { type: 'string', example: 'shoes', missing: 'default', default: 'everything' },
    price: { type: 'number', example: 49.99, missing: 'default', default: 0 },
    discount: { type: 'number', example: 20, missing: 'default', default: 0 },
    code: { type: 'string', example: 'SAVE20', missing: 'default', default: '' },
    ends: { type: 'date', example: '2030-01-01T00:00:00Z', missing: 'default', default: '2030-01-01T00:00:00Z' },
    vip: { type: 'boolean', example: true, missing: 'default', default: false },
    picks: { type: 'list', example: [{ name: 'a' }], missing: 'default', default: [], items: { type: 'object', fields: { name: { type: 'string' } } } },
  },
  components: [
    { type: 'image', url: 'https://cdn.example.com/sale/{{ category | url_encode }}.jpg', alt: 'Sale on {{ category }}' },
    { type: 'heading', text: 'Hi {{ first_name }} {{ last_name }}, {{ discount }}% off {{ category }}', level: 1 },
    { type: 'text', text: '{% if vip %}VIP early access in {{ city }}!{% else %}Sale in {{ city }}.{% endif %} From {{ price }} with code {{ code }}.' },
    { type: 'list', items: [{ title: '{% for p in picks %}{{ p.name | upcase }}{% unless forloop.last %}, {% endunless %}{% endfor %}' }] },
    { type: 'countdown', to: '{{ ends }}', label: 'Ends in' },
    { type: 'button', id: 'shop', label: 'Shop {{ category }}', style: 'primary', action: { kind: 'open_url', url: 'https://shop.example.com/c/{{ category | url_encode }}?code={{ code }}' } },
  ],
};

const cities = ['Paris', 'Lyon', 'Berlin', 'Austin', 'Osaka'];
const data = Array.from({ length: N }, (_, i) => ({
  first_name: `Name${i}`, last_name: 'Doe', city: cities[i % 5], category: ['shoes', 'hats', 'bags'][i % 3], price: 10 + (i % 90), discount: 5 + (i % 50),
  code: `C${i}`, ends: '2030-01-01T00:00:00Z', vip: i % 2 === 0, picks: [{ name: `x${i}` }, { name: 'y' }, { name: 'z' }],
}));

let sink = 0;
function time(label: string, fn: (i: number) => number, n: number): number {
  for (let i = 0; i < Math.min(n, 2000); i++) sink += fn(i); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += fn(i);
  const rate = n / ((performance.now() - t0) / 1000);
  console.log(`${label.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} /s`);
  return rate;
}

// 1. Binding: porm vs LiquidJS on the same template strings.
const compiled = compileDocument(doc);
const strings: string[] = [];
JSON.stringify(doc.components, (_k, v: unknown) => {
  if (typeof v === 'string' && (v.includes('{{') || v.includes('{%'))) strings.push(v);
  return v;
});
const liquid = new Liquid({ ownPropertyOnly: true });
const parsed: Template[][] = strings.map((s) => liquid.parse(s));
console.log(`bind ${N.toLocaleString('en-US')} recipients: ${strings.length} template strings, ten slots, one condition, one loop of three`);
const lq = time('baseline: LiquidJS renderSync of the same strings', (i) => parsed.reduce((n, t) => n + String(liquid.renderSync(t, data[i]!)).length, 0), N);
const pm = time('porm bind (whole bound message, policies, rules, URLs)', (i) => {
  const r = compiled.bind({ data: data[i], revision: 1, variantSeed: String(i) });
  return r.ok ? r.message.components.length : 0;
}, N);
console.log(`  porm / LiquidJS: ${(pm / lq).toFixed(2)}×  (goal ≥ 3×)`);

// 2. Full HTML renders: bind + render, one core.
const now = Date.now();
const htmlN = Math.min(N, 50_000);
const html = time('bind + HTML render (page body)', (i) => {
  const r = compiled.bind({ data: data[i], revision: 1, variantSeed: String(i) });
  return r.ok ? renderMessageHtml(r.message, { screen_width: 390 }, { base: '/m/PREVIEWxxxxxxxxxxxxxxx', now }).length : 0;
}, htmlN);
console.log(`  full HTML renders: ${Math.round(html).toLocaleString('en-US')}/s  (goal ≥ 5,000/s on one core)`);

// 3. Notification bytes: the porm form (one SMS carrying the link) vs the full MMS form.
const bound = compiled.bind({ data: data[0], revision: 1, variantSeed: '0' });
if (!bound.ok) throw bound.error;
const link = 'https://porm.example.com/m/AbCdEfGhIjKlMnOpQrStUv';
const sms = buildSmsText(bound.message, { pageUrl: link, maxSegments: 1 });
const septets = gsm7Units(sms.text);
const smsBytes = septets === null ? Buffer.byteLength(sms.text, 'utf16le') : Math.ceil((septets * 7) / 8);
// A camera-like hero photo, fitted to the us-600k profile as porm's media pipeline would.
const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).blur(2).jpeg({ quality: 92 }).toBuffer();
const hero = await fitImage(photo, { maxBytes: 550 * 1024, maxWidth: 1600, maxHeight: 1600, formats: ['image/jpeg', 'image/png', 'image/gif'] });
const plan = planMmsSlides(bound.message, { pageUrl: link, linkFor: (id) => `${link}/go/${id}` });
const media = [{ contentType: hero.mime, data: hero.data, filename: 'hero.jpg' }];
const slides = plan.slides.map((s, i) => ({ text: s.text, visual: i === 0 ? 0 : null, audio: null }));
const body = composeMmsBody('', media, slides);
const mmsBytes = encodePdu({ messageType: 'm-retrieve-conf', messageId: 'bench', mmsVersion: '1.2', date: new Date(), from: { kind: 'address', address: '+15551230000/TYPE=PLMN' }, to: ['+15550001111'], ...(plan.subject ? { subject: plan.subject } : {}), ...body }).length;
console.log(`porm form notification: ${smsBytes} bytes (${sms.encoding}, ${sms.segments} segment, "${sms.text.replace(/\n/g, ' / ')}")`);
console.log(`full MMS form (m-retrieve-conf, ${plan.slides.length} slides, hero fitted to ${hero.data.length} bytes): ${mmsBytes} bytes`);
console.log(`  porm notification is ${(mmsBytes / smsBytes).toFixed(0)}× smaller  (goal ≥ 20×)`);
if (sink === 42) console.log('');
