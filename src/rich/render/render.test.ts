import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundComponent, BoundMessage, DeviceContext } from '../bound/model.ts';
import { ALL_FIXTURES, FIXTURE_BASE, FIXTURE_NOW, appointmentBound, boardingPassBound, orderShippedBound, showcaseBound, surveyBound } from './fixtures.ts';
import { checkHtml, safetyProblems } from './html-check.ts';
import { renderMessageHtml, type RenderOptions } from './index.ts';

const opts: RenderOptions = { base: FIXTURE_BASE, now: FIXTURE_NOW, appSchemes: ['shopapp'] };
const wide: DeviceContext = { screen_width: 390, capability: { video: true } };
const render = (m: BoundMessage, d: DeviceContext = wide, o: RenderOptions = opts): string => renderMessageHtml(m, d, o);
const only = (c: BoundComponent, extra: Partial<BoundMessage> = {}): BoundMessage => ({ ...orderShippedBound, components: [c], ...extra });

describe('renderMessageHtml: every fixture', () => {
  for (const [name, m] of Object.entries(ALL_FIXTURES)) {
    it(`${name} is well-formed, safe and wrapped in the article`, () => {
      const html = render(m);
      assert.deepEqual(safetyProblems(html, FIXTURE_BASE, ['shopapp']), []);
      assert.match(html, /^<article class="porm-msg"[^>]*>.*<\/article>$/s);
      assert.ok(!html.includes(' style='));
    });
  }

  it('puts data-porm-key on every top-level wrapper', () => {
    const r = checkHtml(render(showcaseBound));
    const keys = r.attrs.filter((a) => a.name === 'data-porm-key').map((a) => a.value);
    for (const c of showcaseBound.components) if (c.key !== 'dark-only') assert.ok(keys.includes(c.key), c.key);
  });

  it('sets lang from a BCP 47 locale and dir for right-to-left languages', () => {
    assert.match(render(showcaseBound), /^<article class="porm-msg" lang="fr-CA">/);
    assert.match(render({ ...showcaseBound, locale: 'ar_EG' }), /^<article class="porm-msg" lang="ar-EG" dir="rtl">/);
    assert.match(render({ ...showcaseBound, locale: 'en" onload="x' }), /^<article class="porm-msg">/);
    assert.match(render({ ...showcaseBound, locale: null }), /^<article class="porm-msg">/);
  });

  it('is deterministic and does not mutate its input', () => {
    const frozen = JSON.parse(JSON.stringify(showcaseBound)) as BoundMessage;
    const deepFreeze = (v: unknown): void => { if (typeof v === 'object' && v !== null) { Object.freeze(v); for (const x of Object.values(v)) deepFreeze(x); } };
    deepFreeze(frozen);
    const a = render(frozen);
    assert.equal(render(frozen), a);
    assert.equal(render(showcaseBound), a);
  });

  it('refuses a base that could become a foreign or script URL', () => {
    for (const base of ['', '/', '//evil.example', 'javascript:alert(1)', '/m/x"', '/m/x/']) {
      assert.throws(() => render(orderShippedBound, wide, { ...opts, base }), RangeError, base);
    }
    assert.doesNotThrow(() => render(orderShippedBound, wide, { ...opts, base: 'https://porm.example/m/x' }));
  });
});

describe('renderMessageHtml: components', () => {
  it('text: runs as strong/em/a, size and alignment as classes', () => {
    const html = render(appointmentBound);
    assert.ok(html.includes('<strong>Monday at 3:00 pm</strong>'));
    assert.ok(html.includes('<a href="https://clinic.example.com/find-us" rel="noreferrer"><em>Directions</em></a>'));
    assert.ok(render(showcaseBound).includes('<p class="porm-text porm-size-large porm-align-center" data-porm-key="/components/1"><strong><em>Nouvelle collection</em></strong></p>'));
  });

  it('heading: levels 1–3 become h2–h4', () => {
    for (const level of [1, 2, 3] as const) {
      assert.ok(render(only({ type: 'heading', key: 'h', text: 'Hi', level })).includes(`<h${level + 1} class="porm-heading" data-porm-key="h">Hi</h${level + 1}>`));
    }
  });

  it('card: media through the proxy, title heading nested under the last heading, facts as dl, buttons', () => {
    const html = render(orderShippedBound);
    assert.ok(html.includes('src="/m/AbC123/img/shipped%2Fmedia?w=640" srcset="/m/AbC123/img/shipped%2Fmedia?w=320 320w, /m/AbC123/img/shipped%2Fmedia?w=640 640w, /m/AbC123/img/shipped%2Fmedia?w=1080 1080w" sizes="(max-width: 560px) 100vw, 560px" alt="A parcel on its way" loading="lazy" decoding="async"'));
    assert.ok(html.includes('<h2 class="porm-card-title">Your order A1001 has shipped</h2>'));
    assert.ok(html.includes('<dl class="porm-facts"><div class="porm-fact"><dt>Carrier</dt><dd>UPS</dd></div>'));
    const under = render({ ...orderShippedBound, components: [{ type: 'heading', key: 'h', text: 'Orders', level: 1 }, ...orderShippedBound.components] });
    assert.ok(under.includes('<h3 class="porm-card-title">'));
  });

  it("card: its own link action makes the title a link; a postback action becomes an extra button", () => {
    assert.ok(render(showcaseBound).includes('<a class="porm-card-link" href="/m/AbC123/go/pick-1" rel="noreferrer" data-porm-action="pick-1" data-porm-kind="open_url">Blue lamp</a>'));
    const html = render(showcaseBound);
    assert.match(html, /<form class="porm-postback" method="post" action="\/m\/AbC123\/a\/pick-2"><button type="submit" class="porm-btn porm-btn-secondary" data-porm-action="pick-2" data-porm-kind="postback">Green lamp<\/button><\/form>/);
  });

  it('carousel: section with roledescription, scrollable list of slides "n of m"', () => {
    const html = render(showcaseBound);
    assert.ok(html.includes('<section class="porm-carousel" aria-roledescription="carousel" aria-label="Cards" data-porm-key="picks"><ul class="porm-slides" tabindex="0">'));
    assert.ok(html.includes('<li class="porm-slide" aria-roledescription="slide" aria-label="1 of 2">'));
    assert.ok(html.includes('aria-label="2 of 2"'));
  });

  it('image: decorative alt stays empty, a linked image without alt gets a name', () => {
    const html = render(showcaseBound);
    assert.match(html, /<a class="porm-img-link" href="\/m\/AbC123\/go\/hero" rel="noreferrer" data-porm-action="hero" data-porm-kind="open_url" aria-label="Open link"><img class="porm-img porm-ar-4-3"[^>]* alt=""/);
    assert.ok(!/<img[^>]*role=/.test(html));
  });

  it('video: no preload, poster and captions through porm, plus an "Open video" link', () => {
    const html = render(showcaseBound);
    assert.ok(html.includes('<video class="porm-video-el" controls preload="none" playsinline poster="/m/AbC123/img/clip%2Fposter?w=640" src="https://cdn.example.com/clip.mp4" aria-label="Behind the scenes"><track kind="captions" src="/m/AbC123/captions/clip.vtt" srclang="fr-CA" label="Captions" default>'));
    assert.ok(html.includes('<a href="https://cdn.example.com/clip.mp4" rel="noreferrer">Open video</a>'));
  });

  it('audio: figure with caption, controls, no preload', () => {
    assert.ok(render(showcaseBound).includes('<figure class="porm-audio" data-porm-key="jingle"><figcaption class="porm-audio-title">Our jingle</figcaption><audio class="porm-audio-el" controls preload="none" src="https://cdn.example.com/jingle.mp3" aria-label="Our jingle">'));
  });

  it('code: figure with the server-drawn SVG, alt and caption; alt falls back to the code type', () => {
    assert.ok(render(boardingPassBound).includes('<figure class="porm-code porm-code-aztec" data-porm-key="pass"><img class="porm-code-img" src="/m/AbC123/code/pass.svg" alt="Boarding pass barcode for ADA LOVELACE" decoding="async"><figcaption class="porm-code-caption">Show at the gate</figcaption></figure>'));
    assert.ok(render(only({ type: 'code', key: 'c', format: 'qr', value: 'x', alt: '', caption: null })).includes('alt="QR code"'));
  });

  it('map: pin, label, query and an "Open in Maps" link (action, else OpenStreetMap)', () => {
    const html = render(appointmentBound);
    assert.ok(html.includes('<svg class="porm-map-pin" aria-hidden="true"'));
    assert.ok(html.includes('<p class="porm-map-label">Main St Clinic</p><p class="porm-map-query">1 Main St, Springfield</p>'));
    assert.ok(html.includes('href="https://www.openstreetmap.org/search?query=1%20Main%20St%2C%20Springfield" rel="noreferrer">Open in Maps</a>'));
    assert.ok(render(showcaseBound).includes('href="/m/AbC123/go/store" rel="noreferrer" data-porm-action="store" data-porm-kind="show_on_map">Open in Maps</a>'));
    const pin = render(only({ type: 'map', key: 'm', query: null, lat: 45.5017, lng: -73.5673, label: null, alt: '', zoom: 16, action: null }));
    assert.ok(pin.includes('href="https://www.openstreetmap.org/?mlat=45.5017&amp;mlon=-73.5673#map=16/45.5017/-73.5673"'));
  });

  it('list: ul/ol, thumbnails through the proxy by item index, linked titles', () => {
    const html = render(showcaseBound);
    assert.ok(html.includes('<ol class="porm-list" data-porm-key="steps">'));
    assert.ok(html.includes('<a href="/m/AbC123/go/steps%2F0" rel="noreferrer" data-porm-action="steps/0" data-porm-kind="open_url">Choisir</a>'));
    assert.ok(html.includes('src="/m/AbC123/img/steps%2Fitems%2F1%2Fimage?w=128"'));
    assert.ok(render(orderShippedBound).includes('<ul class="porm-list" data-porm-key="/components/1">'));
  });

  it('divider, spacer, facts', () => {
    const html = render(showcaseBound);
    assert.ok(html.includes('<hr class="porm-divider" data-porm-key="/components/5">'));
    assert.ok(html.includes('<div class="porm-spacer porm-spacer-large" aria-hidden="true" data-porm-key="/components/7"></div>'));
    assert.ok(render(boardingPassBound).includes('<dl class="porm-facts" data-porm-key="/components/1"><div class="porm-fact"><dt>Passenger</dt><dd>ADA LOVELACE</dd></div>'));
  });

  it('countdown: label and <time> ticking, expired text when passed, nothing when passed without one', () => {
    assert.ok(render(showcaseBound).includes('<p class="porm-countdown" data-porm-key="sale"><span class="porm-countdown-label">Fin des soldes dans</span> <time class="porm-countdown-time" datetime="2026-03-03T13:05:00.000Z" data-porm-countdown>2 d 4 h</time></p>'));
    const later = { ...opts, now: Date.UTC(2026, 2, 5) };
    assert.ok(render(boardingPassBound, wide, later).includes('<p class="porm-countdown porm-expired" data-porm-key="/components/2">Boarding closed</p>'));
    assert.ok(!render(showcaseBound, wide, later).includes('porm-countdown'));
    assert.ok(!render(only({ type: 'countdown', key: 'c', to: 'next tuesday', label: 'x', expiredText: 'y' })).includes('porm-countdown'));
  });

  it('quick replies: one POST form per reply in a labelled nav; no payload in the page', () => {
    const html = render(appointmentBound);
    assert.ok(html.includes('<nav class="porm-quick" aria-label="Quick replies"><form class="porm-quick-form" method="post" action="/m/AbC123/q/late"><button type="submit" class="porm-chip" data-porm-action="late" data-porm-kind="quick_reply">Running late</button></form></nav></article>'));
    assert.ok(!render(showcaseBound).includes('STOP'));
  });

  it('skips component types it does not know instead of failing', () => {
    const future = { type: 'chart', key: 'x' } as unknown as BoundComponent;
    assert.equal(render(only(future)), '<article class="porm-msg" lang="en-US"></article>');
  });

  it('survey fixture renders every field kind', () => {
    const html = render(surveyBound);
    for (const t of ['type="radio"', 'type="checkbox"', 'type="text"', 'type="email"', 'type="tel"', 'type="number"', 'type="date"', 'type="time"']) assert.ok(html.includes(t), t);
  });
});
