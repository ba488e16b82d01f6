// The overview and the developers' pages in Debian's Chromium: the charts are drawn (uPlot's
// canvases) from the tables under them, under the strict CSP and with axe-core's WCAG check
// passing, on a desktop and a phone-sized screen; the developers' pages pass the same checks.
// PORM_SCREENSHOTS=1 writes docs/images/dashboard-overview.png and dashboard-developers.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { waitForStatus, withHarness, type Harness } from '../helpers/harness.ts';
import { assertAccessible, launchChromium, noChromium, signInOwner, watchedPage, type Watched } from '../helpers/dashboard-browser.ts';
import { syntheticMessage } from '../../bench/support/synthetic-messages.ts';

const SCREENSHOTS = process.env.PORM_SCREENSHOTS === '1';

describe('dashboard overview in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let w: Watched;
  withHarness((harness) => { h = harness; });
  before(async () => {
    const now = h.porm.services.clock.now();
    const o = { accountId: h.porm.bootstrap.accountId, endAt: now - 60_000, stepMs: 20 * 60_000, count: 900 };
    await h.porm.services.store.write(async (tx) => {
      for (let i = 0; i < o.count; i++) await tx.insertInto('messages').values(syntheticMessage(i, o).message).execute();
    });
    const refused = await h.api('POST', '/v1/messages', { to: '+15005550001', from: '+14155550199', body: 'refused' });
    await waitForStatus(h, String(refused.body.id), 'failed');
    browser = await launchChromium();
    w = await watchedPage(browser);
    await signInOwner(h, w.page);
  });
  after(async () => { await browser?.close(); });

  it('draws the charts from their tables, passes axe-core and breaks no CSP rule', async () => {
    await w.page.goto(`${h.url}/dashboard`);
    await w.page.waitForSelector('[data-chart-for="volume"] canvas');
    await w.page.waitForSelector('[data-chart-for="failures"] canvas');
    const legends = await w.page.locator('[data-chart-for="failures"] .u-legend .u-label').allTextContents();
    const headers = await w.page.locator('#failures thead th[data-series]').allTextContents();
    assert.deepEqual(legends.slice(1), headers, 'one line per error code of the table');
    assert.ok(headers.length > 0);
    const size = await w.page.locator('[data-chart-for="volume"] canvas').boundingBox();
    assert.ok(size && size.width > 200 && size.height > 100, JSON.stringify(size));
    await assertAccessible(w.page);
    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(w.errors, []);
    if (SCREENSHOTS) await w.page.screenshot({ path: 'docs/images/dashboard-overview.png', fullPage: true });
  });

  it('fits a phone: the charts shrink to the screen and nothing scrolls sideways', async () => {
    await w.page.setViewportSize({ width: 390, height: 844 });
    await w.page.goto(`${h.url}/dashboard`);
    await w.page.waitForSelector('[data-chart-for="volume"] canvas');
    assert.equal(await w.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true);
    const width = (await w.page.locator('[data-chart-for="volume"] canvas').boundingBox())?.width ?? 0;
    assert.ok(width <= 390, String(width));
    await assertAccessible(w.page);
    assert.deepEqual(await w.cspViolations(), []);
    await w.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the developers\' pages accessibly, with a key made from the keyboard shown once', async () => {
    await h.porm.services.webhooks.create(h.porm.bootstrap.accountId, { url: 'https://hooks.example.com/porm', description: 'Order updates' });
    for (const path of ['/dashboard/developers', '/dashboard/developers/webhooks', '/dashboard/developers/twilio']) {
      await w.page.goto(`${h.url}${path}`);
      await assertAccessible(w.page);
      assert.deepEqual(await w.cspViolations(), [], path);
    }
    await w.page.goto(`${h.url}/dashboard/developers/keys`);
    await w.page.focus('#name');
    await w.page.keyboard.type('CI deploys');
    await Promise.all([w.page.waitForLoadState('load'), w.page.keyboard.press('Enter')]);
    await w.page.waitForSelector('.dev-secret-value');
    assert.match(await w.page.textContent('.dev-secret-value') ?? '', /^porm_[A-Za-z0-9]{32}$/);
    await assertAccessible(w.page);
    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(w.errors, []);
    if (SCREENSHOTS) {
      await w.page.goto(`${h.url}/dashboard/developers/webhooks`);
      await w.page.screenshot({ path: 'docs/images/dashboard-developers.png', fullPage: true });
    }
  });
});
