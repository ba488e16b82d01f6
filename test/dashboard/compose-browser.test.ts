// Compose in Debian's Chromium (playwright-core): the owner signs in, writes a message with an
// image, sees what each carrier profile would send, sends it, and watches it reach `delivered` on
// its page without a reload; the page shows the MMS slideshow and the SMS bubbles, a templated
// message shows its porm page too. axe-core passes, nothing breaks the CSP, no script error.
// PORM_SCREENSHOTS=1 writes docs/images/dashboard-compose.png and dashboard-message-previews.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { assertAccessible, launchChromium, noChromium, signInOwner, watchedPage, type Watched } from '../helpers/dashboard-browser.ts';
import { noiseJpeg } from '../helpers/images.ts';
import { appointment } from '../../src/rich/format/examples.ts';

const SENDER = '+14155550199';
const SHOTS = process.env.PORM_SCREENSHOTS === '1';
const shot = async (w: Watched, name: string): Promise<void> => {
  if (!SHOTS) return;
  mkdirSync('docs/images', { recursive: true });
  await w.page.screenshot({ path: `docs/images/${name}.png`, fullPage: true });
};

describe('dashboard compose in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let w: Watched;

  after(async () => { await browser?.close(); });
  // Delivery takes a few seconds, so the message page is open before the message is delivered.
  withHarness((harness) => { h = harness; }, { PORM_SANDBOX_DELIVERY_DELAY_MS: '2500' });
  before(async () => {
    browser = await launchChromium();
    w = await watchedPage(browser);
    await h.porm.services.numbers.create(h.porm.bootstrap.accountId, { number: SENDER });
    await signInOwner(h, w.page);
  });

  const clean = async (): Promise<void> => {
    await assertAccessible(w.page);
    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.dialogs, []);
  };

  it('composes a message with an image, previews its fitting, sends it and watches it reach delivered live', async () => {
    const { page } = w;
    await page.goto(`${h.url}/dashboard/compose`);
    await clean();
    await page.fill('#to', '+14155550100');
    await page.selectOption('#sender', SENDER);
    await page.fill('#body', 'Your table for 4 is ready — see you at 8!');
    // Choosing the file attaches it (compose-attach.js): the fitting preview comes back without a button.
    await page.setInputFiles('#file', { name: 'table.jpg', mimeType: 'image/jpeg', buffer: await noiseJpeg(800, 600) });
    await page.waitForSelector('#fit-heading');
    assert.equal(await page.inputValue('#body'), 'Your table for 4 is ready — see you at 8!', 'what was typed stays');
    assert.equal(await page.textContent('#fit-heading'), 'What each carrier profile would send');
    assert.match(await page.textContent('.fit') ?? '', /us-600k[\s\S]*image\/jpeg 800×600/);
    assert.equal(await page.locator('.compose-attached li').count(), 1);
    await clean();
    await shot(w, 'dashboard-compose');

    await Promise.all([page.waitForURL(/\/dashboard\/messages\/msg_[A-Za-z0-9]+$/), page.click('button[value=send]')]);
    const status = page.locator('#live .status');
    const first = await status.textContent();
    assert.notEqual(first, 'delivered', 'the page opened before delivery');
    // Marks this document: a reload would lose the mark.
    await page.evaluate('window.__samePage = true');
    await page.waitForSelector('#live .status.status-delivered', { timeout: 30_000 });
    assert.equal(await page.evaluate('window.__samePage === true'), true, 'reached delivered without a reload');
    assert.equal(await status.getAttribute('class'), 'status status-delivered');
    assert.ok((await page.locator('.timeline li strong').allTextContents()).includes('delivered'));
    await clean();

    // Reopened after sending, the MMS preview shows what was fitted and sent.
    await page.reload();
    assert.match(await page.textContent('#preview-mms figcaption') ?? '', /MMS slideshow: profile us-600k, [\d.]+ KB of 600\.0 KB/);
    assert.equal(await page.locator('#preview-mms .compose-slide img').count(), 1);
    assert.equal(await page.evaluate("document.querySelector('#preview-mms .compose-slide img').naturalWidth"), 800, 'the image sent is shown');
    assert.match(await page.textContent('#preview-sms figcaption') ?? '', /SMS: 1 segment \(UCS-2\)/);
    assert.equal(await page.textContent('#preview-sms .compose-sms-bubble'), 'Your table for 4 is ready — see you at 8!');
    assert.match(await page.textContent('#preview-porm') ?? '', /no porm page/);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    await clean();
  });

  it('shows a templated message\'s porm page in a phone frame beside its MMS and SMS forms', async () => {
    const { page } = w;
    const template = await h.porm.services.rich.templates.create(h.porm.bootstrap.accountId, { document: appointment, name: 'appointment' });
    await page.goto(`${h.url}/dashboard/compose`);
    await page.fill('#to', '+14155550100');
    await page.selectOption('#sender', SENDER);
    await page.selectOption('#template', template.id);
    await page.fill('#data', JSON.stringify({ patient: 'Ada', appt: appointment.data!.appt!.example }));
    await Promise.all([page.waitForURL(/\/dashboard\/messages\/msg_[A-Za-z0-9]+$/), page.click('button[value=send]')]);
    await page.waitForSelector('#live .status.status-delivered', { timeout: 30_000 });
    await page.reload();
    const screen = page.locator('#preview-porm .porm-screen');
    assert.match(await screen.textContent() ?? '', /Hi Ada, see you/);
    assert.equal(await page.evaluate("document.querySelector('#preview-porm .porm-screen').inert"), true, 'the preview cannot answer for the recipient');
    // The page's own stylesheet applies: its buttons are the porm page's.
    assert.equal(await page.evaluate("getComputedStyle(document.querySelector('#preview-porm .porm-btn')).minHeight"), '44px');
    assert.ok(await page.locator('#preview-sms .compose-sms-bubble').count() >= 1);
    await clean();
    await shot(w, 'dashboard-message-previews');
  });

  it('fits a phone: the compose page and a message page do not scroll sideways at 390 px', async () => {
    const phone = await watchedPage(browser!, { width: 390, height: 844 });
    await phone.page.goto(`${h.url}/dashboard/login`);
    await phone.page.fill('input[name=email]', 'owner@example.com');
    await phone.page.fill('input[name=password]', 'correct horse battery staple');
    await Promise.all([phone.page.waitForURL(`${h.url}/dashboard`), phone.page.press('input[name=password]', 'Enter')]);
    for (const path of ['/dashboard/compose', new URL(w.page.url()).pathname]) {
      await phone.page.goto(`${h.url}${path}`);
      assert.equal(await phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, `${path} scrolls sideways`);
    }
    assert.deepEqual(phone.errors, []);
    await phone.context.close();
  });
});
