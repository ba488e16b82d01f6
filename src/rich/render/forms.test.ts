import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundAction, BoundComponent, BoundForm, BoundMessage } from '../bound/model.ts';
import { FIXTURE_BASE, FIXTURE_NOW, appointmentBound, orderShippedBound, surveyBound } from './fixtures.ts';
import { checkHtml } from './html-check.ts';
import { renderMessageHtml, type RenderOptions } from './index.ts';

const opts: RenderOptions = { base: FIXTURE_BASE, now: FIXTURE_NOW };
const render = (m: BoundMessage, o: Partial<RenderOptions> = {}) => renderMessageHtml(m, {}, { ...opts, ...o });
const form = surveyBound.components[1] as BoundForm;

describe('forms', () => {
  it('posts to porm with native validation, inside a titled fieldset', () => {
    const html = render(surveyBound);
    assert.ok(html.includes('<form id="porm-form-nps" class="porm-form" method="post" action="/m/AbC123/f/nps" data-porm-form="nps" data-porm-key="nps"><fieldset class="porm-form-set"><legend class="porm-form-title">Your feedback</legend>'));
    assert.ok(!html.includes('novalidate'));
    assert.ok(html.includes('<button type="submit" class="porm-btn porm-btn-primary">Send</button>'));
  });

  it('labels every input: a <label for> or, for radios/checkboxes, also a legend on the group', () => {
    const r = checkHtml(render(surveyBound));
    const ids = r.attrs.filter((a) => a.tag === 'input' && a.name === 'id').map((a) => a.value);
    const fors = new Set(r.attrs.filter((a) => a.tag === 'label' && a.name === 'for').map((a) => a.value));
    assert.ok(ids.length >= 20);
    for (const id of ids) assert.ok(fors.has(id), `${id} has a label`);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('links error messages with aria-describedby to an existing, hidden element', () => {
    const r = checkHtml(render(surveyBound));
    const described = r.attrs.filter((a) => a.name === 'aria-describedby').map((a) => a.value);
    const ids = new Set(r.attrs.filter((a) => a.name === 'id').map((a) => a.value));
    assert.deepEqual(described, ['porm-nps:score:error', 'porm-nps:email:error']);
    for (const d of described) assert.ok(ids.has(d));
    assert.ok(render(surveyBound).includes('<p id="porm-nps:score:error" class="porm-error" hidden>Pick a score</p>'));
  });

  it('marks required fields for assistive technology and visibly', () => {
    const html = render(surveyBound);
    assert.ok(html.includes('<label class="porm-label" for="porm-nps:visit">Visit date <span class="porm-req">(required)</span></label><input class="porm-input" type="date" id="porm-nps:visit" name="visit" required aria-required="true">'));
    assert.ok(html.includes('<fieldset class="porm-field porm-rating" role="radiogroup" aria-required="true" aria-describedby="porm-nps:score:error"><legend class="porm-label">How likely are you to recommend us? <span class="porm-req">(required)</span></legend>'));
  });

  it('renders each field kind with its constraints', () => {
    const html = render(surveyBound);
    assert.ok(html.includes('type="email" id="porm-nps:email" name="email" aria-describedby="porm-nps:email:error" pattern="^[^@\\s]+@[^@\\s]+$" autocomplete="email">'));
    assert.ok(html.includes('type="text" id="porm-nps:comment" name="comment" maxlength="500" placeholder="Tell us more">'));
    assert.ok(html.includes('type="number" id="porm-nps:orders" name="orders" min="0" max="100" step="any" inputmode="decimal">'));
    assert.ok(html.includes('type="checkbox" value="true" id="porm-nps:contact_me" name="contact_me">'));
    assert.ok(html.includes('<input class="porm-check" type="radio" id="porm-nps:reason:0" name="reason" value="price"><label for="porm-nps:reason:0">Price</label>'));
    assert.equal(html.split('name="topics"').length - 1, 2, 'multi_choice repeats the name');
    assert.ok(html.includes('<label for="porm-nps:score:7">7<span class="porm-vh"> of 10</span></label>'));
    // min 0: an NPS question goes 0–10, eleven choices.
    assert.ok(html.includes('<label for="porm-nps:score:0">0<span class="porm-vh"> of 10</span></label>'));
    assert.equal(html.split('name="score"').length - 1, 11);
  });

  it('starts a rating at 1 unless it says min 0', () => {
    const one: BoundMessage = { ...surveyBound, components: [{ ...form, fields: form.fields.map((f) => (f.kind === 'rating' ? { ...f, min: 1 as const, max: 5 } : f)) }] };
    const html = render(one);
    assert.ok(!html.includes('id="porm-nps:score:0"'));
    assert.ok(html.includes('<label for="porm-nps:score:1">1<span class="porm-vh"> of 5</span></label>'));
    assert.equal(html.split('name="score"').length - 1, 5);
  });

  it('replaces an answered single-answer form with a status, and drops buttons that submit it', () => {
    const html = render(surveyBound, { answeredForms: new Set(['nps']) });
    assert.ok(html.includes('<div class="porm-form porm-answered" data-porm-key="nps"><p class="porm-form-title">Your feedback</p><p role="status" class="porm-status">Thanks, your answer was received.</p></div>'));
    assert.ok(!html.includes('<input'));
    assert.ok(!html.includes('data-porm-kind="submit_form"'));
  });

  it('keeps offering a form that takes several answers', () => {
    const multi: BoundMessage = { ...surveyBound, components: [{ ...form, multipleAnswers: true }, surveyBound.components[2]!] };
    const html = render(multi, { answeredForms: new Set(['nps']) });
    assert.ok(html.includes('<form id="porm-form-nps"'));
    assert.ok(html.includes('<button type="submit" form="porm-form-nps" class="porm-btn porm-btn-primary" data-porm-action="/components/2/action" data-porm-kind="submit_form">Submit</button>'));
  });

  it('drops a submit button whose form is hidden by a device rule', () => {
    const hidden: BoundMessage = { ...surveyBound, components: [{ ...form, device: { eq: { path: 'device.dark_mode', value: true } } }, surveyBound.components[2]!] };
    assert.ok(!render(hidden).includes('submit_form'));
  });

  it('keeps ids distinct for ids and names that only differ in punctuation', () => {
    const f = (id: string, name: string): BoundComponent => ({ ...form, key: id, id, fields: [{ kind: 'date', name, label: 'x', required: false, errorMessage: null }] });
    const r = checkHtml(render({ ...surveyBound, components: [f('a-b', 'c'), f('a', 'b-c'), f('a.b', 'c')] }));
    const ids = r.attrs.filter((a) => a.name === 'id').map((a) => a.value);
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
  });
});

describe('actions', () => {
  const button = (action: BoundAction): BoundMessage => ({ ...orderShippedBound, components: [{ type: 'button', key: 'k', label: 'Go', style: 'secondary', action }] });

  it('renders each kind as the documented element', () => {
    const cases: [BoundAction, string][] = [
      [{ kind: 'open_url', id: 'o', url: 'https://x.example/' }, '<a class="porm-btn porm-btn-secondary" href="/m/AbC123/go/o" rel="noreferrer" data-porm-action="o" data-porm-kind="open_url">Go</a>'],
      [{ kind: 'deep_link', id: 'd', url: 'myapp://x', fallbackUrl: 'https://x.example/' }, 'href="/m/AbC123/go/d" rel="noreferrer" data-porm-action="d" data-porm-kind="deep_link" data-porm-deeplink="myapp://x">Go</a>'],
      [{ kind: 'call', id: 'c', phone: '+1 (555) 123-4567' }, 'href="tel:+15551234567" data-porm-action="c" data-porm-kind="call">Go</a>'],
      [{ kind: 'sms_reply', id: 's', body: 'STOP now & then', to: '+15550001' }, 'href="sms:+15550001?body=STOP%20now%20%26%20then" data-porm-action="s"'],
      [{ kind: 'sms_reply', id: 's2', body: 'HELP', to: null }, 'href="/m/AbC123/go/s2" data-porm-action="s2" data-porm-kind="sms_reply"'],
      [{ kind: 'add_to_calendar', id: 'cal', title: 't', start: '2026-03-02T15:00:00Z', end: null, location: null, description: null }, 'href="/m/AbC123/ics/cal" download data-porm-action="cal" data-porm-kind="add_to_calendar">Go</a>'],
      [{ kind: 'show_on_map', id: 'map', query: 'x', lat: null, lng: null, label: null, directions: false }, 'href="/m/AbC123/go/map" rel="noreferrer" data-porm-action="map" data-porm-kind="show_on_map">Go</a>'],
      [{ kind: 'copy_code', id: 'cc', code: '123 456' }, '<span class="porm-copy"><code class="porm-copy-code">123 456</code> <button type="button" class="porm-btn porm-btn-secondary" data-porm-copy="123 456" data-porm-action="cc" data-porm-kind="copy_code" hidden>Go</button></span>'],
      [{ kind: 'postback', id: 'p', payload: 'secret', confirm: 'Sure?' }, '<form class="porm-postback" method="post" action="/m/AbC123/a/p"><button type="submit" class="porm-btn porm-btn-secondary" data-porm-action="p" data-porm-kind="postback" data-porm-confirm="Sure?">Go</button></form>'],
    ];
    for (const [action, expected] of cases) {
      const html = renderMessageHtml(button(action), {}, { ...opts, appSchemes: ['myapp'] });
      assert.ok(html.includes(expected), `${action.kind}: ${html}`);
      assert.ok(!html.includes('secret'), 'payloads stay on the server');
    }
  });

  it('drops a deep link app URL whose scheme is not configured, keeping the porm fallback', () => {
    const html = render(button({ kind: 'deep_link', id: 'd', url: 'myapp://x', fallbackUrl: 'https://x.example/' }));
    assert.ok(html.includes('href="/m/AbC123/go/d"') && !html.includes('data-porm-deeplink'));
  });

  it('omits a call without digits and names a button whose label is empty', () => {
    assert.ok(!render(button({ kind: 'call', id: 'c', phone: 'call us' })).includes('<a '));
    assert.ok(render({ ...orderShippedBound, components: [{ type: 'button', key: 'k', label: '  ', style: 'primary', action: { kind: 'call', id: 'c', phone: '911' } }] }).includes('>Call</a>'));
  });

  it('shows a received postback answer as a status after its button', () => {
    const html = render(appointmentBound, { postbackAnswers: { yes: 'You confirmed <Monday>' } });
    assert.ok(html.includes('data-porm-kind="postback">Confirm</button><p role="status" class="porm-answer">You confirmed &lt;Monday&gt;</p></form>'));
    assert.equal(html.split('role="status"').length - 1, 1);
  });

  it('reads postback answers as own properties only', () => {
    const m = button({ kind: 'postback', id: 'constructor', payload: 'x', confirm: null });
    assert.ok(!render(m, { postbackAnswers: {} }).includes('role="status"'));
    assert.ok(!render(button({ kind: 'postback', id: '__proto__', payload: 'x', confirm: null })).includes('role="status"'));
  });
});
