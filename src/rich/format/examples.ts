import type { Component, TemplateDocument } from './types.ts';

// The four reference documents used by tests and docs/templates.md (keep them in sync).

const theme = { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'inter', cornerRadius: 12 } as const;

export const orderShipped: TemplateDocument = {
  version: 1, name: 'order-shipped', theme,
  data: {
    contact: { type: 'object', example: { first_name: 'Ada' }, missing: 'default', default: {}, fields: { first_name: { type: 'string' } } },
    order: { type: 'object', required: true, missing: 'block', example: { id: 'A1001', carrier: 'UPS', eta: '2026-03-02', tracking_url: 'https://ups.example/t/1Z', items: [{ name: 'Lamp', qty: 1 }] },
      fields: { id: { type: 'string' }, carrier: { type: 'string' }, eta: { type: 'date' }, tracking_url: { type: 'url' }, items: { type: 'list', items: { type: 'object', fields: { name: { type: 'string' }, qty: { type: 'number' } } } } } },
  },
  components: [
    { type: 'card', id: 'shipped',
      media: { type: 'image', url: 'https://cdn.example.com/box.png', alt: 'A parcel on its way' },
      title: 'Your order {{ order.id }} has shipped', subtitle: 'Hi {{ contact.first_name | default: "there" }}!',
      facts: [{ label: 'Carrier', value: '{{ order.carrier }}' }, { label: 'Arrives', value: '{{ order.eta | date: "%b %-d" }}' }],
      buttons: [
        { type: 'button', id: 'track', label: 'Track parcel', style: 'primary', action: { kind: 'open_url', url: 'https://track.example.com/?u={{ order.tracking_url | url_encode }}' } },
        { type: 'button', id: 'help', label: 'Get help', action: { kind: 'sms_reply', body: 'HELP {{ order.id }}' } },
      ] },
    { type: 'list', items: [{ title: '{% for i in order.items %}{{ i.qty }} × {{ i.name }} {% endfor %}' }] },
  ],
};

export const boardingPass: TemplateDocument = {
  version: 1, name: 'boarding-pass', theme: { ...theme, font: 'roboto' },
  data: {
    passenger: { type: 'string', example: 'ADA LOVELACE', missing: 'block' },
    flight: { type: 'object', missing: 'block', example: { number: 'PM123', gate: 'B7', departs: '2026-03-02T09:40:00Z', seat: '14C' },
      fields: { number: { type: 'string' }, gate: { type: 'string' }, departs: { type: 'date' }, seat: { type: 'string' } } },
    barcode: { type: 'string', example: 'M1LOVELACE/ADA EABC123 CDGJFKPM 0123 061Y014C0001 100', missing: 'block' },
  },
  components: [
    { type: 'heading', text: 'Flight {{ flight.number }}', level: 1 },
    { type: 'facts', facts: [{ label: 'Passenger', value: '{{ passenger }}' }, { label: 'Gate', value: '{{ flight.gate }}' }, { label: 'Seat', value: '{{ flight.seat }}' }] },
    { type: 'countdown', to: '{{ flight.departs }}', label: 'Boarding closes in', expiredText: 'Boarding closed' },
    { type: 'code', id: 'pass', format: 'aztec', value: '{{ barcode }}', alt: 'Boarding pass barcode for {{ passenger }}',
      when: { device: { gt: { path: 'device.screen_width', value: 280 } } } },
    { type: 'text', text: 'Show this code at the gate. Your screen is too narrow to scan it; open the pass instead.', when: { device: { not: { gt: { path: 'device.screen_width', value: 280 } } } } },
  ],
};

export const appointment: TemplateDocument = {
  version: 1, name: 'appointment-reminder', theme,
  data: {
    patient: { type: 'string', example: 'Ada', missing: 'default', default: 'there' },
    appt: { type: 'object', missing: 'block', example: { start: '2026-03-02T15:00:00Z', end: '2026-03-02T15:30:00Z', clinic: 'Main St Clinic', address: '1 Main St, Springfield', phone: '+15551234567' },
      fields: { start: { type: 'date' }, end: { type: 'date' }, clinic: { type: 'string' }, address: { type: 'string' }, phone: { type: 'phone' } } },
  },
  components: [
    { type: 'text', runs: [{ text: 'Hi {{ patient }}, see you ' }, { text: '{{ appt.start | date: "%A at %-l:%M %P" }}', bold: true }, { text: ' at {{ appt.clinic }}.' }] },
    { type: 'map', query: '{{ appt.address }}', label: '{{ appt.clinic }}', alt: 'Map of {{ appt.clinic }}' },
    { type: 'button_row', buttons: [
      { type: 'button', id: 'yes', label: 'Confirm', style: 'primary', action: { kind: 'postback', payload: 'rsvp:yes' } },
      { type: 'button', id: 'no', label: 'Cancel', style: 'destructive', action: { kind: 'postback', payload: 'rsvp:no', confirm: 'Cancel your appointment?' } },
    ] },
    { type: 'button_row', buttons: [
      { type: 'button', id: 'cal', label: 'Add to calendar', action: { kind: 'add_to_calendar', title: 'Appointment at {{ appt.clinic }}', start: '{{ appt.start }}', end: '{{ appt.end }}', location: '{{ appt.address }}' } },
      { type: 'button', id: 'call', label: 'Call clinic', action: { kind: 'call', phone: '{{ appt.phone }}' } },
    ] },
  ],
  quickReplies: [{ id: 'late', label: 'Running late', payload: 'late' }],
};

// The NPS survey: a 0–10 rating (min 0), one submit button (the form's own), and a rule variant for
// loyal customers that adds a line above the same survey rather than replacing it (a variant replaces
// the whole component tree, so it repeats the survey).
const surveyHeading: Component = { type: 'heading', text: 'Thanks {{ first_name }}! How did we do?', level: 2 };
const surveyForm: Component = { type: 'form', id: 'nps', submitLabel: 'Send', fields: [
  { kind: 'rating', name: 'score', label: 'How likely are you to recommend us?', required: true, min: 0, max: 10 },
  { kind: 'choice', name: 'reason', label: 'Main reason', options: [{ value: 'price', label: 'Price' }, { value: 'speed', label: 'Delivery speed' }] },
  { kind: 'multi_choice', name: 'topics', label: 'What should we improve?', options: [{ value: 'app', label: 'The app' }, { value: 'support', label: 'Support' }] },
  { kind: 'text', name: 'comment', label: 'Anything else?', maxLength: 500 },
  { kind: 'email', name: 'email', label: 'Email (optional)', pattern: '^[^@\\s]+@[^@\\s]+$' },
  { kind: 'toggle', name: 'contact_me', label: 'You may contact me' },
] };

export const survey: TemplateDocument = {
  version: 1, name: 'nps-survey', theme: { ...theme, font: 'system', cornerRadius: 4 },
  data: { first_name: { type: 'string', example: 'Ada', missing: 'drop' }, orders: { type: 'number', example: 3, missing: 'default', default: 0 } },
  components: [surveyHeading, surveyForm],
  variants: [
    { id: 'loyal', when: { gt: { path: 'orders', value: 5 } }, components: [
      { type: 'text', text: 'You are one of our best customers, {{ first_name }}.' },
      surveyHeading,
      surveyForm,
    ] },
  ],
};

export const EXAMPLES = { orderShipped, boardingPass, appointment, survey } as const;
