import { BOUND_VERSION, type BoundButton, type BoundCard, type BoundComponent, type BoundMessage, type BoundQuickReply } from '../bound/model.ts';

// Bound messages written by hand for the fallback tests: the shapes senders actually send
// (a sale, an appointment reminder, an event ticket, a product carousel, a survey form).

const theme = {
  primaryColor: '#0B5FFF', backgroundColor: '#FFFFFF', textColor: '#111111', accentColor: '#FF5A00',
  onPrimaryColor: '#FFFFFF', font: 'system', cornerRadius: 12,
} as const;

export function message(components: readonly BoundComponent[], quickReplies: readonly BoundQuickReply[] = [], locale: string | null = 'en-US'): BoundMessage {
  return { version: BOUND_VERSION, revision: 3, variant: null, locale, theme, components, quickReplies };
}

export function text(key: string, value: string): BoundComponent {
  return { type: 'text', key, runs: [{ text: value, bold: false, italic: false, link: null }], size: 'body', align: 'start' };
}

export function heading(key: string, value: string): BoundComponent {
  return { type: 'heading', key, text: value, level: 1 };
}

export function button(key: string, label: string, action: BoundButton['action']): BoundButton {
  return { type: 'button', key, label, style: 'primary', action };
}

export function card(key: string, fields: Partial<Omit<BoundCard, 'type' | 'key'>> & { title: string }): BoundCard {
  return { type: 'card', key, media: null, subtitle: null, body: null, facts: [], buttons: [], action: null, ...fields };
}

export const retailSale: BoundMessage = message([
  heading('headline', 'Summer Sale — 50% off'),
  card('offer', {
    media: { type: 'image', key: 'offer-img', url: 'https://cdn.example.com/sale.jpg', alt: 'Sunglasses on a beach', aspectRatio: '16:9', action: null },
    title: 'Everything half price',
    subtitle: 'This weekend only',
    body: 'Hi Ana, your favourites are waiting. Use code SUMMER50 at checkout.',
    facts: [{ label: 'Ends', value: 'Sunday 23:59' }],
    buttons: [
      button('shop', 'Shop Now', { kind: 'deep_link', id: 'shop', url: 'shopapp://sale', fallbackUrl: 'https://shop.example.com/sale' }),
      button('copy', 'Copy code', { kind: 'copy_code', id: 'copy', code: 'SUMMER50' }),
    ],
  }),
  { type: 'text', key: 'fine', runs: [{ text: 'Terms apply', bold: false, italic: true, link: 'https://shop.example.com/terms' }], size: 'small', align: 'center' },
]);

export const appointmentReminder: BoundMessage = message([
  heading('title', 'Appointment reminder'),
  text('intro', 'Hi Ana, your appointment with Dr. Lee is tomorrow.'),
  { type: 'facts', key: 'when', facts: [{ label: 'When', value: 'Tue 12 May, 10:30' }, { label: 'Where', value: 'Riverside Clinic, 2nd floor' }] },
  { type: 'button_row', key: 'answer', buttons: [
    button('confirm', 'Confirm', { kind: 'postback', id: 'confirm', payload: 'appt:confirm', confirm: null }),
    button('reschedule', 'Reschedule', { kind: 'postback', id: 'reschedule', payload: 'appt:reschedule', confirm: 'Pick a new time?' }),
  ] },
  button('cal', 'Add to calendar', { kind: 'add_to_calendar', id: 'cal', title: 'Dr. Lee, Riverside Clinic', start: '2026-05-12T10:30:00+02:00', end: '2026-05-12T11:00:00+02:00', location: 'Riverside Clinic, 12 Quay St', description: 'Bring your insurance card; arrive 10 min early.' }),
  { type: 'map', key: 'map', query: 'Riverside Clinic, 12 Quay St', lat: 52.52, lng: 13.405, label: 'Riverside Clinic', alt: 'Map of the clinic', zoom: 15, action: null },
  button('call', 'Call the clinic', { kind: 'call', id: 'call', phone: '+15550100200' }),
]);

export const eventTicket: BoundMessage = message([
  heading('title', 'Your ticket: Arctic Lights Live'),
  { type: 'facts', key: 'details', facts: [{ label: 'Date', value: 'Fri 5 June, doors 19:00' }, { label: 'Seat', value: 'Block C, row 12, seat 7' }] },
  { type: 'countdown', key: 'doors', to: '2026-06-05T19:00:00+01:00', label: 'Doors open', expiredText: 'Doors are open' },
  { type: 'code', key: 'ticket', format: 'qr', value: 'TKT-7F3K-99QX-ARCTIC', alt: 'Ticket QR code', caption: 'Show this at the gate' },
  { type: 'map', key: 'venue', query: 'Olympia Hall, London', lat: null, lng: null, label: 'Olympia Hall', alt: 'Venue map', zoom: 14, action: null },
  button('sms', 'Text us', { kind: 'sms_reply', id: 'sms', body: 'HELP', to: '+15550100300' }),
]);

const product = (n: number, name: string, price: string): BoundCard => card(`p${n}`, {
  media: { type: 'image', key: `p${n}-img`, url: `https://cdn.example.com/p${n}.jpg`, alt: name, aspectRatio: '1:1', action: null },
  title: name,
  subtitle: price,
  buttons: [button(`buy${n}`, 'Buy', { kind: 'open_url', id: `buy${n}`, url: `https://shop.example.com/p/${n}` })],
});

export const productCarousel: BoundMessage = message([
  heading('title', 'Picked for you'),
  { type: 'carousel', key: 'picks', cards: [product(1, 'Trail runner', '$89'), product(2, 'Rain jacket', '$120'), product(3, 'Wool socks', '$15')] },
], [{ id: 'qr-more', label: 'More like these', payload: 'more' }, { id: 'qr-stop', label: 'STOP', payload: 'stop' }]);

export const surveyForm: BoundMessage = message([
  heading('title', 'How did we do?'),
  text('intro', 'Tell us about your visit on Tuesday.'),
  { type: 'form', key: 'survey', id: 'survey', title: 'Quick survey', submitLabel: 'Send', multipleAnswers: false, fields: [
    { kind: 'rating', name: 'score', label: 'Your rating', required: true, errorMessage: null, min: 1, max: 5 },
    { kind: 'text', name: 'comment', label: 'Anything else?', required: false, errorMessage: null, pattern: null, placeholder: null, maxLength: 500 },
  ] },
]);

export const samples = { retailSale, appointmentReminder, eventTicket, productCarousel, surveyForm } as const;
