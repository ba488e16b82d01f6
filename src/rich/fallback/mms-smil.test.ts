// A plan is only useful if it maps onto slides the SMIL builder accepts: every sample is turned
// into a real slideshow with stand-in media (1×1 PNGs, drawn codes) and its calendar files parse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import sharp from 'sharp';
import { buildSlideshow, type Media, type Slide } from '../../mms/smil/index.ts';
import { barcodePng } from './barcode.ts';
import { buildIcs } from './ics.ts';
import { planMmsSlides } from './mms.ts';
import type { MmsPlan, PlannedSlide } from './mms-model.ts';
import { samples } from './sample-messages.ts';

const PAGE = 'https://porm.example/m/Ab3dEf9hJk';
const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).png().toBuffer();

/** What a caller does: fetch (here: stand in for) each picture, draw each code, keep the text. */
async function toSlide(s: PlannedSlide): Promise<Slide> {
  const slide: Slide = { text: s.text };
  const v = s.visual;
  if (v?.kind === 'image') slide.image = { contentType: 'image/png', data: dot, filename: `${v.key}.png`, alt: v.alt, width: 1, height: 1 };
  if (v?.kind === 'video') slide.video = { contentType: 'video/3gpp', data: new Uint8Array([0, 0, 0, 8]), alt: v.alt };
  if (v?.kind === 'code') {
    const png = await barcodePng(v.format, v.value);
    const { width, height } = await sharp(png).metadata();
    slide.image = { contentType: 'image/png', data: png, filename: `${v.key}.png`, alt: v.alt, width, height } satisfies Media;
  }
  if (s.audio !== null) slide.audio = { contentType: 'audio/amr', data: new TextEncoder().encode('#!AMR\n\u0000'), alt: s.audio.alt };
  return slide;
}

function plan(name: keyof typeof samples): MmsPlan {
  return planMmsSlides(samples[name], { pageUrl: PAGE, linkFor: (id) => `${PAGE}/go/${id}` });
}

describe('MMS plan → SMIL slideshow', () => {
  for (const name of Object.keys(samples) as (keyof typeof samples)[]) {
    it(`${name}: every planned slide becomes a <par> with its picture and text`, async () => {
      const p = plan(name);
      const show = buildSlideshow(await Promise.all(p.slides.map(toSlide)));
      assert.equal(show.smil.match(/<par /g)?.length, p.slides.length);
      assert.equal(show.smil.match(/<img /g)?.length ?? 0, p.slides.filter((s) => s.visual !== null).length);
      const texts = show.parts.filter((part) => part.contentType === 'text/plain').map((part) => new TextDecoder().decode(part.data));
      assert.deepEqual(texts, p.slides.map((s) => s.text).filter((t) => t !== ''));
      assert.equal(texts.reduce((n, t) => n + Buffer.byteLength(t), 0), p.textBytes);
    });
  }

  it('the ticket code is drawn as a PNG on its own slide', async () => {
    const p = plan('eventTicket');
    const show = buildSlideshow(await Promise.all(p.slides.map(toSlide)));
    assert.match(show.smil, /<par dur="5000ms"><img src="ticket\.png" region="Image" alt="Ticket QR code"\/><text src="text2\.txt" region="Text"\/><\/par>/);
  });

  it('calendar attachments become files ical.js reads', () => {
    const p = plan('appointmentReminder');
    assert.equal(p.attachments.length, 1);
    const a = p.attachments[0]!;
    const ics = buildIcs({ uid: `msg1-${a.actionId}@porm`, ...a.event }, Date.UTC(2026, 4, 1));
    const event = new ICAL.Component(ICAL.parse(ics) as unknown[]).getFirstSubcomponent('vevent')!;
    assert.equal(event.getFirstPropertyValue('summary'), 'Dr. Lee, Riverside Clinic');
    assert.equal(String(event.getFirstPropertyValue('dtstart')), '2026-05-12T08:30:00Z');
    assert.equal(event.getFirstPropertyValue('url'), PAGE);
    assert.match(a.filename, /^[a-z0-9-]+\.ics$/);
  });
});
