// The template editor in Debian's Chromium: the owner opens a template, edits its text and sees
// the phone-framed porm page, the MMS and the SMS change as they type (no button pressed), follows
// an error's "Line, column" link to the place in the text, saves, and reads the new revision's
// diff; axe-core finds nothing, nothing breaks the CSP, and a phone-sized screen does not scroll
// sideways. PORM_SCREENSHOTS=1 writes docs/images/dashboard-template-editor.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { assertAccessible, launchChromium, noChromium, signInOwner, watchedPage, type Watched } from '../helpers/dashboard-browser.ts';

const DOC = {
  version: 1, name: 'weekend-sale',
  theme: { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'system', cornerRadius: 12 },
  data: { first_name: { type: 'string', example: 'Ada', missing: 'default', default: 'there' } },
  components: [
    { type: 'heading', text: 'Weekend sale', level: 1 },
    { type: 'text', text: 'Hi {{ first_name }}, everything is 20% off until Sunday.' },
    { type: 'button', id: 'shop', label: 'Shop now', style: 'primary', action: { kind: 'open_url', url: 'https://shop.example.com/sale' } },
  ],
};

describe('template editor in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let w: Watched;
  let id = '';
  withHarness((harness) => { h = harness; });
  before(async () => {
    browser = await launchChromium();
    w = await watchedPage(browser);
    const res = await h.api('POST', '/v1/templates', { document: DOC, name: 'Weekend sale' });
    assert.equal(res.status, 201, res.text);
    id = String(res.body.id);
  });
  after(async () => { await browser?.close(); });

  /** Polls an expression in the page (through the DevTools protocol, which the page's CSP does not govern). */
  const until = async (expression: string, timeoutMs = 10_000): Promise<void> => {
    const end = Date.now() + timeoutMs;
    while (!(await w.page.evaluate(expression))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const frameText = async (): Promise<string> => (await w.page.evaluate("document.querySelector('iframe.tpl-phone-screen')?.contentDocument?.body?.textContent ?? ''")) as string;

  it('edits the text and sees the three previews change live, finds an error by its link, saves and reads the diff', async () => {
    const { page } = w;
    await signInOwner(h, page);
    await page.click('nav[aria-label=Main] >> text=Templates');
    await Promise.all([page.waitForURL(`${h.url}/dashboard/templates/${id}`), page.click('text=Weekend sale')]);
    await until("document.querySelector('iframe.tpl-phone-screen')?.contentDocument?.body?.textContent?.includes('Weekend sale')");
    assert.match(await page.textContent('.sms-text') ?? '', /Hi Ada/);

    // Type: the preview follows without a button press.
    const text = await page.inputValue('#tpl-document');
    await page.fill('#tpl-document', text.replace('"Weekend sale"', '"Summer sale"'));
    await until("document.querySelector('iframe.tpl-phone-screen')?.contentDocument?.body?.textContent?.includes('Summer sale')");
    assert.ok(!(await frameText()).includes('Weekend sale'));
    await page.fill('#tpl-data', '{"first_name": "Grace"}');
    await until("document.querySelector('.sms-text')?.textContent?.includes('Hi Grace')");
    await page.selectOption('#tpl-width', '320');
    await page.waitForSelector('iframe.tpl-phone-w320');
    assert.equal(await page.evaluate("document.querySelector('iframe.tpl-phone-screen').getBoundingClientRect().width"), 320);

    // A mistake is listed with its line; its link puts the cursor there.
    const good = await page.inputValue('#tpl-document');
    await page.fill('#tpl-document', good.replace('"level": 1', '"level": 1,'));
    await page.waitForSelector('.issue-error .issue-code >> text=PORM_INVALID_JSON');
    const link = page.locator('a.issue-place').first();
    const line = Number(await link.getAttribute('data-line'));
    await link.click();
    assert.equal(await page.evaluate('document.activeElement.id'), 'tpl-document');
    const caretLine = (await page.evaluate("(() => { const t = document.getElementById('tpl-document'); return t.value.slice(0, t.selectionStart).split('\\n').length; })()")) as number;
    assert.equal(caretLine, line);
    assert.match(await page.textContent('#tpl-live') ?? '', /1 error/);
    await page.fill('#tpl-document', good);
    await until("document.querySelector('#tpl-summary')?.textContent === 'No errors, no warnings.'");
    assert.equal(await page.getAttribute('#tpl-document', 'aria-invalid'), 'false');
    await assertAccessible(page);

    if (process.env.PORM_SCREENSHOTS === '1') {
      mkdirSync('docs/images', { recursive: true });
      await page.evaluate("document.getElementById('tpl-document').scrollTop = 0");
      await page.screenshot({ path: 'docs/images/dashboard-template-editor.png', fullPage: true });
    }

    await page.fill('#tpl-note', 'summer now');
    await Promise.all([page.waitForURL(`${h.url}/dashboard/templates/${id}?saved=2`), page.click('button:has-text("Save revision")')]);
    assert.match(await page.textContent('.tpl-saved') ?? '', /Saved revision 2/);
    assert.equal((await h.api('GET', `/v1/templates/${id}`)).body.latest_revision, 2);

    await Promise.all([page.waitForURL(`${h.url}/dashboard/templates/${id}/revisions`), page.click('nav.tpl-tabs >> text=Revisions')]);
    assert.match(await page.textContent('table.diff caption') ?? '', /Revision 1 → 2: 1 line added, 1 removed/);
    assert.deepEqual(await page.locator('tr.diff-removed .diff-text').allTextContents(), ['      "text": "Weekend sale",']);
    assert.deepEqual(await page.locator('tr.diff-added .diff-text').allTextContents(), ['      "text": "Summer sale",']);
    assert.match(await page.textContent('tbody') ?? '', /summer now/);
    await assertAccessible(page);
    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.dialogs, []);
  });

  it('fits a phone: the editor and the preview do not scroll sideways at 390 px', async () => {
    const phone = await watchedPage(browser!, { width: 390, height: 844 });
    await signInOwner(h, phone.page);
    await phone.page.goto(`${h.url}/dashboard/templates/${id}`);
    await phone.page.waitForSelector('iframe.tpl-phone-screen');
    await phone.page.selectOption('#tpl-width', '430');
    await phone.page.waitForSelector('iframe.tpl-phone-w430');
    const wide = await phone.page.evaluate("[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(', ')");
    assert.equal(await phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, `no sideways scroll: ${String(wide)}`);
    await assertAccessible(phone.page);
    assert.deepEqual(await phone.cspViolations(), []);
    assert.deepEqual(phone.errors, []);
    await phone.context.close();
  });
});
