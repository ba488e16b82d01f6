// The overview over real HTTP: today's and the week's figures from the account's own messages,
// 14 days of charts as tables (the charts' data), failures by error code, the queue, and each
// carrier connector's health; another account's messages never counted.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitForStatus, withHarness, type Harness } from '../helpers/harness.ts';
import { owner, person, visit, type Jar } from '../helpers/dashboard-http.ts';
import { syntheticMessage } from '../../bench/support/synthetic-messages.ts';

const DAY = 86_400_000;
const figure = (page: string, section: string, name: string): string => {
  const part = page.slice(page.indexOf(`<h2 id="${section}">`));
  return new RegExp(`<dt>${name}</dt><dd>([^<]*)</dd>`).exec(part)?.[1] ?? '';
};

describe('dashboard overview', () => {
  let h: Harness;
  let b: Jar;
  let rows: ReturnType<typeof syntheticMessage>[];
  withHarness((harness) => { h = harness; });
  before(async () => {
    b = await owner(h);
    const now = h.porm.services.clock.now();
    // Every 2 hours for 10 days, up to a minute ago.
    const o = { accountId: h.porm.bootstrap.accountId, endAt: now - 60_000, stepMs: 2 * 3_600_000, count: 120 };
    rows = Array.from({ length: o.count }, (_, i) => syntheticMessage(i, o));
    await h.porm.services.store.write(async (tx) => {
      for (const r of rows) await tx.insertInto('messages').values(r.message).execute();
    });
    // And one real failure through the sandbox, for the connectors' recent errors.
    const refused = await h.api('POST', '/v1/messages', { to: '+15005550001', from: '+14155550199', body: 'refused' });
    await waitForStatus(h, String(refused.body.id), 'failed');
  });

  it('counts today\'s and the last 7 days\' messages, with the delivery rate', async () => {
    const page = await visit(h, b, 'GET', '/dashboard');
    assert.equal(page.status, 200);
    const now = h.porm.services.clock.now();
    const today = now - (now % DAY);
    const all = [...rows.map((r) => r.message), { created_at: now, status: 'failed' }];
    const count = (from: number, keep: (s: string) => boolean) => all.filter((m) => m.created_at >= from && keep(m.status)).length;
    for (const [section, from] of [['today-utc-', today], ['last-7-days', today - 6 * DAY]] as const) {
      const delivered = count(from, (s) => s === 'delivered');
      const failed = count(from, (s) => s === 'failed' || s === 'undelivered');
      assert.equal(figure(page.text, section, 'Delivered'), String(delivered), section);
      assert.equal(figure(page.text, section, 'Failed'), String(failed), section);
      assert.equal(figure(page.text, section, 'Sent'), String(count(from, (s) => ['sent', 'delivered', 'undelivered'].includes(s))), section);
      assert.equal(figure(page.text, section, 'Accepted'), String(count(from, () => true)), section);
      assert.equal(figure(page.text, section, 'Delivery rate'), delivered + failed === 0 ? '—' : `${((delivered / (delivered + failed)) * 100).toFixed(1)} %`, section);
      assert.equal(figure(page.text, section, 'Clicks'), '0');
    }
  });

  it('has the charts\' tables (14 days, failures by error code), the queue, the connectors and the chart script', async () => {
    const page = await visit(h, b, 'GET', '/dashboard');
    const volume = page.text.slice(page.text.indexOf('<table id="volume"'), page.text.indexOf('</table>', page.text.indexOf('<table id="volume"')));
    assert.equal((volume.match(/<th scope="row" data-x="\d+">/g) ?? []).length, 14);
    const failures = page.text.slice(page.text.indexOf('<table id="failures"'));
    for (const code of new Set(rows.filter((r) => r.message.error_code && r.message.created_at >= Date.now() - 13 * DAY).map((r) => r.message.error_code!))) {
      assert.match(failures, new RegExp(`data-series="${code}"`));
    }
    assert.match(page.text, /<dt>Ready to run<\/dt><dd>\d+<\/dd>/);
    assert.match(page.text, /<th scope="row">[a-z-]+ <span class="muted">\([a-z-]+\)<\/span><\/th><td><span class="ov-health ov-health-(ok|degraded|failing)">/);
    assert.match(page.text, /<a href="\/dashboard\/messages\?error=PORM_[A-Z_]+"><code>/, 'recent errors lead to the search');
    assert.match(page.text, /<script type="module" src="\/dashboard\/assets\/overview-charts\.js"><\/script>/);
    assert.doesNotMatch(page.text, /<script(?![^>]*\ssrc=)|style="/);
    const script = await fetch(`${h.url}/dashboard/assets/overview-charts.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /u-legend|uplot/i);
    const css = await (await fetch(`${h.url}/dashboard/assets/dashboard.css`)).text();
    assert.match(css, /\.uplot/, 'uPlot\'s stylesheet is served by porm');
  });

  it('shows read-only users the overview, and another account none of these messages', async () => {
    const viewer = await person(h, 'read-only', 'rita@example.com');
    assert.equal((await visit(h, viewer, 'GET', '/dashboard')).status, 200);
    const { account } = await h.porm.services.accounts.create('Other');
    const other = await person(h, 'admin', 'otto@other.example', account.id);
    const page = await visit(h, other, 'GET', '/dashboard');
    assert.equal(figure(page.text, 'last-7-days', 'Accepted'), '0');
    assert.match(page.text, /No failures in the last 14 days/);
    assert.match(page.text, /ov-health-idle/);
  });
});
