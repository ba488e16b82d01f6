// The contacts pages in Debian's Chromium (playwright-core): the owner uploads a small CSV through
// the import form and lands on its page, done, with the error report (a formula shown as text); an
// import that is still running moves its progress bar by itself (the page's script polling the
// session's progress JSON) and shows the report when it ends; the segment builder's count follows
// the rules as they are typed, rows are added in place, and the segment is saved. axe-core finds
// nothing, nothing breaks the Content-Security-Policy, and no page scrolls sideways on a phone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually, tempDir, withHarness, type Harness } from '../helpers/harness.ts';
import { BATCH_ROWS } from '../../src/contacts/import/import-service.ts';
import { assertAccessible, launchChromium, noChromium, signInOwner, watchedPage, type Watched } from '../helpers/dashboard-browser.ts';

const SCREENSHOTS = process.env.PORM_SCREENSHOTS === '1';
const IMAGES = join(import.meta.dirname, '..', '..', 'docs', 'images');

describe('dashboard contacts in Chromium', { skip: noChromium }, () => {
  let h: Harness;
  let browser: Browser | undefined;
  let w: Watched;
  let phone: Watched;

  after(async () => { await browser?.close(); });
  withHarness((harness) => { h = harness; });
  before(async () => {
    browser = await launchChromium();
    w = await watchedPage(browser, { width: 1100, height: 900 });
    await signInOwner(h, w.page);
    phone = await watchedPage(browser, { width: 390, height: 844 });
    await signInOwner(h, phone.page);
  });

  const clean = async (watched: Watched): Promise<void> => {
    await assertAccessible(watched.page);
    assert.deepEqual(await watched.cspViolations(), []);
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.dialogs, []);
  };
  const noSidewaysScroll = async (path: string): Promise<void> => {
    await phone.page.goto(`${h.url}${path}`);
    const wide = await phone.page.evaluate("[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((e) => e.tagName + '.' + e.className + '#' + e.id).join(' ')");
    assert.equal(await phone.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), true, `${path} scrolls sideways on a phone: ${String(wide)}`);
    await clean(phone);
  };

  it('uploads a CSV through the import form and shows the import done with its error report', async () => {
    const { page } = w;
    const dir = tempDir();
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'phone,name,plan\n+14155550100,Ada,gold\n=cmd|\' /C calc\'!A0,Mallory,\n+14155550101,<b>Bob</b>,silver\nnot a number,Nobody,\n');
    await page.goto(`${h.url}/dashboard/imports`);
    await clean(w);
    await page.setInputFiles('#f-file', file);
    await Promise.all([page.waitForURL(/\/dashboard\/imports\/imp_/), page.click('button:has-text("Start the import")')]);
    await eventually(async () => ((await page.getAttribute('.contacts-import', 'data-status')) === 'completed' ? true : (await page.reload(), undefined)), 20_000, 'the import completes');
    const bar = page.locator('#import-progress');
    assert.equal(await bar.getAttribute('value'), await bar.getAttribute('max'));
    const codes = await page.locator('table.contacts-errors tbody td:nth-child(3)').allTextContents();
    assert.deepEqual(codes, ['PORM_INVALID_PHONE_NUMBER', 'PORM_INVALID_PHONE_NUMBER']);
    assert.equal((await page.locator('table.contacts-errors tbody tr').first().locator('td').nth(1).textContent())?.trim(), '=cmd|\' /C calc\'!A0');
    await clean(w);
    await page.goto(`${h.url}/dashboard/contacts`);
    assert.equal(await page.locator('td.body', { hasText: '<b>Bob</b>' }).count(), 1, 'a name with markup is text');
    assert.equal(await page.$('td.body b'), null);
    await clean(w);
  });

  it('moves a running import\'s progress bar by itself and shows the error report when it ends', async () => {
    const { page } = w;
    const accountId = h.porm.bootstrap.accountId;
    const imports = h.porm.services.contacts.imports;
    const rows = Array.from({ length: BATCH_ROWS * 2 }, (_v, i) => `+1415556${String(i).padStart(4, '0')},Person ${i}`);
    const created = await imports.create(accountId, 'customers.csv', {}, rows.length + 2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(`phone,name\n${rows.slice(0, BATCH_ROWS * 1.6).join('\n')}\n`);
      // The import commits BATCH_ROWS rows at a time: by the end of this chunk the first batch is
      // committed, and the rest waits for the test.
      await gate;
      yield Buffer.from(`${rows.slice(BATCH_ROWS * 1.6).join('\n')}\n"=HYPERLINK(""http://evil.example"")",Mallory\n+1415556,Short\n`);
    }
    await page.goto(`${h.url}/dashboard/imports/${created.id}`);
    assert.equal(await page.getAttribute('.contacts-import', 'data-status'), 'importing');
    assert.equal(await page.locator('.reload-hint').count(), 0, 'the script replaces the reload hint');
    const running = imports.run(accountId, created.id, source());
    // page.evaluate, not waitForFunction: the latter evals its string, which the page's CSP forbids.
    const until = (expression: string, what: string): Promise<true> => eventually(async () => ((await page.evaluate(expression)) === true ? true : undefined), 20_000, what);
    await until(`document.querySelector('#import-progress')?.value === ${BATCH_ROWS}`, 'the bar shows the first batch');
    assert.equal(await page.getAttribute('#import-progress', 'max'), String(rows.length + 2));
    assert.match(await page.textContent('.contacts-import-status') ?? '', new RegExp(`Importing: ${BATCH_ROWS} rows read so far`));
    if (SCREENSHOTS) {
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'dashboard-import.png'), fullPage: true });
    }
    release();
    assert.equal((await running).status, 'completed');
    await until("document.querySelector('.contacts-import')?.dataset.status === 'completed' && document.querySelector('table.contacts-errors') !== null", 'the bar at its end and the report');
    assert.equal(await page.evaluate("document.querySelector('#import-progress').value === document.querySelector('#import-progress').max"), true);
    assert.equal(await page.textContent('[data-count=invalid]'), '2');
    assert.deepEqual(await page.locator('table.contacts-errors tbody td:nth-child(2)').allTextContents(), ['=HYPERLINK("http://evil.example")', '+1415556']);
    assert.equal(await page.locator('form[action$="/cancel"]').count(), 0);
    await clean(w);
  });

  it('counts a segment live as its rules are typed, adds a rule in place and saves it', async () => {
    const { page } = w;
    await h.api('POST', '/v1/contacts', { phone: '+14155550200', tags: ['vip'], attributes: { orders: 7 } });
    await h.api('POST', '/v1/contacts', { phone: '+14155550201', tags: ['vip'], attributes: { orders: 2 } });
    await page.goto(`${h.url}/dashboard/segments`);
    const output = page.locator('#segment-count');
    const total = await h.api('GET', '/v1/contacts?limit=200');
    await page.selectOption('#rule-0-op', 'exists');
    await page.fill('#rule-0-key', 'orders');
    await eventually(async () => ((await output.textContent()) === '2' ? true : undefined), 10_000, 'two contacts have orders');
    await page.selectOption('#rule-0-field', 'tag');
    await page.selectOption('#rule-0-op', 'eq');
    await page.fill('#rule-0-value', 'vip');
    await eventually(async () => ((await output.textContent()) === '2' ? true : undefined), 10_000, 'two vips');
    assert.ok((total.body.data as unknown[]).length > 2, 'the count is not simply every contact');
    await page.click('button.add-rule');
    assert.equal(await page.locator('.rule-row').count(), 2, 'a row added without a page load');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'rule-1-field');
    await page.fill('#rule-1-key', 'orders');
    await page.selectOption('#rule-1-op', 'gt');
    await page.fill('#rule-1-value', 'five');
    await eventually(async () => ((await page.textContent('.segment-count-error')) ?? '').includes('PORM_SEGMENT_RULE_INVALID') ? true : undefined, 10_000, 'the rule\'s code');
    await page.fill('#rule-1-value', '5');
    await eventually(async () => ((await output.textContent()) === '1' ? true : undefined), 10_000, 'one vip with more than 5 orders');
    assert.equal(await page.textContent('.segment-count-error'), '');
    await page.fill('#f-name', 'Big spenders');
    await clean(w);
    if (SCREENSHOTS) await page.screenshot({ path: join(IMAGES, 'dashboard-segment.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/dashboard\/segments\/seg_/), page.click('button[value=save]')]);
    assert.match(await page.textContent('.facts') ?? '', /Matching now\s*1/);
    const saved = await h.api('GET', `/v1/segments/${page.url().split('/').pop()!}`);
    assert.deepEqual(saved.body.rule, { and: [{ tag: 'vip' }, { attribute: 'orders', op: 'gt', value: 5 }] });
    await clean(w);
  });

  it('fits the contacts pages on a phone', async () => {
    const contact = await h.api('GET', '/v1/contacts/%2B14155550100');
    const list = await h.api('POST', '/v1/lists', { name: 'Phone check' });
    const id = String(contact.body.id);
    for (const path of ['/dashboard/contacts', `/dashboard/contacts/${id}`, `/dashboard/contacts/${id}/edit`, '/dashboard/contacts/new', '/dashboard/contacts?q=not-a-number',
      '/dashboard/lists', `/dashboard/lists/${String(list.body.id)}`, '/dashboard/imports', '/dashboard/segments']) await noSidewaysScroll(path);
  });
});
