// MMS slide plans: the samples flattened into slides, action lines, device rules decided for
// the plain fallback phone, the ten-slide cap, subjects and calendar attachments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundComponent, BoundMessage } from '../bound/model.ts';
import { planMmsSlides } from './mms.ts';
import type { MmsPlan } from './mms-model.ts';
import { button, card, heading, message, samples, text } from './sample-messages.ts';

const PAGE = 'https://porm.example/m/Ab3dEf9hJk';
const linkFor = (id: string): string => `${PAGE}/go/${id}`;
const plan = (m: BoundMessage): MmsPlan => planMmsSlides(m, { pageUrl: PAGE, linkFor });
const lines = (p: MmsPlan, i: number): string[] => p.slides[i]!.text.split('\n');

function assertSlideable(p: MmsPlan): void {
  assert.ok(p.slides.length >= 1 && p.slides.length <= 10);
  for (const s of p.slides) {
    assert.ok(s.visual !== null || s.text !== '', 'a slide with neither text nor picture');
    assert.ok(!(s.visual?.kind === 'video' && s.audio !== null), 'video and audio on one slide');
  }
  assert.equal(p.slides.at(-1)!.text.split('\n').at(-1), `See the full message: ${PAGE}`);
  assert.equal(p.textBytes, p.slides.reduce((n, s) => n + Buffer.byteLength(s.text, 'utf8'), 0));
}

describe('planMmsSlides: samples', () => {
  it('retail sale: one slide with the hero image, headline, card text and labelled links', () => {
    const p = plan(samples.retailSale);
    assertSlideable(p);
    assert.equal(p.subject, 'Summer Sale — 50% off');
    assert.equal(p.slides.length, 1);
    assert.deepEqual(p.slides[0]!.visual, { kind: 'image', key: 'offer-img', url: 'https://cdn.example.com/sale.jpg', alt: 'Sunglasses on a beach' });
    assert.deepEqual(lines(p, 0), [
      'Summer Sale — 50% off',
      'Everything half price',
      'This weekend only',
      'Hi Ana, your favourites are waiting. Use code SUMMER50 at checkout.',
      'Ends: Sunday 23:59',
      `Shop Now: ${PAGE}/go/shop`,
      'Code: SUMMER50',
      'Terms apply (https://shop.example.com/terms)',
      `See the full message: ${PAGE}`,
    ]);
    assert.deepEqual(p.attachments, []);
  });

  it('appointment reminder: postbacks open the page, calendar file attached, map link, phone number', () => {
    const p = plan(samples.appointmentReminder);
    assertSlideable(p);
    assert.equal(p.slides.length, 1);
    assert.equal(p.slides[0]!.visual, null);
    assert.deepEqual(lines(p, 0), [
      'Appointment reminder',
      'Hi Ana, your appointment with Dr. Lee is tomorrow.',
      'When: Tue 12 May, 10:30',
      'Where: Riverside Clinic, 2nd floor',
      `Confirm: ${PAGE}`,
      `Reschedule: ${PAGE}`,
      'Add to calendar: see the attached calendar file',
      'Riverside Clinic, 12 Quay St',
      'Map: https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=15/52.52/13.405',
      'Call the clinic: +15550100200',
      `See the full message: ${PAGE}`,
    ]);
    assert.deepEqual(p.attachments, [{
      kind: 'ics', actionId: 'cal', filename: 'dr-lee-riverside-clinic.ics',
      event: { title: 'Dr. Lee, Riverside Clinic', start: '2026-05-12T10:30:00+02:00', end: '2026-05-12T11:00:00+02:00', location: 'Riverside Clinic, 12 Quay St', description: 'Bring your insurance card; arrive 10 min early.', url: PAGE },
    }]);
  });

  it('event ticket: details first, then the QR code on its own slide, venue search link and reply line', () => {
    const p = plan(samples.eventTicket);
    assertSlideable(p);
    assert.equal(p.slides.length, 2);
    assert.equal(p.slides[0]!.visual, null);
    const [title, date, seat, doors] = lines(p, 0);
    assert.deepEqual([title, date, seat], ['Your ticket: Arctic Lights Live', 'Date: Fri 5 June, doors 19:00', 'Seat: Block C, row 12, seat 7']);
    // The countdown becomes the fixed moment, in the offset the sender wrote.
    assert.match(doors!, /^Doors open: Jun 5, 2026, 7:00\sPM UTC\+01:00$/u);
    assert.deepEqual(p.slides[1]!.visual, { kind: 'code', key: 'ticket', format: 'qr', value: 'TKT-7F3K-99QX-ARCTIC', alt: 'Ticket QR code' });
    assert.deepEqual(lines(p, 1), [
      'Show this at the gate',
      'Olympia Hall, London',
      'Map: https://www.openstreetmap.org/search?query=Olympia%20Hall%2C%20London',
      'Reply "HELP" to +15550100300',
      `See the full message: ${PAGE}`,
    ]);
  });

  it('carousel: one slide per card, the headline on the first, quick replies on the last', () => {
    const p = plan(samples.productCarousel);
    assertSlideable(p);
    assert.equal(p.subject, 'Picked for you');
    assert.deepEqual(p.slides.map((s) => s.visual?.kind === 'image' ? s.visual.url : null), [1, 2, 3].map((n) => `https://cdn.example.com/p${n}.jpg`));
    assert.deepEqual(lines(p, 0), ['Picked for you', 'Trail runner', '$89', `Buy: ${PAGE}/go/buy1`]);
    assert.deepEqual(lines(p, 1), ['Rain jacket', '$120', `Buy: ${PAGE}/go/buy2`]);
    assert.deepEqual(lines(p, 2), ['Wool socks', '$15', `Buy: ${PAGE}/go/buy3`, 'Reply More like these / STOP', `See the full message: ${PAGE}`]);
  });

  it('form: points at the hosted page to answer', () => {
    const p = plan(samples.surveyForm);
    assertSlideable(p);
    assert.deepEqual(lines(p, 0), ['How did we do?', 'Tell us about your visit on Tuesday.', 'Quick survey', `Answer here: ${PAGE}`, `See the full message: ${PAGE}`]);
  });
});

describe('planMmsSlides: rules', () => {
  it('decides device rules for a 320 px light-mode phone without capabilities', () => {
    const ruled = (key: string, device: BoundComponent['device']): BoundComponent => ({ ...text(key, key), device });
    const p = plan(message([
      ruled('always', undefined),
      ruled('dark', { eq: { path: 'device.dark_mode', value: true } }),
      ruled('light', { eq: { path: 'device.dark_mode', value: false } }),
      ruled('wide', { gt: { path: 'device.screen_width', value: 600 } }),
      ruled('narrow', { lt: { path: 'device.screen_width', value: 400 } }),
      ruled('has-calendar', { eq: { path: 'device.capability.calendar', value: true } }),
      ruled('no-calendar', { eq: { path: 'device.capability.calendar', value: false } }),
      ruled('morning', { eq: { path: 'device.time_of_day', value: 'morning' } }),
      { type: 'button_row', key: 'row', buttons: [
        { ...button('wallet', 'Add to wallet', { kind: 'open_url', id: 'wallet', url: 'https://x.example' }), device: { eq: { path: 'device.capability.wallet', value: true } } },
        button('web', 'Open ticket', { kind: 'open_url', id: 'web', url: 'https://x.example' }),
      ] },
      card('c', { title: 'Card', media: { type: 'video', key: 'v', url: 'https://x.example/v.mp4', poster: null, alt: 'clip', captionsUrl: null, device: { eq: { path: 'device.capability.video', value: true } } } }),
    ]));
    assert.deepEqual(lines(p, 0), ['always', 'light', 'narrow', 'no-calendar', `Open ticket: ${PAGE}/go/web`, 'Card', `See the full message: ${PAGE}`]);
    assert.equal(p.slides[0]!.visual, null);
  });

  it('starts a new slide at a heading that follows a card or a code, and the next card joins it', () => {
    const p = plan(message([
      card('a', { title: 'Card A' }),
      heading('h', 'More offers'),
      card('b', { title: 'Card B', media: { type: 'image', key: 'b-img', url: 'https://x.example/b.jpg', alt: 'B', aspectRatio: null, action: null } }),
      { type: 'code', key: 'c', format: 'qr', value: 'X', alt: 'code', caption: null },
      heading('h2', 'Venue'),
      text('t', 'Hall 2'),
    ]));
    assert.deepEqual(p.slides.map((s) => [s.visual?.key ?? null, s.text.split('\n')[0]]), [[null, 'Card A'], ['b-img', 'More offers'], ['c', ''], [null, 'Venue']]);
    assert.deepEqual(lines(p, 1), ['More offers', 'Card B']);
  });

  it('caps the slideshow at ten slides, merging the rest of the text into the last', () => {
    const codes: BoundComponent[] = Array.from({ length: 14 }, (_, i) => ({ type: 'code', key: `c${i}`, format: 'code128', value: `T${i}`, alt: `code ${i}`, caption: `Ticket ${i + 1}` }));
    const p = plan(message([heading('h', 'Your tickets'), ...codes]));
    assertSlideable(p);
    assert.equal(p.slides.length, 10);
    assert.deepEqual(lines(p, 9), ['Ticket 9', 'Ticket 10', 'Ticket 11', 'Ticket 12', 'Ticket 13', 'Ticket 14', `See the full message: ${PAGE}`]);
  });

  it('keeps video and audio apart, names audio clips, and never leaves a slide empty', () => {
    const p = plan(message([
      { type: 'divider', key: 'd' },
      { type: 'video', key: 'v', url: 'https://x.example/v.mp4', poster: null, alt: 'Trailer', captionsUrl: null },
      { type: 'audio', key: 'a', url: 'https://x.example/a.amr', title: null, alt: 'Voice note from Sam' },
      { type: 'spacer', key: 's', size: 'large' },
      { type: 'image', key: 'i', url: 'https://x.example/i.jpg', alt: 'Photo', aspectRatio: null, action: { kind: 'open_url', id: 'img', url: 'https://x.example' } },
    ]));
    assertSlideable(p);
    assert.deepEqual(p.slides.map((s) => [s.visual?.kind ?? null, s.audio?.key ?? null, s.text.split('\n')[0]]), [
      ['video', null, ''],
      ['image', 'a', 'Voice note from Sam'],
    ]);
    assert.deepEqual(lines(p, 1).slice(1), [`Photo: ${PAGE}/go/img`, `See the full message: ${PAGE}`]);
  });

  it('writes every action kind as a line the phone can use', () => {
    const act = (id: string, label: string, action: Parameters<typeof button>[2]): BoundComponent => button(id, label, action);
    const p = plan(message([
      act('u', 'Website', { kind: 'open_url', id: 'u', url: 'https://x.example' }),
      act('m', 'Directions', { kind: 'show_on_map', id: 'm', query: 'Somewhere', lat: null, lng: null, label: null, directions: true }),
      act('f', 'Send answers', { kind: 'submit_form', id: 'f', formId: 'survey' }),
      act('r', 'Reply', { kind: 'sms_reply', id: 'r', body: 'YES', to: null }),
      act('k', 'Copy', { kind: 'copy_code', id: 'k', code: 'ABC 123' }),
      act('bad', 'Add to calendar', { kind: 'add_to_calendar', id: 'bad', title: 'x', start: 'next Tuesday', end: null, location: null, description: null }),
      act('e1', 'Add', { kind: 'add_to_calendar', id: 'e1', title: 'Team lunch', start: '2026-06-01T12:00:00Z', end: null, location: null, description: null }),
      act('e1b', 'Add again', { kind: 'add_to_calendar', id: 'e1', title: 'Team lunch', start: '2026-06-01T12:00:00Z', end: null, location: null, description: null }),
      act('e2', 'Add', { kind: 'add_to_calendar', id: 'e2', title: 'Team lunch!', start: '2026-06-08', end: null, location: null, description: null }),
      act('blank', '  ', { kind: 'open_url', id: 'blank', url: 'https://x.example' }),
      { type: 'list', key: 'l', ordered: true, items: [
        { title: 'First', subtitle: 'one', image: null, alt: '', action: null },
        { title: 'Second', subtitle: null, image: null, alt: '', action: { kind: 'open_url', id: 'li2', url: 'https://x.example/2' } },
      ] },
      { type: 'map', key: 'map', query: null, lat: 48.8584, lng: 2.2945, label: 'Eiffel Tower', alt: 'map', zoom: 17, action: { kind: 'show_on_map', id: 'mapact', query: null, lat: 48.8584, lng: 2.2945, label: null, directions: false } },
    ]));
    assert.deepEqual(lines(p, 0), [
      `Website: ${PAGE}/go/u`,
      `Directions: ${PAGE}/go/m`,
      `Send answers: ${PAGE}`,
      'Reply "YES"',
      'Code: ABC 123',
      `Add to calendar: ${PAGE}`,
      'Add: see the attached calendar file',
      'Add again: see the attached calendar file',
      'Add: see the attached calendar file',
      `Open: ${PAGE}/go/blank`,
      '1. First — one',
      `2. Second: ${PAGE}/go/li2`,
      'Eiffel Tower',
      `Map: ${PAGE}/go/mapact`,
      `See the full message: ${PAGE}`,
    ]);
    assert.deepEqual(p.attachments.map((a) => [a.actionId, a.filename]), [['e1', 'team-lunch.ics'], ['e2', 'team-lunch-2.ics']]);
  });

  it('takes the subject from the first heading, else a card title, cut to 40 characters', () => {
    assert.equal(plan(message([text('t', 'x'), heading('h', 'An extremely long headline that keeps going and going')])).subject, 'An extremely long headline that keeps g…');
    assert.equal([...plan(message([heading('h', '🎉'.repeat(50))])).subject!].length, 40);
    assert.equal(plan(message([{ type: 'carousel', key: 'c', cards: [card('a', { title: 'First card' })] }])).subject, 'First card');
    assert.equal(plan(message([text('t', 'No title here')])).subject, null);
  });

  it('sends a lone link slide for a message with nothing to show', () => {
    const p = plan(message([{ type: 'divider', key: 'd' }]));
    assert.deepEqual(p.slides, [{ visual: null, audio: null, text: `See the full message: ${PAGE}` }]);
  });

  it('cleans control characters and line breaks out of single-line fields', () => {
    const p = plan(message([heading('h', 'Hello\u0000\r\nworld'), text('t', 'a\r\nb\n\n\nc\u0007')]));
    assert.deepEqual(lines(p, 0), ['Hello world', 'a', 'b', 'c', `See the full message: ${PAGE}`]);
  });
});
