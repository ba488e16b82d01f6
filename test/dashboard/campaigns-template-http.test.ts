// The campaign wizard's "Content: a rich template" over real HTTP: the template picker lists the
// account's templates (never another account's); a draft from a template is reviewed with what
// each recipient would get, bound with their contact, then started and followed to delivered;
// an unknown or another account's template, or a body with it, is refused next to its field.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as signInOwner, visit, type Jar } from '../helpers/dashboard-http.ts';
import { saleTemplate } from '../helpers/sale-template.ts';

const FROM = '+14155550199';

function fieldCode(page: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="err-${field}">[^<]*<code>(PORM_[A-Z_]+)</code>`).exec(page)?.[1];
}

describe('dashboard campaign wizard with a rich template', () => {
  let h: Harness;
  let owner: Jar;
  let list: string;
  let template: string;
  let theirs: string;
  withHarness((harness) => { h = harness; });

  before(async () => {
    owner = await signInOwner(h);
    list = String((await h.api('POST', '/v1/lists', { name: 'Members' })).body.id);
    for (const c of [{ phone: '+14155550160', name: 'Ada', attributes: { plan: 'gold' } }, { phone: '+14155550161', attributes: { plan: 'silver' } }]) {
      assert.equal((await h.api('POST', '/v1/contacts', { ...c, lists: [list] })).status, 201);
    }
    template = (await h.porm.services.rich.templates.create(h.porm.bootstrap.accountId, { document: saleTemplate, name: 'Spring sale card' })).id;
    const other = await h.porm.services.accounts.create('other');
    theirs = (await h.porm.services.rich.templates.create(other.account.id, { document: saleTemplate, name: 'Their card' })).id;
  });

  const wizard = async (form: Record<string, string>) => {
    const shown = await visit(h, owner, 'GET', '/dashboard/campaigns/new');
    assert.equal(shown.status, 200, shown.text.slice(0, 300));
    const params = new URLSearchParams({ ...form, csrf: csrfOf(shown.text) });
    params.append('lists', list);
    return visit(h, owner, 'POST', '/dashboard/campaigns/new', params);
  };
  const good = (over: Record<string, string> = {}) => ({
    name: 'Card sale', from: FROM, category: 'transactional', content: 'template', template, template_data: '{"sale": {"percent": 30}}', body: '', schedule: 'now', send_rate: '50', ...over,
  });

  it('offers the account\'s templates only, and refuses an unknown one, another account\'s, a body with it or data that is not an object', async () => {
    const shown = await visit(h, owner, 'GET', '/dashboard/campaigns/new');
    assert.match(shown.text, /<input type="radio" id="c-template" name="content" value="template">/);
    assert.match(shown.text, new RegExp(`<option value="${template}">Spring sale card \\(${template}\\)</option>`));
    assert.ok(!shown.text.includes(theirs), 'another account\'s template is not offered');
    const cases: Array<[Record<string, string>, string, string, number]> = [
      [{ template: 'tpl_00000000000000000000000000' }, 'template', 'PORM_RICH_TEMPLATE_NOT_FOUND', 404],
      [{ template: theirs }, 'template', 'PORM_RICH_TEMPLATE_NOT_FOUND', 404],
      [{ body: 'Hi {{ contact.name }}' }, 'template', 'PORM_CAMPAIGN_CONTENT_CONFLICT', 400],
      [{ template_data: '[1, 2]' }, 'template_data', 'PORM_RICH_DATA_INVALID', 422],
      [{ template_data: '{not json' }, 'template_data', 'PORM_RICH_DATA_INVALID', 422],
    ];
    for (const [over, field, code, status] of cases) {
      const res = await wizard(good(over));
      assert.equal(res.status, status, `${JSON.stringify(over)}: ${res.text.slice(0, 300)}`);
      assert.equal(fieldCode(res.text, field), code, `${JSON.stringify(over)} → ${field}`);
      assert.match(res.text, /<input type="radio" id="c-template" name="content" value="template" checked>/, 'the choice is kept');
    }
    assert.deepEqual((await h.api('GET', '/v1/campaigns')).body.data, [], 'no refused campaign was stored');
  });

  it('makes a draft from a template, reviews what each recipient would get, starts it and follows it to delivered', async () => {
    const res = await wizard(good());
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const review = res.headers.get('location')!;
    const id = review.split('/')[3]!;
    const page = await visit(h, owner, 'GET', review);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`Rich template <a href="/dashboard/templates/${template}"><code>${template}</code></a> \\(revision 1\\)`));
    assert.match(page.text, /<tr><td>\+14155550160<\/td><td>mms<\/td><td>Hi Ada, gold members save 30% this week/);
    assert.match(page.text, /<tr><td>\+14155550161<\/td><td>mms<\/td><td>Hi there, silver members save 30% this week/);
    const api = await h.api('GET', `/v1/campaigns/${id}`);
    assert.deepEqual(api.body.template, { id: template, revision: 1, data: { sale: { percent: 30 } } });

    const started = await visit(h, owner, 'POST', `/dashboard/campaigns/${id}/start`, { csrf: csrfOf(page.text) });
    assert.equal(started.status, 303);
    await eventually(async () => {
      const r = JSON.parse((await visit(h, owner, 'GET', `/dashboard/campaigns/${id}/progress.json`)).text) as { status: string; messages: Record<string, number> };
      return r.status === 'completed' && (r.messages.delivered ?? 0) === 2 ? r : undefined;
    }, 30_000, 'campaign completed and delivered');
    const messages = ((await h.api('GET', '/v1/messages?limit=10')).body.data as Array<{ to: string; body: string; template: { id: string } | null }>)
      .filter((m) => m.template?.id === template).sort((x, y) => x.to.localeCompare(y.to));
    assert.deepEqual(messages.map((m) => m.to), ['+14155550160', '+14155550161']);
    assert.match(messages[0]!.body, /^Hi Ada, gold members save 30% this week/);
    const shown = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}`);
    assert.match(shown.text, new RegExp(`Rich template <a href="/dashboard/templates/${template}">`));
  });
});
