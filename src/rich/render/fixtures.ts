import type { BoundMessage, BoundTheme } from '../bound/model.ts';

// Bound messages covering every component, action and field kind, for the renderer's tests, the
// device assembler and previews. They mirror the reference templates in docs/templates.md, bound
// with their slot examples, plus one "showcase" holding everything the four do not.

export const FIXTURE_BASE = '/m/AbC123';
/** 2026-03-01T09:00:00Z: before every countdown in the fixtures. */
export const FIXTURE_NOW = Date.UTC(2026, 2, 1, 9, 0, 0);

export const fixtureTheme: BoundTheme = {
  primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', accentColor: '#0b5fff', onPrimaryColor: '#ffffff', font: 'inter', cornerRadius: 12,
};

export const orderShippedBound: BoundMessage = {
  version: 1, revision: 3, variant: null, locale: 'en-US', theme: fixtureTheme, quickReplies: [],
  components: [
    { type: 'card', key: 'shipped',
      media: { type: 'image', key: 'shipped/media', url: 'https://cdn.example.com/box.png', alt: 'A parcel on its way', aspectRatio: '16:9', action: null },
      title: 'Your order A1001 has shipped', subtitle: 'Hi Ada!', body: null,
      facts: [{ label: 'Carrier', value: 'UPS' }, { label: 'Arrives', value: 'Mar 2' }],
      buttons: [
        { type: 'button', key: 'track', label: 'Track parcel', style: 'primary', action: { kind: 'open_url', id: 'track', url: 'https://track.example.com/?u=https%3A%2F%2Fups.example%2Ft%2F1Z' } },
        { type: 'button', key: 'help', label: 'Get help', style: 'secondary', action: { kind: 'sms_reply', id: 'help', body: 'HELP A1001', to: null } },
      ],
      action: null },
    { type: 'list', key: '/components/1', ordered: false,
      items: [{ title: '1 × Lamp ', subtitle: null, image: 'https://cdn.example.com/lamp.png', alt: '', action: null }] },
  ],
};

export const boardingPassBound: BoundMessage = {
  version: 1, revision: 1, variant: null, locale: 'en', theme: { ...fixtureTheme, font: 'roboto' }, quickReplies: [],
  components: [
    { type: 'heading', key: '/components/0', text: 'Flight PM123', level: 1 },
    { type: 'facts', key: '/components/1', facts: [{ label: 'Passenger', value: 'ADA LOVELACE' }, { label: 'Gate', value: 'B7' }, { label: 'Seat', value: '14C' }] },
    { type: 'countdown', key: '/components/2', to: '2026-03-02T09:40:00Z', label: 'Boarding closes in', expiredText: 'Boarding closed' },
    { type: 'code', key: 'pass', format: 'aztec', value: 'M1LOVELACE/ADA EABC123 CDGJFKPM 0123 061Y014C0001 100', alt: 'Boarding pass barcode for ADA LOVELACE', caption: 'Show at the gate',
      device: { gt: { path: 'device.screen_width', value: 280 } } },
    { type: 'text', key: '/components/4', size: 'body', align: 'start',
      runs: [{ text: 'Show this code at the gate. Your screen is too narrow to scan it; open the pass instead.', bold: false, italic: false, link: null }],
      device: { not: { gt: { path: 'device.screen_width', value: 280 } } } },
  ],
};

export const appointmentBound: BoundMessage = {
  version: 1, revision: 2, variant: null, locale: 'en-US', theme: fixtureTheme,
  quickReplies: [{ id: 'late', label: 'Running late', payload: 'late' }],
  components: [
    { type: 'text', key: '/components/0', size: 'body', align: 'start', runs: [
      { text: 'Hi Ada, see you ', bold: false, italic: false, link: null },
      { text: 'Monday at 3:00 pm', bold: true, italic: false, link: null },
      { text: ' at Main St Clinic. ', bold: false, italic: false, link: null },
      { text: 'Directions', bold: false, italic: true, link: 'https://clinic.example.com/find-us' },
    ] },
    { type: 'map', key: '/components/1', query: '1 Main St, Springfield', lat: null, lng: null, label: 'Main St Clinic', alt: 'Map of Main St Clinic', zoom: 15, action: null },
    { type: 'button_row', key: '/components/2', buttons: [
      { type: 'button', key: 'yes', label: 'Confirm', style: 'primary', action: { kind: 'postback', id: 'yes', payload: 'rsvp:yes', confirm: null } },
      { type: 'button', key: 'no', label: 'Cancel', style: 'destructive', action: { kind: 'postback', id: 'no', payload: 'rsvp:no', confirm: 'Cancel your appointment?' } },
    ] },
    { type: 'button_row', key: '/components/3', buttons: [
      { type: 'button', key: 'cal', label: 'Add to calendar', style: 'secondary', action: { kind: 'add_to_calendar', id: 'cal', title: 'Appointment at Main St Clinic', start: '2026-03-02T15:00:00Z', end: '2026-03-02T15:30:00Z', location: '1 Main St, Springfield', description: null } },
      { type: 'button', key: 'call', label: 'Call clinic', style: 'secondary', action: { kind: 'call', id: 'call', phone: '+15551234567' } },
    ] },
  ],
};

export const surveyBound: BoundMessage = {
  version: 1, revision: 5, variant: null, locale: 'en', theme: { ...fixtureTheme, font: 'system', cornerRadius: 4 }, quickReplies: [],
  components: [
    { type: 'heading', key: '/components/0', text: 'Thanks Ada! How did we do?', level: 2 },
    { type: 'form', key: 'nps', id: 'nps', title: 'Your feedback', submitLabel: 'Send', multipleAnswers: false, fields: [
      { kind: 'rating', name: 'score', label: 'How likely are you to recommend us?', required: true, errorMessage: 'Pick a score', min: 0, max: 10 },
      { kind: 'choice', name: 'reason', label: 'Main reason', required: false, errorMessage: null, options: [{ value: 'price', label: 'Price' }, { value: 'speed', label: 'Delivery speed' }] },
      { kind: 'multi_choice', name: 'topics', label: 'What should we improve?', required: false, errorMessage: null, options: [{ value: 'app', label: 'The app' }, { value: 'support', label: 'Support' }] },
      { kind: 'text', name: 'comment', label: 'Anything else?', required: false, errorMessage: null, pattern: null, placeholder: 'Tell us more', maxLength: 500 },
      { kind: 'email', name: 'email', label: 'Email (optional)', required: false, errorMessage: 'Enter a valid email', pattern: '^[^@\\s]+@[^@\\s]+$', placeholder: null, maxLength: null },
      { kind: 'phone', name: 'phone', label: 'Phone', required: false, errorMessage: null, pattern: null, placeholder: '+1 555 123 4567', maxLength: 20 },
      { kind: 'number', name: 'orders', label: 'Orders this year', required: false, errorMessage: null, min: 0, max: 100 },
      { kind: 'date', name: 'visit', label: 'Visit date', required: true, errorMessage: null },
      { kind: 'time', name: 'slot', label: 'Preferred time', required: false, errorMessage: null },
      { kind: 'toggle', name: 'contact_me', label: 'You may contact me', required: false, errorMessage: null },
    ] },
    { type: 'button', key: '/components/2', label: 'Submit', style: 'primary', action: { kind: 'submit_form', id: '/components/2/action', formId: 'nps' } },
  ],
};

/** Everything the four reference messages do not use. */
export const showcaseBound: BoundMessage = {
  version: 1, revision: 0, variant: 'b', locale: 'fr-CA', theme: { ...fixtureTheme, primaryColor: '#6b21a8', accentColor: '#0e7490', font: 'noto-serif', cornerRadius: 20 },
  quickReplies: [{ id: 'more', label: 'More like this', payload: 'more' }, { id: 'stop', label: 'Stop', payload: 'STOP' }],
  components: [
    { type: 'image', key: 'hero', url: 'https://cdn.example.com/hero.jpg', alt: '', aspectRatio: '4:3', action: { kind: 'open_url', id: 'hero', url: 'https://shop.example.com/' } },
    { type: 'text', key: '/components/1', size: 'large', align: 'center', runs: [{ text: 'Nouvelle collection', bold: true, italic: true, link: null }] },
    { type: 'video', key: 'clip', url: 'https://cdn.example.com/clip.mp4', poster: 'https://cdn.example.com/clip.jpg', alt: 'Behind the scenes', captionsUrl: 'https://cdn.example.com/clip.vtt' },
    { type: 'audio', key: 'jingle', url: 'https://cdn.example.com/jingle.mp3', title: 'Our jingle', alt: '' },
    { type: 'carousel', key: 'picks', cards: [
      { type: 'card', key: 'pick-1', media: { type: 'image', key: 'pick-1/media', url: 'https://cdn.example.com/p1.jpg', alt: 'Blue lamp', aspectRatio: '1:1', action: null },
        title: 'Blue lamp', subtitle: '49 €', body: 'Hand-made.\nShips in 2 days.', facts: [], action: { kind: 'open_url', id: 'pick-1', url: 'https://shop.example.com/p1' },
        buttons: [{ type: 'button', key: 'buy-1', label: 'Buy', style: 'primary', action: { kind: 'deep_link', id: 'buy-1', url: 'shopapp://p/1', fallbackUrl: 'https://shop.example.com/p1' } }] },
      { type: 'card', key: 'pick-2', media: { type: 'video', key: 'pick-2/media', url: 'https://cdn.example.com/p2.mp4', poster: null, alt: 'Green lamp turning', captionsUrl: null },
        title: 'Green lamp', subtitle: null, body: null, facts: [{ label: 'Stock', value: '3' }], action: { kind: 'postback', id: 'pick-2', payload: 'like:2', confirm: null }, buttons: [],
        device: { eq: { path: 'device.capability.video', value: true } } },
    ] },
    { type: 'divider', key: '/components/5' },
    { type: 'button', key: 'otp', label: 'Copy code', style: 'secondary', action: { kind: 'copy_code', id: 'otp', code: '482913' } },
    { type: 'spacer', key: '/components/7', size: 'large' },
    { type: 'map', key: 'store', query: null, lat: 45.5017, lng: -73.5673, label: 'Boutique Montréal', alt: 'Carte de la boutique', zoom: 16,
      action: { kind: 'show_on_map', id: 'store', query: null, lat: 45.5017, lng: -73.5673, label: 'Boutique Montréal', directions: true } },
    { type: 'list', key: 'steps', ordered: true, items: [
      { title: 'Choisir', subtitle: 'Parcourez la collection', image: null, alt: '', action: { kind: 'open_url', id: 'steps/0', url: 'https://shop.example.com/c' } },
      { title: 'Payer', subtitle: null, image: 'https://cdn.example.com/pay.png', alt: 'Carte bancaire', action: null },
    ] },
    { type: 'text', key: 'dark-only', size: 'small', align: 'end', runs: [{ text: 'Mode sombre', bold: false, italic: false, link: null }],
      device: { eq: { path: 'device.dark_mode', value: true } } },
    { type: 'countdown', key: 'sale', to: '2026-03-03T13:05:00Z', label: 'Fin des soldes dans', expiredText: null },
  ],
};

export const ALL_FIXTURES: Readonly<Record<string, BoundMessage>> = {
  orderShipped: orderShippedBound,
  boardingPass: boardingPassBound,
  appointment: appointmentBound,
  survey: surveyBound,
  showcase: showcaseBound,
};
