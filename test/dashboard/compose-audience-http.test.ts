// Compose to a list or a segment over real HTTP: the form becomes a one-off campaign made through
// CampaignService, started at once (or at the form's time), and the page leads to its live
// progress; the messages reach the sandbox personalised (a body with merge fields, or a rich
// template bound with each contact); the same form sent twice makes one campaign; a member may,
// a read-only user may not; another account's list or segment is refused next to the field.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as ownerOf, person, visit, type Jar, type Visit } from '../helpers/dashboard-http.ts';
import { saleTemplate } from '../helpers/sale-template.ts';

const SENDER = '+14155550199';

/** The compose form as a browser posts it (multipart), with the page's CSRF token and form key unless given. */
async function compose(h: Harness, b: Jar, fields: Record<string, string>, page = '/dashboard/compose'): Promise<Visit> {
  const shown = await visit(h, b, 'GET', page);
  assert.equal(shown.status, 200, shown.text.slice(0, 300));
  const form = new FormData();
  const all = { csrf: csrfOf(shown.text), key: /name="key" value="([^"]+)"/.exec(shown.text)?.[1] ?? '', sender: SENDER, action: 'send', ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  const res = await fetch(`${h.url}/dashboard/compose`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const fieldError = (page: string, field: string): string => new RegExp(`<p class="field-error" id="${field}-error">([\\s\\S]*?)</p>`).exec(page)?.[1] ?? '';

describe('dashboard compose to a list or a segment', () => {
  let h: Harness;
  let member: Jar;
  let reader: Jar;
  let list: string;
  let segment: string;
  let theirList: string;
  let theirSegment: string;
  withHarness((harness) => { h = harness; });

  before(async () => {
    await ownerOf(h);
    member = await person(h, 'member', 'mia@example.com');
    reader = await person(h, 'read-only', 'rae@example.com');
    await h.porm.services.numbers.create(h.porm.bootstrap.accountId, { number: SENDER });
    list = String((await h.api('POST', '/v1/lists', { name: 'Regulars' })).body.id);
    for (const c of [{ phone: '+14155550170', name: 'Ada', attributes: { plan: 'gold' } }, { phone: '+14155550171', attributes: { plan: 'gold' } }, { phone: '+14155550172', name: 'Cy', attributes: { plan: 'silver' } }]) {
      assert.equal((await h.api('POST', '/v1/contacts', { ...c, lists: [list] })).status, 201);
    }
    segment = String((await h.api('POST', '/v1/segments', { name: 'Gold', rule: { attribute: 'plan', op: 'eq', value: 'gold' } })).body.id);
    const other = await h.porm.services.accounts.create('other');
    theirList = (await h.porm.services.contacts.lists.create(other.account.id, { name: 'Theirs' })).id;
    theirSegment = (await h.porm.services.contacts.segments.create(other.account.id, { name: 'Theirs', rule: { attribute: 'plan', op: 'eq', value: 'gold' } })).id;
  });

  const campaignsOf = async () => (await h.api('GET', '/v1/campaigns')).body.data as Array<{ id: string; name: string; status: string; audience: { lists: string[]; segments: string[] } }>;
  const messagesOf = async (campaign: string) => ((await h.api('GET', '/v1/messages?limit=100')).body.data as Array<{ to: string; body: string; status: string; metadata: Record<string, unknown> | null; template: { id: string } | null }>)
    .filter((m) => m.metadata?.campaign_id === campaign).sort((x, y) => x.to.localeCompare(y.to));

  it('says so on the form, and offers the account\'s lists and segments only', async () => {
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    assert.match(shown.text, /<input type="radio" id="audience-list" name="audience" value="list">/);
    assert.match(shown.text, new RegExp(`<option value="${list}">Regulars \\(3\\)</option>`));
    assert.match(shown.text, new RegExp(`<option value="${segment}">Gold</option>`));
    assert.match(shown.text, /the message is sent as a <strong>campaign<\/strong>/);
    assert.ok(!shown.text.includes(theirList) && !shown.text.includes(theirSegment));
  });

  it('a member composes to a list of 3: a campaign is made and started, the page leads to its progress, the messages reach the sandbox; the same form again makes nothing new', async () => {
    const fields = { audience: 'list', list, body: 'Hi {{ contact.name | default: "there" }}, see you soon', category: 'transactional' };
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    const key = /name="key" value="([^"]+)"/.exec(shown.text)?.[1] ?? '';
    const sent = await compose(h, member, { ...fields, key });
    assert.equal(sent.status, 303, sent.text.slice(0, 500));
    const id = /^\/dashboard\/campaigns\/(cmp_[0-9A-Za-z]+)$/.exec(sent.headers.get('location') ?? '')?.[1];
    assert.ok(id, sent.headers.get('location') ?? 'no location');
    const [made] = await campaignsOf();
    assert.equal(made!.id, id);
    assert.deepEqual(made!.audience.lists, [list]);
    assert.match(made!.name, /^Compose: Hi \{\{ contact\.name/);
    assert.notEqual(made!.status, 'draft', 'started at once');
    const page = await visit(h, member, 'GET', `/dashboard/campaigns/${id}`);
    assert.equal(page.status, 200);

    await eventually(async () => {
      const ms = await messagesOf(id);
      return ms.length === 3 && ms.every((m) => m.status === 'delivered') ? true : undefined;
    }, 30_000, 'three messages delivered');
    assert.deepEqual((await messagesOf(id)).map((m) => [m.to, m.body]), [
      ['+14155550170', 'Hi Ada, see you soon'], ['+14155550171', 'Hi there, see you soon'], ['+14155550172', 'Hi Cy, see you soon'],
    ]);

    // A double click or a resent form: the same key finds the campaign the first send made.
    const again = await compose(h, member, { ...fields, key });
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), `/dashboard/campaigns/${id}`);
    assert.equal((await campaignsOf()).length, 1);
    assert.equal((await messagesOf(id)).length, 3);
  });

  it('to a segment with a rich template, bound with each contact; at a later time it waits as scheduled', async () => {
    const template = (await h.porm.services.rich.templates.create(h.porm.bootstrap.accountId, { document: saleTemplate, name: 'sale' })).id;
    const sent = await compose(h, member, { audience: 'segment', segment, body: '', template, data: '{"sale": {"percent": 15}}', category: 'transactional' });
    assert.equal(sent.status, 303, sent.text.slice(0, 500));
    const id = sent.headers.get('location')!.split('/')[3]!;
    await eventually(async () => ((await messagesOf(id)).length === 2 ? true : undefined), 30_000, 'two rich messages');
    const ms = await messagesOf(id);
    assert.deepEqual(ms.map((m) => m.to), ['+14155550170', '+14155550171']);
    assert.ok(ms.every((m) => m.template?.id === template));
    assert.match(ms[0]!.body, /^Hi Ada, gold members save 15% this week/);

    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    const scheduled = await compose(h, member, { audience: 'list', list, body: 'Later', category: 'transactional', send_at: later, send_zone: 'utc' });
    assert.equal(scheduled.status, 303, scheduled.text.slice(0, 500));
    const laterId = scheduled.headers.get('location')!.split('/')[3]!;
    const c = await h.api('GET', `/v1/campaigns/${laterId}`);
    assert.equal(c.body.status, 'scheduled');
    assert.equal(c.body.send_at, `${later}:00.000Z`);
    assert.equal((await h.api('POST', `/v1/campaigns/${laterId}/cancel`)).status, 200);
  });

  it('a read-only user cannot; another account\'s list or segment, or none chosen, is refused next to the recipients', async () => {
    const before = (await campaignsOf()).length;
    // A read-only user is not shown the form; their session's CSRF token (from a page they may read) does not let them post it either.
    assert.equal((await visit(h, reader, 'GET', '/dashboard/compose')).status, 403);
    const refused = await compose(h, reader, { audience: 'list', list, body: 'Hi', category: 'transactional' }, '/dashboard/campaigns');
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Not allowed for your role/);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ audience: 'list', list: theirList }, 404, 'PORM_LIST_NOT_FOUND'],
      [{ audience: 'segment', segment: theirSegment }, 404, 'PORM_SEGMENT_NOT_FOUND'],
      [{ audience: 'list', list: '' }, 400, 'PORM_CAMPAIGN_NO_AUDIENCE'],
    ];
    for (const [over, status, code] of cases) {
      const res = await compose(h, member, { body: 'Hi', category: 'transactional', ...over });
      assert.equal(res.status, status, `${code}: ${res.text.slice(0, 300)}`);
      assert.match(fieldError(res.text, 'to'), new RegExp(code));
    }
    const badBody = await compose(h, member, { audience: 'list', list, body: 'Hi {{ contact.name ', category: 'transactional' });
    assert.equal(badBody.status, 400);
    assert.match(fieldError(badBody.text, 'body'), /PORM_CAMPAIGN_BODY_INVALID/);
    assert.equal((await campaignsOf()).length, before, 'nothing refused was stored');
  });
});
