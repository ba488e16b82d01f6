import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { SCENARIOS } from '../src/rich/format/scenarios.ts';
import { survey } from '../src/rich/format/examples.ts';
import { verifyWebhook } from '../src/webhooks/signature.ts';
import { eventually, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';
import { RICH_ENV, startScenarioSender, type SenderEndpoint } from './helpers/postback-server.ts';
import { noiseJpeg } from './helpers/images.ts';

// Rich messages end to end over real HTTP: templates are created and revised through the API,
// messages are sent to the sandbox MMSC, and the hosted page, its links, calendar files, codes,
// postbacks, forms and live updates are exercised as a phone's browser would (without script;
// test/rich-browser.test.ts drives real Chromium).

const TO = '+14155550123';
const FROM = '+14155550199';
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('rich messages end to end', () => {
  let h: Harness;
  let sender: SenderEndpoint;
  let hookSecret = '';
  withHarness((harness) => { h = harness; }, RICH_ENV);

  before(async () => {
    ({ sender, secret: hookSecret } = await startScenarioSender(h.api, await noiseJpeg(640, 360),
      ['rich.postback', 'rich.opened', 'rich.clicked', 'rich.form_submitted', 'rich.quick_reply', 'inbound.received']));
  });
  after(async () => sender?.stop());

  const createTemplate = async (document: unknown): Promise<string> => {
    const res = await h.api('POST', '/v1/templates', { document });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.latest_revision, 1);
    return String(res.body.id);
  };
  const send = async (body: Record<string, unknown>) => {
    const res = await h.api('POST', '/v1/messages', { to: TO, from: FROM, ...body });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const page = (url: string, path = '', init: RequestInit = {}) => fetch(`${url}${path}`, { redirect: 'manual', ...init });

  test('a template with errors is refused with a JSON pointer per error, and nothing is stored', async () => {
    const bad = clone(SCENARIOS.clinicReminder) as unknown as Record<string, unknown>;
    (bad.components as Array<Record<string, unknown>>)[0]!.type = 'marquee';
    bad.theme = { ...(bad.theme as object), primaryColor: 'red;}body{background:url(//evil)}' };
    const res = await h.api('POST', '/v1/templates', { document: bad });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'PORM_RICH_TEMPLATE_INVALID');
    const fields = (res.body.errors as Array<{ field: string; code: string }>).map((e) => e.field);
    assert.ok(fields.includes('/document/components/0/type'), JSON.stringify(res.body.errors));
    assert.ok(fields.includes('/document/theme/primaryColor'), JSON.stringify(res.body.errors));
    const list = await h.api('GET', '/v1/templates');
    assert.deepEqual(list.body.data, []);
  });

  test('clinic reminder: MMS form, hosted page, confirm postback, reschedule link, calendar, typo fixed after send', async () => {
    const id = await createTemplate(SCENARIOS.clinicReminder);
    const data = { patient: 'Grace', appt: { start: '2026-12-02T15:00:00Z', end: '2026-12-02T15:30:00Z', doctor: 'Dr. Osei', clinic: 'Main St Clinic', address: '1 Main St, Springfield', phone: '+15551234567', booking: 'BK-1042' } };
    const msg = await send({ template: id, data });
    assert.equal(msg.channel, 'mms');
    assert.deepEqual(msg.template, { id, revision: null });
    const pageUrl = String(msg.page_url);
    assert.match(pageUrl, /^http:\/\/127\.0\.0\.1:\d+\/m\/[0-9A-Za-z]{22}$/);
    await waitForStatus(h, String(msg.id), 'delivered');
    const sent = await h.api('GET', `/v1/messages/${msg.id}`);
    const sentEvent = (sent.body.events as Array<{ type: string; data: Record<string, unknown> }>).find((e) => e.type === 'sent');
    assert.deepEqual(sentEvent?.data.rich, { channel: 'mms', template_revision: 1 });

    // The page works without script: server-rendered, strict CSP, no referrer leaks.
    const res = await page(pageUrl);
    assert.equal(res.status, 200);
    const csp = String(res.headers.get('content-security-policy'));
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = await res.text();
    assert.match(html, /Appointment reminder/);
    assert.match(html, /Hi Grace, you see Dr\. Osei/);

    // Confirm: porm POSTs a signed webhook to the sender and shows its answer; a replay does not call again.
    const confirm = await page(pageUrl, '/a/confirm', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(confirm.status, 200);
    assert.deepEqual(await confirm.json(), { answer: 'See you then!', replayed: false });
    const again = await page(pageUrl, '/a/confirm', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    assert.deepEqual(await again.json(), { answer: 'See you then!', replayed: true });
    // Concurrent presses are one press too.
    const racing = await Promise.all([1, 2, 3].map(() => page(pageUrl, '/a/confirm', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json())));
    assert.ok(racing.every((r) => (r as { answer: string }).answer === 'See you then!'));
    await new Promise((r) => setTimeout(r, 500)); // queued webhooks would have arrived by now
    const postbacks = sender.received.filter((r) => r.body.includes('"rich.postback"'));
    assert.equal(postbacks.length, 1);
    const verified = verifyWebhook(postbacks[0]!.headers as Record<string, string>, postbacks[0]!.body, hookSecret);
    assert.equal(verified.ok, true);
    assert.equal((JSON.parse(postbacks[0]!.body) as { data: { payload: string } }).data.payload, 'confirm');
    // The answer is on the page from now on, also without script.
    assert.match(await (await page(pageUrl)).text(), /See you then!/);

    // Reschedule: a tracked redirect to the sender's URL.
    const go = await page(pageUrl, '/go/reschedule');
    assert.equal(go.status, 302);
    assert.equal(go.headers.get('location'), 'https://clinic.example.com/reschedule/BK-1042');

    // Add to calendar: a real iCalendar file.
    const ics = await page(pageUrl, '/ics/calendar');
    assert.equal(ics.status, 200);
    assert.match(String(ics.headers.get('content-type')), /text\/calendar/);
    const vevent = new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!;
    assert.equal(vevent.getFirstPropertyValue('summary'), 'Appointment with Dr. Osei');
    assert.equal(vevent.getFirstPropertyValue('location'), '1 Main St, Springfield');

    // Fix a typo after sending: the same page shows the new revision at its next open.
    const fixed = clone(SCENARIOS.clinicReminder) as unknown as { components: Array<Record<string, unknown>> };
    fixed.components[0]!.text = 'Your appointment reminder';
    const revised = await h.api('PATCH', `/v1/templates/${id}`, { document: fixed, note: 'clearer heading' });
    assert.equal(revised.status, 200, revised.text);
    assert.equal(revised.body.latest_revision, 2);
    const after = await eventually(async () => {
      const text = await (await page(pageUrl)).text();
      return text.includes('Your appointment reminder') ? text : undefined;
    }, 10_000, 'the page to show revision 2');
    assert.match(after, /data-revision="2"/);

    // Every open is kept with the revision it saw; clicks and the postback are counted.
    const interactions = await h.api('GET', `/v1/messages/${msg.id}/interactions`);
    const events = interactions.body.data as Array<{ kind: string; revision: number; action_id: string | null }>;
    const openRevisions = new Set(events.filter((e) => e.kind === 'open').map((e) => e.revision));
    assert.deepEqual([...openRevisions].sort(), [1, 2]);
    assert.ok(events.some((e) => e.kind === 'click' && e.action_id === 'reschedule'));
    assert.ok(events.some((e) => e.kind === 'postback' && e.action_id === 'confirm'));
    const stats = await h.api('GET', `/v1/templates/${id}/stats`);
    assert.equal(stats.body.messages, 1);
    assert.equal(stats.body.opened_messages, 1);
    const reschedule = (stats.body.actions as Array<{ action_id: string; click_through_rate: number }>).find((a) => a.action_id === 'reschedule');
    assert.equal(reschedule?.click_through_rate, 1);
    await eventually(async () => (sender.events('rich.clicked').length > 0 ? true : undefined), 10_000, 'the click webhook');
  });

  test('weekend sale: localized price, Shop Now deep link, the hero fetched into the MMS slides', async () => {
    const doc = clone(SCENARIOS.weekendSale) as unknown as { components: Array<Record<string, unknown>> };
    doc.components[0]!.url = `${sender.url}/sale/{{ category | url_encode }}.jpg`;
    const id = await createTemplate(doc);
    const msg = await send({ template: id, data: { first_name: 'Ada', category: 'sneakers', price: 49.99, currency: 'EUR', locale: 'fr-FR', sale_ends: '2030-01-01T00:00:00Z' } });
    await waitForStatus(h, String(msg.id), 'delivered');
    const html = await (await page(String(msg.page_url))).text();
    assert.match(html, /49,99\s€/u);
    // The deep link goes to the app; without script porm's link sends the phone to the web fallback.
    const go = await page(String(msg.page_url), '/go/shop');
    assert.equal(go.headers.get('location'), 'https://shop.example.com/c/sneakers?utm_source=porm');
    const sent = await h.api('GET', `/v1/messages/${msg.id}`);
    const parts = (sent.body.media_sent as { parts: Array<{ sent: { content_type: string } }> }).parts;
    assert.ok(parts.some((p) => p.sent.content_type === 'image/jpeg'), JSON.stringify(parts));
    // Images on the page come through porm's proxy at the asked width.
    const img = await page(String(msg.page_url), '/img/hero?w=320');
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/jpeg');
  });

  test('event ticket: QR code drawn as a safe SVG, SMS form when forced', async () => {
    const id = await createTemplate(SCENARIOS.eventTicket);
    const data = { holder: 'Ada <script>alert(1)</script>', ticket_code: 'TKT-1', event: { name: 'Night of Engines', starts: '2030-12-12T19:30:00Z', venue: 'Analytical Hall', address: '12 Babbage Rd, London', section: 'B', seat: '14' } };
    const msg = await send({ template: id, data, channel: 'sms' });
    assert.equal(msg.channel, 'sms');
    assert.ok(String(msg.body).endsWith(String(msg.page_url)), String(msg.body));
    assert.ok([...String(msg.body)].length <= 160);
    const html = await (await page(String(msg.page_url))).text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /Ada &lt;script&gt;|Ada &#60;script&#62;/);
    const svg = await page(String(msg.page_url), '/code/ticket.svg');
    assert.equal(svg.status, 200);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    const text = await svg.text();
    assert.match(text, /^<svg|^<\?xml/);
    assert.doesNotMatch(text, /<script|on\w+=/i);
  });

  test('survey form: server validation, one answer per recipient, answers API and webhook', async () => {
    const id = await createTemplate(survey);
    const msg = await send({ template: id, data: { first_name: 'Ada', orders: 2 } });
    const url = String(msg.page_url);
    const post = (body: unknown) => page(url, '/f/nps', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const invalid = await post({ score: '11', email: 'not-an-email', reason: 'bribery', hacker: 'x' });
    assert.equal(invalid.status, 422);
    const problem = (await invalid.json()) as { code: string; errors: Array<{ field: string }> };
    assert.equal(problem.code, 'PORM_RICH_FORM_INVALID');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['/email', '/hacker', '/reason', '/score']);
    const ok = await post({ score: '9', reason: 'speed', topics: ['app', 'support'], comment: 'Great', contact_me: true });
    assert.equal(ok.status, 201, await ok.clone().text());
    assert.equal((await post({ score: '3' })).status, 409);
    const answers = await h.api('GET', `/v1/messages/${msg.id}/answers`);
    const first = (answers.body.data as Array<{ form_id: string; answers: Record<string, unknown> }>)[0]!;
    assert.deepEqual(first.answers, { score: 9, reason: 'speed', topics: ['app', 'support'], comment: 'Great', contact_me: true });
    await eventually(async () => (sender.events('rich.form_submitted').length > 0 ? true : undefined), 10_000, 'the form webhook');
    // Without script the form posts urlencoded and the page says it was answered.
    const msg2 = await send({ template: id, data: { first_name: 'Bo', orders: 1 } });
    const form = await page(String(msg2.page_url), '/f/nps', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=7&topics=app&topics=support' });
    assert.equal(form.status, 303);
    const answered = await h.api('GET', `/v1/messages/${msg2.id}/answers`);
    assert.deepEqual((answered.body.data as Array<{ answers: unknown }>)[0]!.answers, { score: 7, topics: ['app', 'support'], contact_me: false });
  });

  test('quick replies come back as inbound messages', async () => {
    const id = await createTemplate(SCENARIOS.weekendSale);
    const msg = await send({ template: id, data: { category: 'hats', price: 5, sale_ends: '2030-01-01T00:00:00Z' } });
    const res = await page(String(msg.page_url), '/q/stop', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 204);
    const inbound = await h.api('GET', '/v1/inbound-messages');
    const found = (inbound.body.data as Array<{ body: string; from: string; linked_id: string }>).find((m) => m.linked_id === msg.id);
    assert.equal(found?.body, 'STOP');
    assert.equal(found?.from, TO);
  });

  test('live update: an open page hears about a new revision over server-sent events', async () => {
    const id = await createTemplate(SCENARIOS.eventTicket);
    const msg = await send({ template: id, data: { holder: 'Ada', ticket_code: 'T2', event: { name: 'Show', starts: '2030-12-12T19:30:00Z', venue: 'Hall', address: 'Road 1', section: 'A', seat: '1' } } });
    const controller = new AbortController();
    const live = await fetch(`${msg.page_url}/live`, { signal: controller.signal });
    assert.equal(live.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = live.body!.getReader();
    const heard = (async () => {
      let text = '';
      while (!text.includes('event: revision')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    await new Promise((r) => setTimeout(r, 100));
    const doc = clone(SCENARIOS.eventTicket) as unknown as { components: Array<Record<string, unknown>> };
    doc.components[0]!.text = '{{ event.name }} (moved to Hall B)';
    assert.equal((await h.api('PATCH', `/v1/templates/${id}`, { document: doc })).status, 200);
    const text = await heard;
    controller.abort();
    assert.match(text, /event: revision\ndata: \{"revision":2\}/);
  });

  test('pinned messages keep their revision', async () => {
    const id = await createTemplate(SCENARIOS.eventTicket);
    const data = { holder: 'Ada', ticket_code: 'T3', event: { name: 'Pinned show', starts: '2030-12-12T19:30:00Z', venue: 'Hall', address: 'Road 1', section: 'A', seat: '1' } };
    const doc = clone(SCENARIOS.eventTicket) as unknown as { components: Array<Record<string, unknown>> };
    doc.components[0]!.text = 'CHANGED {{ event.name }}';
    const msg = await send({ template: id, template_revision: 1, data });
    assert.equal((await h.api('PATCH', `/v1/templates/${id}`, { document: doc })).status, 200);
    const html = await (await page(String(msg.page_url))).text();
    assert.match(html, /Pinned show/);
    assert.doesNotMatch(html, /CHANGED/);
  });

  test('an Idempotency-Key replay returns the stored message, even after a revision that would block it', async () => {
    const id = await createTemplate(SCENARIOS.eventTicket);
    const body = { to: TO, from: FROM, template: id, data: { holder: 'Ada', ticket_code: 'T5', event: { name: 'Show', starts: '2030-12-12T19:30:00Z', venue: 'Hall', address: 'Road 1', section: 'A', seat: '1' } } };
    const first = await h.api('POST', '/v1/messages', body, { 'idempotency-key': 'ticket-t5' });
    assert.equal(first.status, 201, first.text);
    const doc = clone(SCENARIOS.eventTicket) as unknown as { data: Record<string, unknown> };
    doc.data.seat_map = { type: 'string', example: 'A', missing: 'block' };
    assert.equal((await h.api('PATCH', `/v1/templates/${id}`, { document: doc })).status, 200);
    const again = await h.api('POST', '/v1/messages', body, { 'idempotency-key': 'ticket-t5' });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.id, first.body.id);
  });

  test('bad input: forged tokens, unknown actions, blocked data, conflicting fields — clear errors, nothing stored', async () => {
    const id = await createTemplate(SCENARIOS.eventTicket);
    const before = await h.api('GET', '/v1/messages?limit=200');
    const blocked = await h.api('POST', '/v1/messages', { to: TO, from: FROM, template: id, data: { holder: 'Ada' } });
    assert.equal(blocked.status, 422, blocked.text);
    assert.equal(blocked.body.code, 'PORM_RICH_DATA_BLOCKED');
    assert.ok((blocked.body.errors as Array<{ field: string }>).some((e) => e.field.startsWith('/data')));
    const literal = await h.api('POST', '/v1/messages', { to: TO, from: FROM, template: id, data: { holder: '{{ secret }}', ticket_code: 'x', event: { name: 'n', starts: '2030-01-01T00:00:00Z', venue: 'v', address: 'a', section: 's', seat: '1' } } });
    assert.equal(literal.status, 422);
    assert.equal(literal.body.code, 'PORM_TEMPLATE_LITERAL_MARKUP');
    const both = await h.api('POST', '/v1/messages', { to: TO, from: FROM, template: id, body: 'hi' });
    assert.equal(both.status, 400);
    const missing = await h.api('POST', '/v1/messages', { to: TO, from: FROM, template: 'tpl_01jzzzzzzzzzzzzzzzzzzzzzzz', data: {} });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'PORM_RICH_TEMPLATE_NOT_FOUND');
    const notObject = await h.api('POST', '/v1/messages', { to: TO, from: FROM, template: id, data: 'x' });
    assert.equal(notObject.status, 400);
    const afterList = await h.api('GET', '/v1/messages?limit=200');
    assert.equal((afterList.body.data as unknown[]).length, (before.body.data as unknown[]).length);

    const base = h.url;
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', '../../etc/passwd', 'A'.repeat(90)]) {
      const res = await fetch(`${base}/m/${encodeURIComponent(token)}`);
      assert.equal(res.status, 404, token);
      assert.match(await res.text(), /not valid/);
    }
    const msg = await send({ template: id, data: { holder: 'Ada', ticket_code: 'T4', event: { name: 'Show', starts: '2030-12-12T19:30:00Z', venue: 'Hall', address: 'Road 1', section: 'A', seat: '1' } } });
    const url = String(msg.page_url);
    assert.equal((await page(url, '/go/nope')).status, 404);
    assert.equal((await page(url, '/go/calendar')).status, 404); // calendar actions are served as .ics, not redirects
    const forged = await page(url, '/a/calendar', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(forged.status, 404);
    assert.equal(((await forged.json()) as { code: string }).code, 'PORM_RICH_ACTION_NOT_FOUND');
    const badEvent = await page(url, '/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'explode' }) });
    assert.equal(badEvent.status, 400);
    assert.equal(((await badEvent.json()) as { code: string }).code, 'PORM_RICH_EVENT_INVALID');
    const huge = await page(url, '/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'render', error: 'x'.repeat(20_000) }) });
    assert.equal(huge.status, 413);
  });
});

describe('rich messages: rough edges a newcomer hit (issue #10)', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; }, RICH_ENV);
  const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
  const HEADLESS_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';

  const sendTo = async (to: string, template: string) => {
    const res = await h.api('POST', '/v1/messages', { to, from: FROM, template, data: { patient: 'Ada', appt: clone(SCENARIOS.clinicReminder.data!.appt!.example) } });
    assert.equal(res.status, 201, res.text);
    return { id: String(res.body.id), channel: String(res.body.channel), pageUrl: String(res.body.page_url) };
  };
  const reportRender = async (pageUrl: string, userAgent: string, extra: Record<string, unknown>) => {
    const res = await fetch(`${pageUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ kind: 'render', ok: true, duration_ms: 12, revision: 1, capabilities: { calendar: true }, ...extra }) });
    assert.ok(res.status < 300, String(res.status));
  };

  test('a headless browser, a scanner or a report without navigator.webdriver leaves the phone on MMS', async () => {
    const tpl = await h.api('POST', '/v1/templates', { document: SCENARIOS.clinicReminder });
    const template = String(tpl.body.id);
    const to = '+14155550301';
    const first = await sendTo(to, template);
    assert.equal(first.channel, 'mms');
    await reportRender(first.pageUrl, HEADLESS_UA, { webdriver: false });
    await reportRender(first.pageUrl, 'facebookexternalhit/1.1', { webdriver: false });
    await reportRender(first.pageUrl, PHONE_UA, { webdriver: true });
    await reportRender(first.pageUrl, PHONE_UA, {});
    assert.equal((await sendTo(to, template)).channel, 'mms', 'no report proved the phone');
    const renders = ((await h.api('GET', `/v1/messages/${first.id}/interactions`)).body.data as Array<{ kind: string; data: Record<string, unknown> }>)
      .filter((e) => e.kind === 'render').map((e) => e.data.phone_not_learned);
    assert.deepEqual(renders, ['automated_user_agent', 'automated_user_agent', 'automation', 'automation']);
  });

  test('a render from a phone browser that is not automated switches the number to the porm form', async () => {
    const tpl = await h.api('POST', '/v1/templates', { document: SCENARIOS.clinicReminder });
    const template = String(tpl.body.id);
    const to = '+14155550302';
    const first = await sendTo(to, template);
    await reportRender(first.pageUrl, PHONE_UA, { webdriver: false });
    assert.equal((await sendTo(to, template)).channel, 'porm');
  });

  test('directions: true leads to OpenStreetMap directions to the place, not a search', async () => {
    const tpl = await h.api('POST', '/v1/templates', { document: SCENARIOS.clinicReminder });
    const msg = await sendTo('+14155550303', String(tpl.body.id));
    const html = await (await fetch(msg.pageUrl)).text();
    const href = /href="([^"]+)"[^>]*data-porm-kind="show_on_map"/.exec(html)?.[1];
    assert.ok(href, 'the map links through porm');
    const go = await fetch(new URL(href, msg.pageUrl), { redirect: 'manual' });
    assert.equal(go.status, 302);
    assert.equal(go.headers.get('location'), 'https://www.openstreetmap.org/directions?to=1%20Main%20St%2C%20Springfield');
  });

  test('the NPS survey: 0–10, one submit button, and the loyal variant keeps the survey', async () => {
    const tpl = await h.api('POST', '/v1/templates', { document: survey });
    for (const [to, orders] of [['+14155550304', 2], ['+14155550305', 7]] as const) {
      const res = await h.api('POST', '/v1/messages', { to, from: FROM, template: String(tpl.body.id), data: { first_name: 'Ada', orders } });
      assert.equal(res.status, 201, res.text);
      const url = String(res.body.page_url);
      const html = await (await fetch(url)).text();
      assert.equal(html.split('<button type="submit"').length - 1, 1, `one submit button (orders ${orders})`);
      assert.ok(html.includes('value="0"') && html.includes('id="porm-nps:score:10"'), 'the rating goes 0–10');
      assert.equal(html.includes('one of our best customers'), orders > 5);
      const post = (body: unknown) => fetch(`${url}/f/nps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post({ score: '11' })).status, 422);
      assert.equal((await post({ score: '0' })).status, 201);
    }
  });

  test('a second answer to a one-answer form says it was already answered (page and code)', async () => {
    const tpl = await h.api('POST', '/v1/templates', { document: survey });
    const res = await h.api('POST', '/v1/messages', { to: '+14155550306', from: FROM, template: String(tpl.body.id), data: { first_name: 'Bo', orders: 1 } });
    const url = String(res.body.page_url);
    const form = (body: string) => fetch(`${url}/f/nps`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal((await form('score=9')).status, 303);
    const again = await form('score=3');
    assert.equal(again.status, 409);
    const page = await again.text();
    assert.match(page, /<h1>You have already answered<\/h1>/);
    assert.ok(page.includes('PORM_RICH_FORM_ALREADY_ANSWERED'));
    assert.ok(!page.includes('Something went wrong'));
    assert.ok(page.includes(`<a href="${new URL(url).pathname}">Back to the message</a>`));
    const json = await fetch(`${url}/f/nps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: '3' }) });
    assert.equal(json.status, 409);
    assert.equal(((await json.json()) as { code: string }).code, 'PORM_RICH_FORM_ALREADY_ANSWERED');
    const answers = await h.api('GET', `/v1/messages/${String(res.body.id)}/answers`);
    assert.deepEqual((answers.body.data as Array<{ answers: unknown }>).map((a) => a.answers), [{ score: 9, contact_me: false }]);
  });
});
