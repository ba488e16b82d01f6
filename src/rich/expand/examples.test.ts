import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundAction, BoundComponent, BoundMessage } from '../bound/model.ts';
import { EXAMPLES, appointment, boardingPass, orderShipped, survey } from '../format/examples.ts';
import { compileDocument } from './index.ts';
import { THEME, bindOk, component, makeDoc, valid } from './test-support.ts';

const orderData = {
  contact: { first_name: 'Grace' },
  order: { id: 'B2002', carrier: 'DHL', eta: '2026-04-10', tracking_url: 'https://dhl.example/t/9', items: [{ name: 'Desk', qty: 2 }, { name: 'Pen', qty: 5 }] },
};

describe('expand: the reference examples', () => {
  for (const [name, doc] of Object.entries(EXAMPLES)) {
    it(`${name} binds with its slot examples`, () => {
      const r = bindOk(doc, null, { useExamples: true });
      assert.equal(r.message.version, 1);
      assert.equal(r.message.revision, 1);
      assert.ok(r.message.components.length > 0);
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(r.missing, []);
      assert.doesNotThrow(() => JSON.stringify(r.message));
    });
  }

  it('orderShipped with real data', () => {
    const { message, warnings, missing } = bindOk(orderShipped, orderData);
    const card = component(message, 'card');
    assert.equal(card.key, 'shipped');
    assert.equal(card.title, 'Your order B2002 has shipped');
    assert.equal(card.subtitle, 'Hi Grace!');
    assert.deepEqual(card.facts, [{ label: 'Carrier', value: 'DHL' }, { label: 'Arrives', value: 'Apr 10' }]);
    assert.deepEqual(card.buttons.map((b) => b.action), [
      { kind: 'open_url', id: 'track', url: 'https://track.example.com/?u=https%3A%2F%2Fdhl.example%2Ft%2F9' },
      { kind: 'sms_reply', id: 'help', body: 'HELP B2002', to: null },
    ]);
    assert.deepEqual(card.media, { key: '/components/0/media', type: 'image', url: 'https://cdn.example.com/box.png', alt: 'A parcel on its way', aspectRatio: null, action: null });
    assert.equal(component(message, 'list').items[0]!.title, '2 × Desk 5 × Pen ');
    assert.deepEqual([warnings, missing], [[], []]);
  });

  it('orderShipped without a contact falls back to the slot default and the template default', () => {
    const { message, missing } = bindOk(orderShipped, { order: orderData.order });
    assert.equal(component(message, 'card').subtitle, 'Hi there!');
    assert.deepEqual(missing, ['contact', 'contact.first_name']);
  });

  it('boardingPass with real data keeps device rules for the phone', () => {
    const { message } = bindOk(boardingPass, { passenger: 'GRACE HOPPER', barcode: 'M1HOPPER', flight: { number: 'PM9', gate: 'C1', departs: '2026-05-01T07:05:00+02:00', seat: '2A' } });
    assert.equal(component(message, 'heading').text, 'Flight PM9');
    assert.equal(component(message, 'countdown').to, '2026-05-01T05:05:00.000Z');
    const code = component(message, 'code');
    assert.deepEqual(code.device, { gt: { path: 'device.screen_width', value: 280 } });
    assert.equal(code.alt, 'Boarding pass barcode for GRACE HOPPER');
    assert.equal(component(message, 'text').device !== undefined, true);
    assert.equal(component(message, 'heading').device, undefined);
    assert.equal('device' in component(message, 'heading'), false);
  });

  it('appointment with real data normalises the phone and the calendar times', () => {
    const { message } = bindOk(appointment, { appt: { start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T10:30:00-05:00', clinic: 'Elm Clinic', address: '2 Elm St', phone: '+1 (555) 987-6543' } });
    const text = component(message, 'text');
    assert.deepEqual(text.runs.map((r) => [r.text, r.bold]), [['Hi there, see you ', false], ['Monday at 3:00 pm', true], [' at Elm Clinic.', false]]);
    const actions = component(message, 'button_row', 1).buttons.map((b) => b.action);
    assert.deepEqual(actions[0], { kind: 'add_to_calendar', id: 'cal', title: 'Appointment at Elm Clinic', start: '2026-03-02T15:00:00.000Z', end: '2026-03-02T15:30:00.000Z', location: '2 Elm St', description: null });
    assert.deepEqual(actions[1], { kind: 'call', id: 'call', phone: '+15559876543' });
    assert.deepEqual(message.quickReplies, [{ id: 'late', label: 'Running late', payload: 'late' }]);
    const map = component(message, 'map');
    assert.deepEqual([map.zoom, map.lat, map.query], [14, null, '2 Elm St']);
  });

  it('survey with real data; a loyal customer gets the rule variant', () => {
    const plain = bindOk(survey, { first_name: 'Lin', orders: 2 });
    assert.equal(plain.message.variant, null);
    assert.equal(component(plain.message, 'heading').text, 'Thanks Lin! How did we do?');
    const form = component(plain.message, 'form');
    assert.deepEqual(form.fields.map((f) => f.kind), ['rating', 'choice', 'multi_choice', 'text', 'email', 'toggle']);
    assert.deepEqual(form.fields[0], { kind: 'rating', name: 'score', label: 'How likely are you to recommend us?', required: true, errorMessage: null, min: 0, max: 10 });
    // One way to submit: the form's own button, no second "Submit" button beside it.
    assert.deepEqual(plain.message.components.map((c) => c.type), ['heading', 'form']);
    const loyal = bindOk(survey, { first_name: 'Lin', orders: 7 });
    assert.equal(loyal.message.variant, 'loyal');
    // The loyal variant adds its line and keeps the whole survey.
    assert.deepEqual(loyal.message.components.map((c) => c.type), ['text', 'heading', 'form']);
    assert.deepEqual(component(loyal.message, 'form'), { ...form, key: component(loyal.message, 'form').key });
  });
});

function keysOf(m: BoundMessage): { keys: string[]; actions: string[] } {
  const keys: string[] = [];
  const actions: string[] = [];
  const act = (a: BoundAction | null): void => { if (a) actions.push(a.id); };
  const visit = (c: BoundComponent): void => {
    keys.push(c.key);
    if (c.type === 'card') { if (c.media) visit(c.media); c.buttons.forEach(visit); act(c.action); }
    if (c.type === 'carousel') c.cards.forEach(visit);
    if (c.type === 'button_row') c.buttons.forEach(visit);
    if (c.type === 'button') act(c.action);
    if (c.type === 'image' || c.type === 'map') act(c.action);
    if (c.type === 'list') c.items.forEach((i) => act(i.action));
  };
  m.components.forEach(visit);
  return { keys, actions };
}

describe('expand: keys, action ids and theme', () => {
  const rich = valid(makeDoc([
    { type: 'image', url: 'https://a.example/i.png', action: { kind: 'open_url', url: 'https://a.example/' } },
    { type: 'carousel', cards: [
      { type: 'card', title: 'A', buttons: [{ type: 'button', label: 'x', action: { kind: 'postback', payload: 'x' } }], action: { kind: 'copy_code', code: 'C' } },
      { type: 'card', id: 'second', title: 'B', media: { type: 'image', id: 'pic', url: 'https://a.example/p.png', action: { kind: 'postback', payload: 'p' } } },
    ] },
    { type: 'list', id: 'steps', items: [{ title: 'one', action: { kind: 'postback', payload: '1' } }, { title: 'two', action: { kind: 'postback', payload: '2' } }] },
    { type: 'map', lat: 1, lng: 2, action: { kind: 'show_on_map', lat: 1, lng: 2 } },
    { type: 'button', id: 'go', label: 'Go', action: { kind: 'postback', payload: 'go' } },
  ]));

  it('gives every component a unique key and every action a unique id, stable across binds', () => {
    const compiled = compileDocument(rich);
    const a = compiled.bind({ data: {}, revision: 3, variantSeed: 'a' });
    const b = compiled.bind({ data: {}, revision: 3, variantSeed: 'b' });
    assert.ok(a.ok && b.ok);
    const ka = keysOf(a.message);
    assert.deepEqual(ka, keysOf(b.message));
    assert.equal(new Set(ka.keys).size, ka.keys.length);
    assert.equal(new Set(ka.actions).size, ka.actions.length);
    assert.deepEqual(ka.actions, ['/components/0.action', '/components/1/cards/0/buttons/0', '/components/1/cards/0.action', 'pic.action', 'steps/items/0', 'steps/items/1', '/components/3.action', 'go']);
    assert.ok(ka.keys.includes('second') && ka.keys.includes('/components/1/cards/0'));
  });

  it('fills theme defaults: accent from primary, readable text on primary', () => {
    assert.deepEqual(bindOk(makeDoc([{ type: 'divider' }]), {}).message.theme, { ...THEME, accentColor: THEME.primaryColor, onPrimaryColor: '#ffffff' });
    const yellow = bindOk(makeDoc([{ type: 'divider' }], {}, { theme: { ...THEME, primaryColor: '#ffd400', accentColor: '#123456' } }), {}).message.theme;
    assert.deepEqual([yellow.accentColor, yellow.onPrimaryColor], ['#123456', '#000000']);
  });

  it('gives the date filter the injected clock', () => {
    const d = makeDoc([{ type: 'text', text: '{{ "now" | date: "%Y-%m-%d %H:%M" }}' }]);
    assert.equal(component(bindOk(d, {}, { now: Date.UTC(2030, 6, 4, 12, 30) }).message, 'text').runs[0]!.text, '2030-07-04 12:30');
  });

  it('fills component defaults from the bound model', () => {
    const { message } = bindOk(makeDoc([
      { type: 'text', text: 'hi' }, { type: 'heading', text: 'h' }, { type: 'spacer' }, { type: 'audio', url: 'https://a.example/a.mp3' },
      { type: 'video', url: 'https://a.example/v.mp4' }, { type: 'code', format: 'qr', value: 'v' },
    ], {}, { locale: 'fr-CA' }), {});
    assert.equal(message.locale, 'fr-CA');
    assert.deepEqual(message.components.map((c) => ({ ...c, key: undefined })), [
      { key: undefined, type: 'text', runs: [{ text: 'hi', bold: false, italic: false, link: null }], size: 'body', align: 'start' },
      { key: undefined, type: 'heading', text: 'h', level: 2 },
      { key: undefined, type: 'spacer', size: 'medium' },
      { key: undefined, type: 'audio', url: 'https://a.example/a.mp3', title: null, alt: '' },
      { key: undefined, type: 'video', url: 'https://a.example/v.mp4', poster: null, alt: '', captionsUrl: null },
      { key: undefined, type: 'code', format: 'qr', value: 'v', alt: '', caption: null },
    ]);
  });
});
