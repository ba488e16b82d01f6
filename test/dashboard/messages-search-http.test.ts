// The messages search over real HTTP: every filter (status, numbers, UTC days, campaign, template,
// error code) alone and together, keyset paging through every page without gaps or repeats, bad
// filter values answered with their codes next to the field, hostile values escaped, and one
// account's messages never found by another's search.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { owner, person, visit, type Jar } from '../helpers/dashboard-http.ts';
import { syntheticMessage, type SyntheticOptions } from '../../bench/support/synthetic-messages.ts';

const TEMPLATE = 'tpl_01jd0000000000000000000000';
const CAMPAIGN = 'cmp_01jd0000000000000000000000';
const END = Date.UTC(2026, 10, 20, 12, 0, 0);

const idsIn = (page: string): string[] => [...page.matchAll(/href="\/dashboard\/messages\/(msg_[0-9a-z]{26})"/g)].map((m) => m[1]!);
const nextOf = (page: string): string | undefined => /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replace(/&amp;/g, '&');

describe('dashboard messages search', () => {
  let h: Harness;
  let b: Jar;
  const rows: ReturnType<typeof syntheticMessage>[] = [];
  withHarness((harness) => { h = harness; });
  before(async () => {
    b = await owner(h);
    const o: SyntheticOptions = { accountId: h.porm.bootstrap.accountId, endAt: END, stepMs: 10 * 60_000, count: 300, templateIds: [TEMPLATE], campaignIds: [CAMPAIGN] };
    for (let i = 0; i < o.count; i++) rows.push(syntheticMessage(i, o));
    await h.porm.services.store.write(async (tx) => {
      for (const r of rows) {
        await tx.insertInto('messages').values(r.message).execute();
        await tx.insertInto('message_events').values(r.events).execute();
        if (r.campaignId) {
          await tx.insertInto('campaign_recipients').values({ campaign_id: r.campaignId, contact_id: `con_${r.message.id.slice(4)}`, account_id: r.message.account_id, phone: r.message.to_number, message_id: r.message.id, status: 'queued', reason: null, created_at: r.message.created_at, variant: null }).execute();
        }
      }
    });
  });

  /** Every id the search finds, following "Older messages" to the end. */
  async function all(query: string): Promise<string[]> {
    const found: string[] = [];
    let next: string | undefined = `/dashboard/messages?${query}`;
    while (next) {
      const page = await visit(h, b, 'GET', next);
      assert.equal(page.status, 200, page.text.slice(0, 2000));
      found.push(...idsIn(page.text));
      next = nextOf(page.text);
    }
    return found;
  }
  const expected = (keep: (m: (typeof rows)[number]['message']) => boolean) => rows.map((r) => r.message).filter(keep).map((m) => m.id).sort().reverse();

  it('finds exactly the matching messages for each filter, newest first, over keyset pages', async () => {
    assert.deepEqual(await all(''), expected(() => true), 'all 300 over 6 pages');
    assert.deepEqual(await all('status=failed'), expected((m) => m.status === 'failed'));
    assert.deepEqual(await all('error=PORM_UNDELIVERED'), expected((m) => m.error_code === 'PORM_UNDELIVERED'));
    assert.deepEqual(await all('error=porm_carrier_rejected'), expected((m) => m.error_code === 'PORM_CARRIER_REJECTED'), 'codes in any case');
    assert.deepEqual(await all(`template=${TEMPLATE}`), expected((m) => m.template_id === TEMPLATE));
    const inCampaign = new Set(rows.filter((r) => r.campaignId === CAMPAIGN).map((r) => r.message.id));
    assert.deepEqual(await all(`campaign=${CAMPAIGN}`), expected((m) => inCampaign.has(m.id)));
    assert.equal(inCampaign.size, 75);
    const day = (m: { created_at: number }) => m.created_at >= Date.UTC(2026, 10, 19) && m.created_at < Date.UTC(2026, 10, 20);
    assert.deepEqual(await all('since=2026-11-19&until=2026-11-19'), expected(day));
    assert.equal(expected(day).length, 144);
    assert.deepEqual(await all('since=2026-11-20'), expected((m) => m.created_at >= Date.UTC(2026, 10, 20)));
    assert.deepEqual(await all('until=2026-11-18'), expected((m) => m.created_at < Date.UTC(2026, 10, 19)));
    const to = rows[42]!.message.to_number;
    assert.deepEqual(await all(`to=${encodeURIComponent(to)}`), expected((m) => m.to_number === to));
    assert.deepEqual(await all(`status=delivered&from=%2B14155550199&campaign=${CAMPAIGN}&since=2026-11-19`),
      expected((m) => m.status === 'delivered' && m.from_number === '+14155550199' && inCampaign.has(m.id) && m.created_at >= Date.UTC(2026, 10, 19)));
    assert.deepEqual(await all('since=2026-11-21'), []);
  });

  it('keeps the filters in the form and in the "Older messages" link', async () => {
    const page = await visit(h, b, 'GET', '/dashboard/messages?status=delivered&from=%2B14155550198&since=2026-11-18');
    assert.match(page.text, /<option selected>delivered<\/option>/);
    assert.match(page.text, /id="since" name="since" value="2026-11-18"/);
    const next = nextOf(page.text) ?? '';
    assert.match(next, /status=delivered/);
    assert.match(next, /from=%2B14155550198/);
    assert.match(next, /since=2026-11-18/);
    const byTemplate = await visit(h, b, 'GET', `/dashboard/messages?template=${TEMPLATE}`);
    assert.match(byTemplate.text, new RegExp(`<option value="${TEMPLATE}" selected>`), 'an id not among the newest templates stays chosen');
  });

  it('answers bad filters with their codes, marks the field, and escapes what was typed', async () => {
    const cases: Array<[string, string, string]> = [
      ['status=bogus', 'PORM_VALIDATION_FAILED', 'status'],
      ['since=2026-02-31', 'PORM_DASHBOARD_INVALID_DATE', 'since'],
      ['since=yesterday', 'PORM_DASHBOARD_INVALID_DATE', 'since'],
      ['until=2026-13-01', 'PORM_DASHBOARD_INVALID_DATE', 'until'],
      ['since=2026-11-20&until=2026-11-19', 'PORM_DASHBOARD_INVALID_DATE', 'until'],
      ['error=PORM_NO_SUCH_THING', 'PORM_DASHBOARD_UNKNOWN_ERROR_CODE', 'error'],
      ['error=__proto__', 'PORM_DASHBOARD_UNKNOWN_ERROR_CODE', 'error'],
      ['campaign=cmp_x', 'PORM_INVALID_FIELD', 'campaign'],
      [`campaign=${TEMPLATE}`, 'PORM_INVALID_FIELD', 'campaign'],
      ['template=../../etc', 'PORM_INVALID_FIELD', 'template'],
      ['to=not-a-number', 'PORM_INVALID_PHONE_NUMBER', 'to'],
    ];
    for (const [query, code, field] of cases) {
      const res = await visit(h, b, 'GET', `/dashboard/messages?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.text, new RegExp(`<code>${code}</code>`), query);
      assert.match(res.text, new RegExp(`id="${field}" name="${field}"[^>]*aria-invalid="true"`), `${query}: the field is marked`);
    }
    const cursor = await visit(h, b, 'GET', '/dashboard/messages?cursor=bm9wZQ');
    assert.equal(cursor.status, 400);
    assert.match(cursor.text, /PORM_INVALID_CURSOR/);
    const hostile = await visit(h, b, 'GET', `/dashboard/messages?error=${encodeURIComponent('"><script>alert(1)</script>')}&campaign=${encodeURIComponent('<img src=x>')}`);
    assert.equal(hostile.status, 400);
    assert.doesNotMatch(hostile.text, /<script>alert|<img src=x/);
    const long = await visit(h, b, 'GET', `/dashboard/messages?to=${'9'.repeat(5000)}`);
    assert.equal(long.status, 400);
  });

  it('never finds another account\'s messages, whatever the filter', async () => {
    const { account } = await h.porm.services.accounts.create('Other');
    const other = await person(h, 'admin', 'otto@other.example', account.id);
    for (const query of ['', `campaign=${CAMPAIGN}`, `template=${TEMPLATE}`, 'status=failed', 'since=2026-11-19']) {
      const page = await visit(h, other, 'GET', `/dashboard/messages?${query}`);
      assert.equal(page.status, 200, query);
      assert.deepEqual(idsIn(page.text), [], query);
    }
    assert.equal((await visit(h, other, 'GET', `/dashboard/messages/${rows[0]!.message.id}`)).status, 404);
  });
});
