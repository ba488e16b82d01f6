import type { TemplateDocument } from './types.ts';

// The three end-to-end scenarios of docs/templates.md: a retail weekend sale personalised by the
// category the shopper browsed (with a localized price and a Shop Now deep link), a clinic
// appointment reminder (Confirm, Reschedule, a map) and an event ticket (a QR code, the venue map).
// The sale's deep link uses the app scheme "shopapp", which a server must allow (config rich.appSchemes).

const theme = { primaryColor: '#b00040', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'rounded', cornerRadius: 16 } as const;

export const weekendSale: TemplateDocument = {
  version: 1, name: 'weekend-sale', locale: 'en-US', theme,
  data: {
    first_name: { type: 'string', example: 'Ada', missing: 'default', default: 'there' },
    category: { type: 'string', description: 'The category the shopper browsed most', example: 'sneakers', missing: 'default', default: 'everything' },
    price: { type: 'number', description: 'Lowest sale price in that category', example: 49.99, missing: 'drop' },
    currency: { type: 'string', example: 'EUR', missing: 'default', default: 'USD' },
    locale: { type: 'string', example: 'fr-FR', missing: 'default', default: 'en-US' },
    sale_ends: { type: 'date', example: '2026-11-29T23:00:00Z', missing: 'block' },
    picks: { type: 'list', example: [{ name: 'Runner 2', url: 'https://shop.example.com/p/runner-2' }, { name: 'Court Low', url: 'https://shop.example.com/p/court-low' }],
      missing: 'default', default: [], items: { type: 'object', fields: { name: { type: 'string' }, url: { type: 'url' } } } },
  },
  components: [
    { type: 'image', id: 'hero', url: 'https://cdn.example.com/sale/{{ category | url_encode }}.jpg', alt: 'Weekend sale on {{ category }}', aspectRatio: '16:9' },
    { type: 'heading', text: 'Weekend sale on {{ category }}', level: 1 },
    { type: 'text', id: 'price', runs: [{ text: 'Hi {{ first_name }}, {{ category }} from ' }, { text: '{{ price | money: currency, locale }}', bold: true }, { text: ' this weekend only.' }] },
    { type: 'countdown', to: '{{ sale_ends }}', label: 'Sale ends in', expiredText: 'The sale has ended' },
    { type: 'button', id: 'shop', label: 'Shop now', style: 'primary',
      action: { kind: 'deep_link', url: 'shopapp://category/{{ category | url_encode }}', fallbackUrl: 'https://shop.example.com/c/{{ category | url_encode }}?utm_source=porm' } },
    { type: 'list', id: 'picks', items: [{ title: '{% for p in picks limit: 3 %}{{ p.name }}{% unless forloop.last %} · {% endunless %}{% endfor %}' }],
      when: { server: { gt: { path: 'picks.size', value: 0 } } } },
    { type: 'text', text: 'Reply STOP to opt out.', size: 'small' },
  ],
  quickReplies: [{ id: 'stop', label: 'Stop offers', payload: 'STOP' }],
};

export const clinicReminder: TemplateDocument = {
  version: 1, name: 'clinic-reminder', theme: { ...theme, primaryColor: '#0b6e4f', font: 'system', cornerRadius: 8 },
  data: {
    patient: { type: 'string', example: 'Ada', missing: 'default', default: 'there' },
    appt: { type: 'object', missing: 'block', required: true,
      example: { start: '2026-12-02T15:00:00Z', end: '2026-12-02T15:30:00Z', doctor: 'Dr. Osei', clinic: 'Main St Clinic', address: '1 Main St, Springfield', lat: 39.78, lng: -89.65, phone: '+15551234567', booking: 'BK-1042' },
      fields: { start: { type: 'date' }, end: { type: 'date' }, doctor: { type: 'string' }, clinic: { type: 'string' }, address: { type: 'string' }, phone: { type: 'phone' }, booking: { type: 'string' } } },
  },
  components: [
    { type: 'heading', text: 'Appointment reminder', level: 1 },
    { type: 'text', runs: [{ text: 'Hi {{ patient }}, you see {{ appt.doctor }} on ' }, { text: '{{ appt.start | date: "%A %B %-d at %-l:%M %P" }}', bold: true }, { text: ' (UTC) at {{ appt.clinic }}.' }] },
    { type: 'button_row', buttons: [
      { type: 'button', id: 'confirm', label: 'Confirm', style: 'primary', action: { kind: 'postback', payload: 'confirm' } },
      { type: 'button', id: 'reschedule', label: 'Reschedule', action: { kind: 'open_url', url: 'https://clinic.example.com/reschedule/{{ appt.booking | url_encode }}' } },
    ] },
    { type: 'map', id: 'where', query: '{{ appt.address }}', label: '{{ appt.clinic }}', alt: 'Map of {{ appt.clinic }}, {{ appt.address }}',
      action: { kind: 'show_on_map', query: '{{ appt.address }}', label: '{{ appt.clinic }}', directions: true } },
    { type: 'button_row', buttons: [
      { type: 'button', id: 'calendar', label: 'Add to calendar', action: { kind: 'add_to_calendar', title: 'Appointment with {{ appt.doctor }}', start: '{{ appt.start }}', end: '{{ appt.end }}', location: '{{ appt.address }}' } },
      { type: 'button', id: 'call', label: 'Call the clinic', action: { kind: 'call', phone: '{{ appt.phone }}' } },
    ] },
    { type: 'button', id: 'cancel', label: 'Cancel appointment', style: 'destructive', action: { kind: 'postback', payload: 'cancel', confirm: 'Cancel your appointment?' } },
  ],
};

export const eventTicket: TemplateDocument = {
  version: 1, name: 'event-ticket', theme: { ...theme, primaryColor: '#3a0ca3', backgroundColor: '#fbfaff', font: 'inter', cornerRadius: 12 },
  data: {
    holder: { type: 'string', example: 'Ada Lovelace', missing: 'block' },
    event: { type: 'object', missing: 'block',
      example: { name: 'Night of Engines', starts: '2026-12-12T19:30:00Z', venue: 'Analytical Hall', address: '12 Babbage Rd, London', lat: 51.5226, lng: -0.1571, section: 'B', seat: '14' },
      fields: { name: { type: 'string' }, starts: { type: 'date' }, venue: { type: 'string' }, address: { type: 'string' }, lat: { type: 'number' }, lng: { type: 'number' }, section: { type: 'string' }, seat: { type: 'string' } } },
    ticket_code: { type: 'string', example: 'TKT-7F3A-9921-ADA', missing: 'block' },
  },
  components: [
    { type: 'heading', text: '{{ event.name }}', level: 1 },
    { type: 'facts', facts: [
      { label: 'Name', value: '{{ holder }}' }, { label: 'When', value: '{{ event.starts | date: "%a %b %-d, %-l:%M %P" }} UTC' },
      { label: 'Section', value: '{{ event.section }}' }, { label: 'Seat', value: '{{ event.seat }}' },
    ] },
    { type: 'code', id: 'ticket', format: 'qr', value: '{{ ticket_code }}', alt: 'Ticket QR code for {{ holder }}', caption: '{{ ticket_code }}' },
    { type: 'countdown', to: '{{ event.starts }}', label: 'Doors open in', expiredText: 'The event has started' },
    { type: 'map', id: 'venue', query: '{{ event.address }}', label: '{{ event.venue }}', alt: 'Map of {{ event.venue }}' },
    { type: 'button', id: 'calendar', label: 'Add to calendar', action: { kind: 'add_to_calendar', title: '{{ event.name }}', start: '{{ event.starts }}', location: '{{ event.venue }}, {{ event.address }}' } },
  ],
};

export const SCENARIOS = { weekendSale, clinicReminder, eventTicket } as const;
/** The app scheme the weekend sale's deep link uses. */
export const SCENARIO_APP_SCHEMES: readonly string[] = ['shopapp'];
