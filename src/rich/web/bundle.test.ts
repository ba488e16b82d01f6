import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { BoundMessage } from '../bound/model.ts';
import { BASE_CSS, renderMessageHtml, themeCss } from '../render/index.ts';
import { buildAssembler } from './bundle.ts';

const CHROMIUM = '/usr/bin/chromium';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src https: http:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const BASE = '/m/tok123';
/** A second page whose instructions fail. */
const BROKEN = '/m/broken';
const WAIT = { timeout: 5_000 };

test('the device assembler bundle builds small, once, without eval', async (t) => {
  const bundle = await buildAssembler();
  assert.equal(await buildAssembler(), bundle, 'built once per process');
  assert.ok(bundle.js.includes('porm-message'), 'defines the custom element');
  assert.ok(!bundle.js.includes('eval('), 'no eval (the page CSP forbids it)');
  assert.ok(!bundle.js.includes('new Function'), 'no new Function (the page CSP forbids it)');
  assert.match(bundle.sha256, /^[0-9a-f]{64}$/);
  t.diagnostic(`porm-message.js: ${bundle.bytes} bytes raw, ${bundle.gzipBytes} bytes gzipped`);
  assert.ok(bundle.gzipBytes < 20 * 1024, `gzipped bundle is ${bundle.gzipBytes} bytes`);
});

// ---- Chromium smoke test: the real bundle on a page with porm's CSP, against a fake porm ----

const theme = { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', accentColor: '#0b5fff', onPrimaryColor: '#ffffff', font: 'system', cornerRadius: 12 };
const started = Date.now();

function message(revision: number, heading: string): BoundMessage {
  return {
    version: 1, revision, variant: null, locale: 'en', theme, quickReplies: [{ id: 'yes', label: 'Yes', payload: 'YES' }],
    components: [
      { type: 'heading', key: 'title', text: heading, level: 1 },
      // Shown only where the device reported its screen: absent from the server's HTML.
      { type: 'text', key: 'phone-only', device: { gt: { path: 'device.screen_width', value: 0 } }, runs: [{ text: 'Rendered on your phone', bold: false, italic: false, link: null }], size: 'body', align: 'start' },
      { type: 'button', key: 'confirm', label: 'Confirm booking', style: 'primary', action: { kind: 'postback', id: 'confirm', payload: 'CONFIRM', confirm: 'Confirm the booking?' } },
      { type: 'button', key: 'code', label: 'Copy', style: 'secondary', action: { kind: 'copy_code', id: 'code', code: 'SAVE20' } },
      { type: 'button', key: 'cal', label: 'Add to calendar', style: 'secondary', action: { kind: 'add_to_calendar', id: 'cal', title: 'Visit', start: '2030-01-01T10:00:00Z', end: null, location: null, description: null } },
      { type: 'button', key: 'app', label: 'Open the app', style: 'secondary', action: { kind: 'deep_link', id: 'app', url: 'porm-test-app://booking/1', fallbackUrl: 'https://example.com/booking/1' } },
      { type: 'countdown', key: 'offer', to: new Date(started + 90_000).toISOString(), label: 'Offer ends in', expiredText: 'Offer over' },
      {
        type: 'form', key: 'rsvp', id: 'rsvp', title: 'RSVP', submitLabel: 'Send', multipleAnswers: false,
        fields: [
          { kind: 'text', name: 'name', label: 'Your name', required: true, errorMessage: null, pattern: null, placeholder: null, maxLength: null },
          { kind: 'multi_choice', name: 'days', label: 'Days', required: false, errorMessage: null, options: [{ value: 'mon', label: 'Monday' }, { value: 'tue', label: 'Tuesday' }] },
          { kind: 'toggle', name: 'news', label: 'Send me news', required: false, errorMessage: null },
        ],
      },
    ],
  };
}

interface Posted {
  readonly path: string;
  readonly accept: string;
  readonly contentType: string;
  readonly body: unknown;
}

/** A fake porm: the page, the bundle, instructions, and endpoints that record what they are sent. */
class FakePorm {
  readonly posts: Posted[] = [];
  readonly streams = new Set<ServerResponse>();
  readonly missing: string[] = [];
  /** GETs of porm's /go/ redirect (the deep link's fallback). */
  readonly gets: string[] = [];
  current = message(1, 'Your booking');
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const s of this.streams) s.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  events(base = BASE): unknown[] {
    return this.posts.filter((p) => p.path === `${base}/events`).map((p) => p.body);
  }

  revise(revision: number, heading: string): void {
    this.current = message(revision, heading);
    for (const s of this.streams) s.write(`event: revision\ndata: ${JSON.stringify({ revision })}\n\n`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' }).end(body);
    };
    const json = (status: number, body: unknown, type = 'application/json'): void => send(status, type, JSON.stringify(body));
    if (req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text: the assertions then fail on the shape
      }
      this.posts.push({ path, accept: String(req.headers.accept ?? ''), contentType: String(req.headers['content-type'] ?? ''), body });
      if (path === `${BASE}/events` || path === `${BROKEN}/events` || path === `${BASE}/q/yes`) return void res.writeHead(204).end();
      if (path === `${BASE}/a/confirm`) return json(200, { answer: 'See you Tuesday', replayed: false });
      if (path === `${BASE}/f/rsvp`) {
        const name = typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined;
        if (name === 'bad') return json(422, { code: 'PORM_RICH_FORM_INVALID', detail: 'Not a name we know', errors: [{ field: '/name', code: 'PORM_RICH_FORM_INVALID', message: 'Not a name we know' }] }, 'application/problem+json');
        return json(201, { id: 'fsb_1' });
      }
      return json(404, { code: 'PORM_NOT_FOUND' }, 'application/problem+json');
    }
    // The browser asks for it on its own; a 404 would show up as a console error unrelated to the bundle.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === '/m/assets/porm-message.js') return send(200, 'text/javascript; charset=utf-8', (await buildAssembler()).js);
    if (path === '/m/assets/message.css') return send(200, 'text/css', BASE_CSS);
    if (path === `${BASE}/theme.css` || path === `${BROKEN}/theme.css`) return send(200, 'text/css', themeCss(this.current.theme));
    if (path === `${BASE}/ics/cal`) {
      return void res.writeHead(200, { 'content-type': 'text/calendar', 'content-disposition': 'attachment; filename="visit.ics"' }).end('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    }
    if (path === `${BASE}/instructions`) {
      return json(200, { revision: this.current.revision, message: this.current, answered_forms: [], postback_answers: {}, now: Date.now(), app_schemes: ['porm-test-app'] });
    }
    if (path === `${BROKEN}/instructions`) return json(500, { code: 'PORM_INTERNAL' }, 'application/problem+json');
    if (path === `${BASE}/go/app`) {
      this.gets.push(path);
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>fallback</title><p>fallback page</p>');
    }
    if (path === `${BASE}/live`) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write('retry: 1000\n\n');
      this.streams.add(res);
      res.on('close', () => this.streams.delete(res));
      return;
    }
    if (path === BASE || path === BROKEN) {
      // Server-side render as porm does without script: no device context, no app schemes.
      const html = renderMessageHtml(this.current, {}, { base: path, now: Date.now() });
      return send(200, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="/m/assets/message.css"><link rel="stylesheet" href="${path}/theme.css?r=1">
<script type="module" src="/m/assets/porm-message.js"></script></head>
<body><main><porm-message data-base="${path}" data-revision="1">${html}</porm-message></main></body></html>`);
    }
    this.missing.push(path);
    return json(404, { code: 'PORM_NOT_FOUND' }, 'application/problem+json');
  }
}

function isRender(e: unknown, revision: number): boolean {
  return typeof e === 'object' && e !== null && 'kind' in e && e.kind === 'render' && 'revision' in e && e.revision === revision;
}

async function until(what: string, check: () => boolean): Promise<void> {
  const end = Date.now() + WAIT.timeout;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const noChromium = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

describe('<porm-message> in Chromium', { skip: noChromium }, () => {
  const porm = new FakePorm();
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  let browser: Browser | undefined;
  let page: Page;
  let origin = '';
  let context: BrowserContext;

  before(async () => {
    origin = await porm.listen();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = await context.newPage();
    page.on('console', (m) => {
      // Chrome logs every 4xx response; the 422 below is provoked on purpose.
      if (m.type() === 'error' && !/status of 422/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    // Init scripts run through the DevTools protocol, outside the page's CSP.
    await page.addInitScript({ content: "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));" });
    await page.clock.install(); // lets the countdown be fast-forwarded; time still flows normally
    await page.goto(`${origin}${BASE}`);
    await page.waitForSelector('porm-message[data-porm-ready="true"]', WAIT);
  });

  after(async () => {
    await browser?.close();
    await porm.close();
  });

  test('renders for the device and reports it', async () => {
    assert.equal(await page.locator('porm-message').getAttribute('data-porm-revision'), '1');
    await page.getByText('Rendered on your phone').waitFor(WAIT); // a device rule only the phone could satisfy
    await until('render report', () => porm.events().some((e) => isRender(e, 1)));
    const report = porm.events().find((e) => isRender(e, 1)) as Record<string, unknown>;
    assert.equal(report.ok, true);
    assert.equal(typeof report.duration_ms, 'number');
    assert.equal(report.screen_width, 390);
    assert.equal(report.locale, 'en-US');
    const caps = report.capabilities as Record<string, boolean>;
    assert.deepEqual(Object.keys(caps).sort(), ['audio', 'calendar', 'clipboard', 'map', 'share', 'video', 'wallet']);
    assert.ok(Object.values(caps).every((v) => typeof v === 'boolean'), 'flat booleans');
    assert.equal(caps.clipboard, true);
    assert.equal(caps.wallet, false);
    const post = porm.posts.find((p) => p.path === `${BASE}/events`)!;
    assert.match(post.contentType, /^application\/json/);
  });

  test('postback asks for confirmation and shows the answer', async () => {
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.locator('.porm-postback p.porm-answer').filter({ hasText: 'See you Tuesday' }).waitFor(WAIT);
    assert.deepEqual(dialogs, ['Confirm the booking?']);
    const post = porm.posts.find((p) => p.path === `${BASE}/a/confirm`)!;
    assert.equal(post.accept, 'application/json');
    assert.deepEqual(post.body, {});
  });

  test('copy button is shown, copies, announces and counts the click', async () => {
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.locator('porm-message > p.porm-vh[role="status"]').filter({ hasText: 'Copied' }).waitFor({ state: 'attached', ...WAIT });
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), 'SAVE20');
    await until('copy click report', () => porm.events().some((e) => typeof e === 'object' && e !== null && 'action_id' in e && e.action_id === 'code'));
  });

  test('calendar link downloads the .ics without a beacon (porm counts the download itself)', async () => {
    const download = page.waitForEvent('download', WAIT);
    await page.getByRole('link', { name: 'Add to calendar' }).click();
    await download;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!porm.events().some((e) => typeof e === 'object' && e !== null && 'action_id' in e && e.action_id === 'cal'));
  });

  test('countdown ticks to its expired text', async () => {
    assert.match(await page.locator('.porm-countdown').innerText(), /Offer ends in \d+ min/);
    await page.clock.fastForward('02:00');
    await page.locator('.porm-countdown.porm-expired').filter({ hasText: 'Offer over' }).waitFor(WAIT);
  });

  test('a live revision re-renders, keeping what the reader typed', async () => {
    await until('live stream', () => porm.streams.size > 0);
    await page.getByLabel('Your name').fill('typed before');
    porm.revise(2, 'Your booking, updated');
    await page.getByRole('heading', { name: 'Your booking, updated' }).waitFor(WAIT);
    await page.waitForSelector('porm-message[data-porm-revision="2"]', WAIT);
    assert.equal(await page.getByLabel('Your name').inputValue(), 'typed before');
    await until('render report for revision 2', () => porm.events().some((e) => isRender(e, 2)));
  });

  test('form: native validation, server errors, then answers as JSON', async () => {
    const name = page.getByLabel('Your name');
    const send = page.getByRole('button', { name: 'Send' });
    await name.fill('');
    await send.click();
    assert.equal(await page.locator('input[name="name"]:invalid:focus').count(), 1, 'native validation stops the empty submit');
    assert.equal(porm.posts.filter((p) => p.path === `${BASE}/f/rsvp`).length, 0);

    await name.fill('bad');
    await send.click();
    await page.locator('.porm-error').filter({ hasText: 'Not a name we know' }).waitFor(WAIT);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('input[name="name"]:focus').count(), 1, 'the invalid field takes focus');

    await name.fill('Ada');
    assert.equal(await name.getAttribute('aria-invalid'), null, 'editing clears the error');
    await page.getByLabel('Tuesday').check();
    await page.getByLabel('Send me news').check();
    await send.click();
    await page.locator('form.porm-form p[role="status"]').filter({ hasText: 'Thanks, your answer was received.' }).waitFor(WAIT);
    const sent = porm.posts.filter((p) => p.path === `${BASE}/f/rsvp`);
    assert.deepEqual(sent.map((p) => p.body), [{ name: 'bad', days: [], news: false }, { name: 'Ada', days: ['tue'], news: true }]);
    assert.ok(sent.every((p) => p.contentType.startsWith('application/json') && p.accept === 'application/json'));
  });

  test('quick reply shows Sent', async () => {
    await page.getByRole('button', { name: 'Yes' }).click();
    await page.locator('.porm-quick p.porm-status').filter({ hasText: 'Sent' }).waitFor(WAIT);
    assert.ok(porm.posts.some((p) => p.path === `${BASE}/q/yes`));
  });

  test('no console errors and no CSP violations', async () => {
    assert.deepEqual(await page.evaluate('window.__csp'), []);
    assert.deepEqual(consoleErrors, [], `404s: ${porm.missing.join(', ')}`);
  });

  test('without instructions the server HTML stays and the failure is reported', async () => {
    const other = await context.newPage();
    try {
      await other.goto(`${origin}${BROKEN}`);
      await other.waitForSelector('porm-message[data-porm-ready="true"]', WAIT);
      await until('failed render report', () => porm.events(BROKEN).length > 0);
      assert.deepEqual({ ...(porm.events(BROKEN)[0] as object), duration_ms: 0 }, { kind: 'render', ok: false, duration_ms: 0, revision: 1, error: 'instructions: HTTP 500' });
      assert.equal(await other.getByRole('heading', { name: 'Your booking' }).count(), 1, 'server HTML kept');
      assert.equal(await other.getByText('Rendered on your phone').count(), 0);
      assert.equal(await other.getByRole('button', { name: 'Copy' }).isVisible(), true, 'controls are wired anyway');
    } finally {
      await other.close();
    }
  });

  // Last: it navigates away from the page.
  test('deep link tries the app, then falls back through porm', async () => {
    const link = page.getByRole('link', { name: 'Open the app' });
    assert.equal(await link.getAttribute('data-porm-deeplink'), 'porm-test-app://booking/1', 'app scheme from the instructions');
    const clicked = Date.now();
    await link.click();
    await until('fallback redirect', () => porm.gets.includes(`${BASE}/go/app`));
    assert.ok(Date.now() - clicked >= 1_400, 'the app gets its chance first');
    // No app opened, so porm's redirect is what counts this click: no beacon as well.
    assert.ok(!porm.events().some((e) => typeof e === 'object' && e !== null && 'action_id' in e && e.action_id === 'app'));
  });
});
