import { after, afterEach, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SCENARIOS } from '../src/rich/format/scenarios.ts';
import { survey } from '../src/rich/format/examples.ts';
import { eventually, withHarness, type Harness } from './helpers/harness.ts';
import { RICH_ENV, startScenarioSender, type SenderEndpoint } from './helpers/postback-server.ts';
import { noiseJpeg } from './helpers/images.ts';

// The hosted message page (/m/{token}) served by a real porm, driven by real Chromium: the device
// assembler renders, wires postbacks and forms, follows live revisions and reports back; the same
// page also works with script disabled. test/rich-messages.test.ts covers the same page over plain HTTP.
// page.evaluate gets strings, not functions: tsx compiles this file and may add helpers to
// functions that do not exist in the page (and the test tsconfig has no DOM types).

const CHROMIUM = '/usr/bin/chromium';
const noChromium = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;
const FROM = '+14155550199';
const WAIT = { timeout: 10_000 };
const READY = 'porm-message[data-porm-ready="true"]';
// A phone's browser: a mobile user agent, and navigator.webdriver false as on a phone (Playwright's
// automated Chromium says true, and its headless user agent says HeadlessChrome: porm learns no phone from it).
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const NOT_AUTOMATED = "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });";
const CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

/**
 * Polls a page expression until it is true. Not page.waitForFunction: its polling evals the string
 * inside the page, which porm's CSP (no 'unsafe-eval') rightly refuses.
 */
const until = (page: Page, expression: string, what: string): Promise<true> =>
  eventually(async () => ((await page.evaluate(expression)) === true ? true : undefined), WAIT.timeout, what);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const clinicData = (patient: string) => ({ patient, appt: { start: '2030-12-02T15:00:00Z', end: '2030-12-02T15:30:00Z', doctor: 'Dr. Osei', clinic: 'Main St Clinic', address: '1 Main St, Springfield', phone: '+15551234567', booking: 'BK-1042' } });
const ticketData = (holder: string) => ({ holder, ticket_code: 'TKT-7F3A-9921', event: { name: 'Night of Engines', starts: '2030-12-12T19:30:00Z', venue: 'Analytical Hall', address: '12 Babbage Rd, London', section: 'B', seat: '14' } });

interface Interaction { kind: string; revision: number; ok: boolean | null; action_id: string | null }
interface Answer { form_id: string; answers: Record<string, unknown> }
interface Sent { id: string; channel: string; pageUrl: string; token: string }

/** One page in its own browser context, with what went wrong on it recorded. */
interface Opened {
  page: Page;
  consoleErrors: string[];
  dialogs: string[];
  requests: string[];
  /** CSP violations recorded by the init script (empty with script disabled: the console has them then). */
  cspViolations(): Promise<string[]>;
  /** No console error, page error or CSP violation so far. */
  assertClean(): Promise<void>;
}

describe('hosted message page in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let sender: SenderEndpoint;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  // Registered before withHarness: after() hooks run in order, so the browser (and its open
  // EventSource connections) goes away before porm closes.
  after(async () => {
    await browser?.close();
    await sender?.stop();
  });
  withHarness((harness) => { h = harness; }, RICH_ENV);

  before(async () => {
    ({ sender } = await startScenarioSender(h.api, await noiseJpeg(640, 360), ['rich.postback']));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  const createTemplate = async (document: unknown): Promise<string> => {
    const res = await h.api('POST', '/v1/templates', { document });
    assert.equal(res.status, 201, res.text);
    return String(res.body.id);
  };
  const send = async (to: string, body: Record<string, unknown>): Promise<Sent> => {
    const res = await h.api('POST', '/v1/messages', { to, from: FROM, ...body });
    assert.equal(res.status, 201, res.text);
    const pageUrl = String(res.body.page_url);
    return { id: String(res.body.id), channel: String(res.body.channel), pageUrl, token: new URL(pageUrl).pathname.split('/')[2]! };
  };
  const interactions = async (id: string): Promise<Interaction[]> => (await h.api('GET', `/v1/messages/${id}/interactions`)).body.data as Interaction[];
  const answers = async (id: string): Promise<Answer[]> => (await h.api('GET', `/v1/messages/${id}/answers`)).body.data as Answer[];
  const rendered = (id: string, revision: number): Promise<Interaction> => eventually(async () =>
    (await interactions(id)).find((e) => e.kind === 'render' && e.ok === true && e.revision === revision), 10_000, `a render report of revision ${revision}`);

  const open = async (url: string, opts: { javaScriptEnabled?: boolean; phone?: boolean } = {}): Promise<Opened> => {
    const context = await browser!.newContext({ locale: 'en-US', viewport: { width: 390, height: 800 }, javaScriptEnabled: opts.javaScriptEnabled ?? true,
      ...(opts.phone ? { userAgent: PHONE_UA } : {}) });
    contexts.push(context);
    if (opts.phone) await context.addInitScript({ content: NOT_AUTOMATED });
    // Init scripts run through the DevTools protocol, outside the page's CSP.
    await context.addInitScript({ content: CSP_RECORDER });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    const js = opts.javaScriptEnabled ?? true;
    const cspViolations = async (): Promise<string[]> => (js ? (await page.evaluate('window.__csp ?? []')) as string[] : []);
    await page.goto(url);
    if (js) await page.waitForSelector(READY, WAIT);
    return {
      page, consoleErrors, dialogs, requests, cspViolations,
      async assertClean() {
        assert.deepEqual(await cspViolations(), [], 'no CSP violations');
        assert.deepEqual(consoleErrors, [], 'no console errors');
      },
    };
  };

  /** Image alts, labels of visible form controls and heading levels inside the message. */
  const accessibility = async (page: Page): Promise<{ noAlt: string[]; unlabelled: string[]; headings: number[] }> => page.evaluate(`({
    noAlt: [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).map((i) => i.outerHTML),
    unlabelled: [...document.querySelectorAll('porm-message input, porm-message select, porm-message textarea')]
      .filter((c) => c.type !== 'hidden' && c.checkVisibility() && !(c.labels && c.labels.length > 0)).map((c) => c.outerHTML),
    headings: [...document.querySelectorAll('porm-message h1, porm-message h2, porm-message h3, porm-message h4, porm-message h5, porm-message h6')]
      .map((e) => Number(e.tagName.slice(1))),
  })`);

  test('clinic reminder: renders, confirm and cancel postbacks answer, links, live revision without reload', async () => {
    const templateId = await createTemplate(SCENARIOS.clinicReminder);
    const msg = await send('+14155550101', { template: templateId, data: clinicData('Grace') });
    const { page, dialogs, assertClean } = await open(msg.pageUrl);

    await page.getByRole('heading', { name: 'Appointment reminder' }).waitFor(WAIT);
    assert.match(await page.locator('porm-message p.porm-text').first().innerText(), /Hi Grace, you see Dr\. Osei on .+ \(UTC\) at Main St Clinic\./);
    await rendered(msg.id, 1);

    const postbackForm = (label: string) => page.locator('form.porm-postback', { has: page.getByRole('button', { name: label, exact: true }) });
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await postbackForm('Confirm').locator('p.porm-answer').filter({ hasText: 'See you then!' }).waitFor(WAIT);
    assert.deepEqual(dialogs, [], 'Confirm asks nothing');
    // The answer takes its own line under the whole row: the Confirm button keeps its size, beside Reschedule.
    const box = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!;
    const confirmBox = await box(page.getByRole('button', { name: 'Confirm', exact: true }));
    const rescheduleBox = await box(page.getByRole('link', { name: 'Reschedule' }));
    const answerBox = await box(postbackForm('Confirm').locator('p.porm-answer'));
    const rowBox = await box(page.locator('porm-message .porm-row', { has: page.getByRole('link', { name: 'Reschedule' }) }));
    assert.equal(Math.round(confirmBox.y), Math.round(rescheduleBox.y), 'side by side');
    assert.equal(Math.round(confirmBox.height), Math.round(rescheduleBox.height), 'the row is not stretched');
    assert.ok(confirmBox.height < 60, `the button stays one line high (${confirmBox.height})`);
    assert.ok(answerBox.y >= confirmBox.y + confirmBox.height, 'the answer is below the buttons');
    assert.ok(answerBox.width > rowBox.width * 0.9, `the answer spans the row (${answerBox.width} of ${rowBox.width})`);

    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await postbackForm('Cancel appointment').locator('p.porm-answer').filter({ hasText: 'See you then!' }).waitFor(WAIT);
    assert.deepEqual(dialogs, ['Cancel your appointment?']);
    // The synchronous postback (docs/rich-messages.md#actions): data.payload at the top of data.
    const asked = () => sender.events('rich.postback').filter((e) => e.data.message_id === msg.id);
    assert.deepEqual(asked().filter((e) => 'payload' in e.data).map((e) => e.data.payload).sort(), ['cancel', 'confirm']);

    const calendar = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    assert.ok(calendar?.endsWith('/ics/calendar'), String(calendar));
    assert.equal(await page.getByRole('link', { name: 'Reschedule' }).getAttribute('href'), `/m/${msg.token}/go/reschedule`);

    // A revision while the page is open: the live stream tells the page, which re-renders in place.
    await page.evaluate('window.__sameDocument = true');
    const revised = clone(SCENARIOS.clinicReminder) as unknown as { components: Array<Record<string, unknown>> };
    revised.components[0]!.text = 'Your appointment reminder';
    const patch = await h.api('PATCH', `/v1/templates/${templateId}`, { document: revised, note: 'clearer heading' });
    assert.equal(patch.status, 200, patch.text);
    await page.getByRole('heading', { name: 'Your appointment reminder' }).waitFor(WAIT);
    await page.waitForSelector('porm-message[data-porm-revision="2"]', WAIT);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'no reload');
    // The answers given before the revision are still shown.
    await postbackForm('Confirm').locator('p.porm-answer').filter({ hasText: 'See you then!' }).waitFor(WAIT);
    await rendered(msg.id, 2);
    await assertClean();

    // One rich.postback per press: the synchronous call is the webhook; nothing is queued after it.
    await new Promise((r) => setTimeout(r, 500));
    const deliveries = asked();
    assert.equal(deliveries.length, 2, `one rich.postback per press, got ${JSON.stringify(deliveries, null, 1)}`);
  });

  test('weekend sale: French euros, the hero through porm, the app deep link; a headless open does not teach porm the phone, a phone does', async () => {
    const to = '+14155550102';
    const doc = clone(SCENARIOS.weekendSale) as unknown as { components: Array<Record<string, unknown>> };
    doc.components[0]!.url = `${sender.url}/sale/{{ category | url_encode }}.jpg`;
    const templateId = await createTemplate(doc);
    const data = { first_name: 'Ada', category: 'sneakers', price: 49.99, currency: 'EUR', locale: 'fr-FR', sale_ends: '2030-01-01T00:00:00Z' };
    const msg = await send(to, { template: templateId, data });
    assert.equal(msg.channel, 'mms', 'a phone porm knows nothing about gets the MMS form');
    // A headless open (a link scanner, a preview bot running script) renders but proves nothing.
    const headless = await open(msg.pageUrl);
    await rendered(msg.id, 1);
    assert.equal(await headless.page.evaluate('navigator.webdriver'), true);
    assert.equal((await send(to, { template: templateId, data, channel: 'auto' })).channel, 'mms', 'a headless open does not flip the number to porm');
    const { page, assertClean } = await open(msg.pageUrl, { phone: true });
    assert.equal(await page.evaluate('navigator.webdriver'), false);

    const price = await page.locator('porm-message [data-porm-key="price"]').innerText();
    assert.match(price, /49,99[\s\u00a0\u202f]€/u, price);

    const hero = page.locator('porm-message [data-porm-key="hero"] img');
    assert.match(String(await hero.getAttribute('src')), new RegExp(`^/m/${msg.token}/img/hero\\?w=\\d+$`));
    assert.equal(await hero.getAttribute('alt'), 'Weekend sale on sneakers');
    await until(page, `(() => { const i = document.querySelector('porm-message [data-porm-key="hero"] img'); return i !== null && i.complete && i.naturalWidth > 0; })()`, 'the hero image to load');
    assert.match(String(await page.evaluate(`document.querySelector('porm-message [data-porm-key="hero"] img').currentSrc`)), new RegExp(`/m/${msg.token}/img/hero\\?w=\\d+$`));

    const shop = page.getByRole('link', { name: 'Shop now' });
    assert.ok(String(await shop.getAttribute('data-porm-deeplink')).startsWith('shopapp://'), String(await shop.getAttribute('data-porm-deeplink')));
    assert.equal(await shop.getAttribute('href'), `/m/${msg.token}/go/shop`);

    await eventually(async () => ((await interactions(msg.id)).filter((e) => e.kind === 'render' && e.ok === true).length >= 2 ? true : undefined), 10_000, 'the phone\'s render report');
    // The phone rendered a porm message in a real browser: from now on porm sends it the porm form.
    const next = await send(to, { template: templateId, data, channel: 'auto' });
    assert.equal(next.channel, 'porm');
    await assertClean();
  });

  test('event ticket: the QR code loads with a meaningful alt, the countdown shows', async () => {
    const msg = await send('+14155550103', { template: await createTemplate(SCENARIOS.eventTicket), data: ticketData('Ada Lovelace') });
    const { page, assertClean } = await open(msg.pageUrl);
    await page.getByRole('heading', { name: 'Night of Engines' }).waitFor(WAIT);
    const qr = page.locator('porm-message img.porm-code-img');
    assert.equal(await qr.getAttribute('src'), `/m/${msg.token}/code/ticket.svg`);
    assert.equal(await qr.getAttribute('alt'), 'Ticket QR code for Ada Lovelace');
    await until(page, `(() => { const i = document.querySelector('porm-message img.porm-code-img'); return i !== null && i.complete && i.naturalWidth > 0; })()`, 'the QR code to load');
    assert.equal(await page.locator('porm-message figcaption.porm-code-caption').innerText(), 'TKT-7F3A-9921');
    const countdown = await page.locator('porm-message .porm-countdown').innerText();
    assert.match(countdown, /^Doors open in \d+ d( \d+ h)?$/, countdown);
    await assertClean();
  });

  test('survey form: native validation blocks an empty rating, then the answer is sent and thanked', async () => {
    const msg = await send('+14155550104', { template: await createTemplate(survey), data: { first_name: 'Ada', orders: 2 } });
    const { page, assertClean } = await open(msg.pageUrl);
    const form = page.locator('porm-message form.porm-form');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    assert.equal(await page.locator('input[name="score"]:invalid').count(), 11, 'the required 0–10 rating is invalid');
    assert.equal(await page.locator('porm-message button').count(), 1, 'one submit button');
    assert.equal(await page.locator('input[name="score"]:focus').count(), 1, 'native validation focuses it');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await answers(msg.id), [], 'nothing reached porm');

    await page.getByLabel('0 of 10', { exact: true }).check();
    await page.getByLabel('Delivery speed').check();
    await page.getByLabel('Support').check();
    await page.getByLabel('Anything else?').fill('Quick delivery');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await form.locator('p[role="status"]').filter({ hasText: 'Thanks, your answer was received.' }).waitFor(WAIT);
    assert.equal(await form.locator('input').count(), 0, 'the inputs give way to the status');
    const given = await answers(msg.id);
    assert.equal(given.length, 1);
    assert.equal(given[0]!.form_id, 'nps');
    assert.deepEqual(given[0]!.answers, { score: 0, reason: 'speed', topics: ['support'], comment: 'Quick delivery', contact_me: false });
    await assertClean();
  });

  test('without JavaScript: the page shows the message, postbacks and the form work by POST', async () => {
    const clinic = await send('+14155550105', { template: await createTemplate(SCENARIOS.clinicReminder), data: clinicData('Bo') });
    const opened = await open(clinic.pageUrl, { javaScriptEnabled: false });
    const { page } = opened;
    await page.getByRole('heading', { name: 'Appointment reminder' }).waitFor(WAIT);
    assert.equal(await page.locator(READY).count(), 0, 'the assembler did not run');
    assert.match(await page.locator('porm-message').innerText(), /Hi Bo, you see Dr\. Osei/);

    await Promise.all([page.waitForURL(clinic.pageUrl, WAIT), page.getByRole('button', { name: 'Confirm', exact: true }).click()]);
    await page.locator('form.porm-postback p.porm-answer').filter({ hasText: 'See you then!' }).waitFor(WAIT);

    // A postback with a confirmation question is a page of its own without script.
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByRole('heading', { name: 'Cancel your appointment?' }).waitFor(WAIT);
    await Promise.all([page.waitForURL(clinic.pageUrl, WAIT), page.getByRole('button', { name: 'Yes' }).click()]);
    assert.equal(await page.locator('form.porm-postback p.porm-answer').filter({ hasText: 'See you then!' }).count(), 2);
    assert.deepEqual(opened.dialogs, []);

    const form = await send('+14155550105', { template: await createTemplate(survey), data: { first_name: 'Bo', orders: 1 } });
    await page.goto(form.pageUrl);
    await page.getByLabel('9 of 10').check();
    await page.getByLabel('The app').check();
    await page.getByLabel('You may contact me').check();
    await Promise.all([page.waitForURL(form.pageUrl, WAIT), page.getByRole('button', { name: 'Send', exact: true }).click()]);
    await page.locator('porm-message .porm-form.porm-answered p[role="status"]').filter({ hasText: 'Thanks, your answer was received.' }).waitFor(WAIT);
    assert.equal(await page.locator('porm-message input').count(), 0);
    const given = await answers(form.id);
    assert.deepEqual(given.map((a) => a.answers), [{ score: 9, topics: ['app'], contact_me: true }]);
    // Every page porm serves (the confirmation page too) declares an empty icon, so no /favicon.ico 404 is logged.
    assert.deepEqual(opened.consoleErrors, [], 'no console errors (CSP violations included)');
  });

  test('CSP: markup in the data is shown as text and never runs', async (t: TestContext) => {
    const holder = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const msg = await send('+14155550106', { template: await createTemplate(SCENARIOS.eventTicket), data: ticketData(holder) });
    const { page, requests, consoleErrors, cspViolations } = await open(msg.pageUrl);
    await page.locator('porm-message dd').filter({ hasText: holder }).waitFor(WAIT);
    assert.equal(await page.locator('porm-message dd', { hasText: holder }).innerText(), holder, 'the text exactly as given');
    assert.equal(await page.locator('porm-message img.porm-code-img').getAttribute('alt'), `Ticket QR code for ${holder}`);
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    assert.equal(await page.locator('porm-message script, img[src="x"]').count(), 0, 'no element was injected');
    assert.equal(await page.evaluate('document.scripts.length'), 1, 'only porm-message.js');
    assert.ok(!requests.some((u) => new URL(u).pathname.endsWith('/x')), 'the injected image was never requested');
    // Recorded, not asserted: with escaping there is nothing for the policy to block.
    t.diagnostic(`CSP violations: ${JSON.stringify(await cspViolations())}; console errors: ${JSON.stringify(consoleErrors)}`);
  });

  test('accessibility smoke: image alts, labelled controls, headings from h2', async () => {
    const saleDoc = clone(SCENARIOS.weekendSale) as unknown as { components: Array<Record<string, unknown>> };
    saleDoc.components[0]!.url = `${sender.url}/sale/{{ category | url_encode }}.jpg`;
    const to = '+14155550107';
    const pages = [
      { name: 'clinic', msg: await send(to, { template: await createTemplate(SCENARIOS.clinicReminder), data: clinicData('Cy') }), first: 2 },
      { name: 'sale', msg: await send(to, { template: await createTemplate(saleDoc), data: { category: 'sneakers', price: 10, sale_ends: '2030-01-01T00:00:00Z' } }), first: 2 },
      { name: 'ticket', msg: await send(to, { template: await createTemplate(SCENARIOS.eventTicket), data: ticketData('Cy') }), first: 2 },
      // The survey's author chose heading level 2, which the page shows as h3 (level 1 is h2).
      { name: 'survey', msg: await send(to, { template: await createTemplate(survey), data: { first_name: 'Cy', orders: 1 } }), first: 3 },
    ];
    for (const p of pages) {
      const { page, assertClean } = await open(p.msg.pageUrl);
      const found = await accessibility(page);
      assert.deepEqual(found.noAlt, [], `${p.name}: every image has an alt`);
      assert.deepEqual(found.unlabelled, [], `${p.name}: every control has a label`);
      assert.ok(found.headings.length > 0, `${p.name}: has a heading`);
      assert.equal(found.headings[0], p.first, `${p.name}: first heading level`);
      assert.ok(found.headings.every((l) => l >= 2), `${p.name}: no h1 inside the message (${found.headings.join(',')})`);
      if (p.name === 'survey') {
        const controls = (await page.evaluate("document.querySelectorAll('porm-message input').length")) as number;
        assert.ok(controls >= 15, `the survey's controls were checked (${controls})`);
      }
      await assertClean();
    }
  });
});
