// Campaigns and compliance in Debian's Chromium (playwright-core): the owner signs in, runs the
// wizard to its dry run (one contact excluded as opted out), starts the campaign and watches the
// page follow it by itself (web/dashboard/campaign-live.ts) to completed, reads its results and
// sees the uPlot chart drawn from its table; then looks a STOPped number up on the compliance
// pages. axe-core passes on every page, nothing breaks the Content-Security-Policy, nothing scrolls
// sideways on a phone. PORM_SCREENSHOTS=1 writes docs/images/dashboard-campaign.png and
// dashboard-compliance.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { assertAccessible, launchChromium, noChromium, signInOwner, watchedPage, type Watched } from '../helpers/dashboard-browser.ts';

const FROM = '+14155550199';
const STOPPED = '+14155550122';
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const screenshots = process.env.PORM_SCREENSHOTS === '1';

describe('campaigns and compliance in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let w: Watched;
  let campaignUrl = '';

  after(async () => { await browser?.close(); });
  withHarness((harness) => { h = harness; });
  before(async () => {
    browser = await launchChromium();
    w = await watchedPage(browser);
    assert.equal((await h.api('POST', '/v1/numbers', { number: FROM })).status, 201);
    const list = await h.api('POST', '/v1/lists', { name: 'Newsletter' });
    for (const [phone, name] of [['+14155550120', 'Ada'], ['+14155550121', 'Bo'], [STOPPED, 'Cy'], ['+14155550123', 'Di']] as const) {
      assert.equal((await h.api('POST', '/v1/contacts', { phone, name, lists: [String(list.body.id)] })).status, 201);
    }
    assert.equal((await h.api('POST', '/v1/sandbox/inbound', { from: STOPPED, to: FROM, body: 'STOP' })).status, 201);
  });

  const clean = async (): Promise<void> => {
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.dialogs, []);
    assert.deepEqual(await w.cspViolations(), []);
  };

  it('runs the wizard to a dry run that shows the opted-out contact excluded', async () => {
    const { page } = w;
    await signInOwner(h, page);
    await page.click('nav >> text=Campaigns');
    await page.click('text=New campaign');
    // First with nothing filled in: the service's first refusal (the empty body) next to its field, still accessible.
    await Promise.all([page.waitForLoadState('load'), page.click('text=Save draft and review (dry run)')]);
    assert.match(await page.textContent('#err-body') ?? '', /PORM_CAMPAIGN_BODY_INVALID/);
    assert.equal(await page.getAttribute('#f-body', 'aria-describedby'), 'hint-body err-body');
    await assertAccessible(page);
    await page.fill('#f-name', 'Winter newsletter');
    await page.check('label:has-text("Newsletter") >> xpath=preceding-sibling::input');
    await page.fill('#f-from', FROM);
    await page.selectOption('#f-category', 'transactional');
    await page.fill('#f-body', 'Hi {{ contact.name | default: "there" }}, our winter edition is out');
    await page.fill('#f-send_rate', '2');
    await assertAccessible(page);
    await Promise.all([page.waitForURL(/\/review$/), page.click('text=Save draft and review (dry run)')]);
    assert.equal(await page.textContent('.would-send'), '3');
    assert.match(await page.textContent('table.excluded') ?? '', /PORM_RECIPIENT_OPTED_OUT\s*1/);
    await assertAccessible(page);
    await clean();
  });

  it('starts the campaign and watches its page follow it to completed, then shows results and a chart', async () => {
    const { page } = w;
    await Promise.all([page.waitForURL(/\/dashboard\/campaigns\/cmp_[0-9a-z]+$/), page.click('text=Start campaign')]);
    campaignUrl = page.url();
    // No reload by the test: the page's script polls progress.json and reloads on each move.
    await page.waitForSelector('section.live .status-completed', { timeout: 60_000 });
    assert.equal(await page.getAttribute('section.live progress', 'value'), '100');
    const id = campaignUrl.split('/').pop()!;
    await eventually(async () => {
      const c = await h.api('GET', `/v1/campaigns/${id}`);
      return (c.body.stats as { messages: Record<string, number> }).messages.delivered === 3 ? true : undefined;
    }, 30_000, 'three delivered');
    await page.reload();
    assert.equal((await page.textContent('[data-figure="sent"]'))?.trim(), '3');
    assert.match(await page.textContent('[data-figure="delivered"]') ?? '', /^3 /);
    await page.waitForSelector('.camp-chart-canvas[data-drawn="true"] canvas');
    const box = await page.locator('.camp-chart-canvas canvas').first().boundingBox();
    assert.ok(box !== null && box.width > 200 && box.height > 100, `the chart has a size: ${JSON.stringify(box)}`);
    assert.equal(await page.locator('#series-table tbody tr').count() >= 1, true, 'the table alternative stays');
    await assertAccessible(page);
    await clean();
    if (screenshots) {
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: `${IMAGES}dashboard-campaign.png`, fullPage: true });
    }
  });

  it('looks a STOPped number up on the compliance pages', async () => {
    const { page } = w;
    await page.click('nav >> text=Compliance');
    assert.match(await page.textContent('table.opt-outs') ?? '', /\+14155550122/);
    await page.fill('#lookup-to', STOPPED);
    await page.fill('#lookup-from', FROM);
    await Promise.all([page.waitForURL(/\/dashboard\/compliance\/lookup\?/), page.press('#lookup-from', 'Enter')]);
    assert.match(await page.textContent('dd.accept') ?? '', /refused\s+PORM_RECIPIENT_OPTED_OUT/);
    assert.match(await page.textContent('dd.suppressed') ?? '', /yes/);
    await assertAccessible(page);
    await clean();
    if (screenshots) await page.screenshot({ path: `${IMAGES}dashboard-compliance.png`, fullPage: true });
    await page.click('text=Suppression lists');
    await assertAccessible(page);
    await page.click('text=Programs and quiet hours');
    await page.click('table.quiet-hours >> text=default');
    await assertAccessible(page);
    await clean();
  });

  it('fits a phone: no sideways scroll on the wizard, a campaign and the lookup', async () => {
    const phone = await watchedPage(browser!, { width: 390, height: 844 });
    await signInOwner(h, phone.page);
    for (const path of ['/dashboard/campaigns/new', new URL(campaignUrl).pathname, `/dashboard/compliance/lookup?to=${encodeURIComponent(STOPPED)}`, '/dashboard/campaigns']) {
      await phone.page.goto(`${h.url}${path}`);
      assert.equal(await phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, `${path} scrolls sideways on a phone`);
    }
    assert.deepEqual(phone.errors, []);
    assert.deepEqual(await phone.cspViolations(), []);
    await phone.context.close();
  });
});
