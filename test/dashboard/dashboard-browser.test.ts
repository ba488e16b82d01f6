// The dashboard in Debian's Chromium (playwright-core): the owner sets up their account from the
// first start's link with the keyboard alone, lands on the overview, finds a message whose body
// is hostile markup shown as text, opens it and reads its timeline; on a phone-sized screen the
// pages do not scroll sideways, and nothing breaks the Content-Security-Policy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { assertAccessible } from '../helpers/dashboard-browser.ts';

const CHROMIUM = '/usr/bin/chromium';
const noChromium = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;
const CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";
const HOSTILE = '<img src=x onerror="window.__pwned=1">Sale <b>now</b>';

describe('dashboard in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const errors: string[] = [];

  after(async () => { await browser?.close(); });
  withHarness((harness) => { h = harness; });
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript(CSP_RECORDER);
    page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  const cspViolations = async (): Promise<unknown> => page.evaluate('window.__csp');
  const noSidewaysScroll = async (): Promise<void> => {
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, `${page.url()} scrolls sideways on a phone`);
  };

  it('sets up the owner from the one-time link with the keyboard, then shows the overview', async () => {
    await page.goto(`${h.url}/dashboard/link/${h.porm.bootstrap.dashboardSetupToken!}`);
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the brand link
    await page.keyboard.press('Tab');
    await page.keyboard.type('owner@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Olive');
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct horse battery staple');
    await Promise.all([page.waitForURL(`${h.url}/dashboard`), page.keyboard.press('Enter')]);
    assert.equal(await page.textContent('h1'), 'Overview');
    assert.match(await page.textContent('header') ?? '', /owner@example\.com \(owner\)/);
    await noSidewaysScroll();
    await assertAccessible(page);
    assert.deepEqual(await cspViolations(), []);
  });

  it('lists a hostile message body as text, opens it from the keyboard and shows its timeline', async () => {
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: HOSTILE });
    assert.equal(sent.status, 201, sent.text);
    await eventually(async () => ((await h.api('GET', `/v1/messages/${String(sent.body.id)}`)).body.status === 'delivered' ? true : undefined), 30_000, 'delivered');
    await page.goto(`${h.url}/dashboard/messages`);
    assert.equal((await page.textContent('td.body'))?.trim(), HOSTILE);
    assert.equal(await page.$('td.body img'), null, 'no element made from the body');
    const link = page.locator('tbody a').first();
    await link.focus();
    await Promise.all([page.waitForURL(/\/dashboard\/messages\/msg_/), page.keyboard.press('Enter')]);
    assert.equal(await page.textContent('.bubble'), HOSTILE);
    const timeline = await page.locator('.timeline li strong').allTextContents();
    assert.deepEqual(timeline.slice(0, 2), ['accepted', 'queued']);
    assert.ok(timeline.includes('delivered'), timeline.join(' '));
    await noSidewaysScroll();
    await assertAccessible(page);
    assert.equal(await page.evaluate('window.__pwned === undefined'), true);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(), []);
  });

  it('signs out with the button and is sent to the sign-in page afterwards', async () => {
    await Promise.all([page.waitForURL(`${h.url}/dashboard/login`), page.click('.logout button')]);
    await page.goto(`${h.url}/dashboard/messages`);
    assert.equal(new URL(page.url()).pathname, '/dashboard/login');
  });
});
