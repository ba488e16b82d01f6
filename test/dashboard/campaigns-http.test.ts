// The dashboard's campaign pages over real HTTP: the wizard refuses bad input with the API's codes
// next to each field, keeps what was typed, makes a draft whose dry run shows who would get it and
// who is excluded and why, and starts it; the campaign's page and its progress.json follow it to
// completed. A read-only user cannot start, pause, resume or cancel (403 on every POST route),
// another account sees 404 for the campaign and its JSON, and cannot aim a campaign at this
// account's lists or segments; forms without the CSRF token are refused; hostile names, bodies
// and contact attributes stay text; the pages' scripts stay under 120 KB gzipped.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as signInOwner, person, submit, visit, type Jar } from '../helpers/dashboard-http.ts';
import { dashboardScript } from '../../src/dashboard/scripts.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const FROM = '+14155550199';

/** The error shown next to a field: its message and code, inside the field's error element. */
function fieldCode(page: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="err-${field}">[^<]*<code>(PORM_[A-Z_]+)</code>`).exec(page)?.[1];
}

describe('dashboard campaigns', () => {
  let h: Harness;
  let owner: Jar;
  let list: string;
  let segment: string;
  withHarness((harness) => { h = harness; });

  before(async () => {
    owner = await signInOwner(h);
    const made = await h.api('POST', '/v1/lists', { name: `VIPs ${HOSTILE}` });
    assert.equal(made.status, 201, made.text);
    list = String(made.body.id);
    for (const c of [
      { phone: '+14155550130', name: `Ada ${HOSTILE}`, attributes: { plan: HOSTILE } },
      { phone: '+14155550131', name: 'Bo' },
      { phone: '+14155550132', name: 'Cy' },
    ]) assert.equal((await h.api('POST', '/v1/contacts', { ...c, lists: [list] })).status, 201);
    assert.equal((await h.api('POST', '/v1/suppressions', { to: '+14155550132', reason: 'asked by phone' })).status, 201);
    const seg = await h.api('POST', '/v1/segments', { name: `Gold ${HOSTILE}`, rule: { attribute: 'plan', op: 'eq', value: 'gold' } });
    assert.equal(seg.status, 201, seg.text);
    segment = String(seg.body.id);
  });

  const wizard = (b: Jar, form: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return (async () => {
      const shown = await visit(h, b, 'GET', '/dashboard/campaigns/new');
      assert.equal(shown.status, 200, shown.text.slice(0, 300));
      params.set('csrf', csrfOf(shown.text));
      return visit(h, b, 'POST', '/dashboard/campaigns/new', params);
    })();
  };
  const good = (over: Record<string, string | string[]> = {}) => ({ name: 'Spring sale', lists: [list], from: FROM, category: 'transactional', body: 'Hi {{ contact.name | default: "there" }}', schedule: 'now', send_rate: '50', ...over });

  it('refuses bad input with the API\'s codes next to the fields and keeps what was typed', async () => {
    const shown = await visit(h, owner, 'GET', '/dashboard/campaigns/new');
    assert.match(shown.text, /Step 1 of 5: Audience/);
    assert.ok(!shown.text.includes(HOSTILE), 'list and segment names are escaped');
    assert.ok(shown.text.includes('VIPs &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;'));

    const blank = await wizard(owner, { ...good(), name: '   ', send_rate: 'fast' });
    assert.equal(blank.status, 400);
    assert.equal(fieldCode(blank.text, 'name'), 'PORM_INVALID_FIELD');
    assert.equal(fieldCode(blank.text, 'send_rate'), 'PORM_INVALID_FIELD');
    assert.match(blank.text, /id="f-send_rate" name="send_rate" value="fast"[^>]*aria-invalid="true" aria-describedby="err-send_rate"/);

    const cases: Array<[Record<string, string | string[]>, string, string, number]> = [
      [{ lists: [] }, 'audience', 'PORM_CAMPAIGN_NO_AUDIENCE', 400],
      [{ from: '' }, 'from', 'PORM_CAMPAIGN_NO_SENDER', 400],
      [{ body: 'Hi {{ contact.name ' }, 'body', 'PORM_CAMPAIGN_BODY_INVALID', 400],
      [{ schedule: 'local', send_at_local: '2026-13-99T99:99' }, 'send_at_local', 'PORM_INVALID_SEND_AT', 400],
      [{ schedule: 'at', send_at: 'tomorrow' }, 'send_at', 'PORM_INVALID_SEND_AT', 400],
      [{ schedule: 'local', send_at_local: '2026-12-04T10:00', fallback_zone: 'Mars/Olympus' }, 'fallback_zone', 'PORM_INVALID_SEND_AT', 400],
      [{ ab: '1', body: '', v0_name: 'A', v0_body: 'one' }, 'ab', 'PORM_CAMPAIGN_AB_INVALID', 400],
      [{ ab: '1', body: '', v0_name: 'A', v0_body: 'one', v1_name: 'B', v1_body: 'Hi {{ oops', v1_weight: '500' }, 'v1_body', 'PORM_CAMPAIGN_AB_INVALID', 400],
      [{ ab: '1', body: '', v0_name: 'A', v0_body: 'one', v1_name: 'B', v1_body: 'two', window_minutes: '1' }, 'window_minutes', 'PORM_CAMPAIGN_AB_INVALID', 400],
      [{ lists: ['lst_00000000000000000000000000'] }, 'audience', 'PORM_LIST_NOT_FOUND', 404],
      [{ lists: [], segments: ['seg_nope'] }, 'audience', 'PORM_SEGMENT_NOT_FOUND', 404],
    ];
    for (const [over, field, code, status] of cases) {
      const res = await wizard(owner, good(over));
      assert.equal(res.status, status, `${JSON.stringify(over)}: ${res.text.slice(0, 200)}`);
      assert.equal(fieldCode(res.text, field), code, `${JSON.stringify(over)} → ${field}`);
    }
    const kept = await wizard(owner, good({ body: `Hi {{ contact.name ${HOSTILE}` }));
    assert.ok(!kept.text.includes(HOSTILE), 'the typed body is echoed escaped');
    assert.ok(kept.text.includes('Hi {{ contact.name &lt;img'));
    assert.match(kept.text, new RegExp(`value="${list}" checked`), 'the chosen list stays chosen');
    assert.deepEqual((await h.api('GET', '/v1/campaigns')).body.data, [], 'no refused campaign was stored');
  });

  it('makes a draft, shows the dry run with exclusions by reason, starts it and follows it to completed', async () => {
    const res = await wizard(owner, good({ name: `Sale ${HOSTILE}`, body: `Hi {{ contact.name }} ${HOSTILE}` }));
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const review = res.headers.get('location')!;
    assert.match(review, /^\/dashboard\/campaigns\/cmp_[0-9a-z]+\/review$/);
    const id = review.split('/')[3]!;
    const page = await visit(h, owner, 'GET', review);
    assert.equal(page.status, 200);
    assert.match(page.text, /<dt>Audience<\/dt><dd>3 contacts<\/dd><dt>Would send<\/dt><dd><strong class="would-send">2<\/strong>/);
    assert.match(page.text, /<td><code>PORM_RECIPIENT_OPTED_OUT<\/code><\/td><td>1<\/td>/);
    assert.ok(!page.text.includes(HOSTILE));
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'draft', 'nothing sent before Start');

    const started = await visit(h, owner, 'POST', `/dashboard/campaigns/${id}/start`, { csrf: csrfOf(page.text) });
    assert.equal(started.status, 303);
    assert.equal(started.headers.get('location'), `/dashboard/campaigns/${id}`);
    const progress = await eventually(async () => {
      const r = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}/progress.json`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      const body = JSON.parse(r.text) as { status: string; final: boolean; handled: number; percent: number; messages: Record<string, number> };
      return body.status === 'completed' && (body.messages.delivered ?? 0) === 2 ? body : undefined;
    }, 30_000, 'campaign completed and delivered');
    assert.equal(progress.handled, 3);
    assert.equal(progress.percent, 100);
    assert.equal(progress.final, true);

    const shown = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}`);
    assert.equal(shown.status, 200);
    assert.ok(!shown.text.includes(HOSTILE), 'name and body are escaped');
    assert.match(shown.text, /<dd data-figure="sent">2<\/dd>/);
    assert.match(shown.text, /<dd data-figure="delivered">2 /);
    assert.match(shown.text, /<table id="series-table"/);
    assert.match(shown.text, /<script type="module" src="\/dashboard\/assets\/campaign-chart\.js"><\/script>/);
    assert.doesNotMatch(shown.text, /data-live=/, 'a finished campaign is not polled');
    assert.doesNotMatch(shown.text, /action="\/dashboard\/campaigns\/[^"]+\/pause"/, 'no moves for a completed campaign');
    const list = await visit(h, owner, 'GET', '/dashboard/campaigns');
    assert.match(list.text, /<span class="status status-completed">completed<\/span>/);
    assert.ok(!list.text.includes(HOSTILE));
    const csv = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}/analytics.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.text, /^"start","sent","delivered","clicks","opt_outs","conversions"\r\n/);

    const again = await visit(h, owner, 'POST', `/dashboard/campaigns/${id}/pause`, { csrf: csrfOf(shown.text) });
    assert.equal(again.status, 409);
    assert.match(again.text, /PORM_CAMPAIGN_BAD_TRANSITION/);
  });

  it('runs an A/B test from the wizard and shows each variant\'s figures and the winner', async () => {
    const res = await wizard(owner, good({ name: 'Hook test', body: '', ab: '1', v0_name: 'Plain', v0_body: 'Our sale starts today', v0_weight: '1', v1_name: 'Urgent', v1_body: `Last day ${HOSTILE}`, v1_weight: '3', test_percent: '50', metric: 'clicks', window_minutes: '5' }));
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const id = res.headers.get('location')!.split('/')[3]!;
    const review = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}/review`);
    assert.match(review.text, /A\/B test: 50% of the audience first, the winner by clicks after 5 minutes/);
    assert.ok(!review.text.includes(HOSTILE));
    assert.equal((await visit(h, owner, 'POST', `/dashboard/campaigns/${id}/start`, { csrf: csrfOf(review.text) })).status, 303);
    await eventually(async () => ((await h.api('GET', `/v1/campaigns/${id}`)).body.status === 'testing' ? true : undefined), 30_000, 'testing');
    const testing = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}`);
    assert.match(testing.text, /The test ends at .* UTC; then the variant with the most clicks goes to everyone else/);
    // The window's end brought forward: no clicks at all is a tie, which the heavier variant wins.
    await h.porm.services.store.write(async (tx) => {
      await tx.updateTable('campaigns').set({ ab_test_ends_at: Date.now() - 1 }).where('id', '=', id).execute();
      await tx.updateTable('jobs').set({ run_at: Date.now() - 1 }).where('kind', '=', 'campaign.fanout').where('locked_by', 'is', null).execute();
    });
    await eventually(async () => ((await h.api('GET', `/v1/campaigns/${id}`)).body.status === 'completed' ? true : undefined), 30_000, 'completed');
    const done = await visit(h, owner, 'GET', `/dashboard/campaigns/${id}`);
    assert.match(done.text, /Winner: <strong class="winner">Urgent<\/strong>, chosen by clicks\./);
    assert.match(done.text, /<tr class="camp-winner-row"><th scope="row">Urgent <span class="camp-badge">winner<\/span><\/th>/);
    assert.match(done.text, /<th scope="row">Plain<\/th><td>\d+<\/td>/);
    assert.match(done.text, /0 of \d+ \(0\.0%\)/, 'each variant\'s rate when the winner was chosen');
    assert.ok(!done.text.includes(HOSTILE));
  });

  it('lets a member pause and resume, and refuses every move to a read-only user (403)', async () => {
    const member = await person(h, 'member', 'mia@example.com');
    const reader = await person(h, 'read-only', 'rita@example.com');
    const made = await h.api('POST', '/v1/campaigns', { name: 'Later', audience: { lists: [list] }, from: FROM, body: 'Hello', send_at: new Date(Date.now() + 86_400_000).toISOString() });
    assert.equal(made.status, 201, made.text);
    const id = String(made.body.id);
    const draft = await h.api('POST', '/v1/campaigns', { name: 'Draft', audience: { lists: [list] }, from: FROM, body: 'Hello', draft: true });
    const draftId = String(draft.body.id);

    const seen = await visit(h, reader, 'GET', `/dashboard/campaigns/${id}`);
    assert.equal(seen.status, 200, 'read-only users see campaigns');
    assert.doesNotMatch(seen.text, /\/pause"/, 'and get no buttons');
    assert.equal((await visit(h, reader, 'GET', '/dashboard/campaigns/new')).status, 403);
    const token = csrfOf(seen.text);
    for (const [path, target] of [['new', ''], ['start', draftId], ['pause', id], ['resume', id], ['cancel', id]] as const) {
      const url = path === 'new' ? '/dashboard/campaigns/new' : `/dashboard/campaigns/${target}/${path}`;
      const res = await visit(h, reader, 'POST', url, { csrf: token, ...(path === 'new' ? { name: 'Sneaky', lists: list, from: FROM, body: 'Hello' } : {}) });
      assert.equal(res.status, 403, url);
      assert.match(res.text, /PORM_DASHBOARD_FORBIDDEN/);
    }
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'scheduled');
    assert.equal((await h.api('GET', `/v1/campaigns/${draftId}`)).body.status, 'draft');

    const page = await visit(h, member, 'GET', `/dashboard/campaigns/${id}`);
    assert.match(page.text, /data-live="\/dashboard\/campaigns\/cmp_[0-9a-z]+\/progress\.json" data-status="scheduled"/);
    const paused = await visit(h, member, 'POST', `/dashboard/campaigns/${id}/pause`, { csrf: csrfOf(page.text) });
    assert.equal(paused.status, 303);
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'paused');
    assert.equal((await submit(h, member, `/dashboard/campaigns/${id}`, {}, `/dashboard/campaigns/${id}/resume`)).status, 303);
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'scheduled');
    assert.equal((await submit(h, member, `/dashboard/campaigns/${draftId}/review`, {}, `/dashboard/campaigns/${draftId}/cancel`)).headers.get('location'), '/dashboard/campaigns', 'a discarded draft leads back to the list');
    assert.equal((await submit(h, member, `/dashboard/campaigns/${id}`, {}, `/dashboard/campaigns/${id}/cancel`)).status, 303);
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'canceled');
  });

  it('refuses forms without the session\'s CSRF token', async () => {
    const draft = await h.api('POST', '/v1/campaigns', { name: 'Guarded', audience: { lists: [list] }, from: FROM, body: 'Hello', draft: true });
    const id = String(draft.body.id);
    const forms: Array<[string, Record<string, string>]> = [['/dashboard/campaigns/new', { name: 'Forged', lists: list, from: FROM, body: 'Hello' }], [`/dashboard/campaigns/${id}/start`, {}], [`/dashboard/campaigns/${id}/cancel`, { csrf: 'x'.repeat(43) }]];
    for (const [url, form] of forms) {
      const res = await visit(h, owner, 'POST', url, form);
      assert.equal(res.status, 403, url);
      assert.match(res.text, /PORM_DASHBOARD_CSRF/);
    }
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'draft');
    assert.equal((await visit(h, owner, 'GET', `/dashboard/campaigns/${id}/progress.json`)).status, 200);
    assert.equal((await visit(h, { cookies: new Map() }, 'GET', `/dashboard/campaigns/${id}/progress.json`)).status, 303, 'no session, no JSON');
  });

  it('shows another account none of this account\'s campaigns, lists or segments', async () => {
    const draft = await h.api('POST', '/v1/campaigns', { name: 'Ours only', audience: { lists: [list] }, from: FROM, body: 'Hello', draft: true });
    const id = String(draft.body.id);
    const other = await h.porm.services.accounts.create('other-campaigns');
    const oscar = await person(h, 'admin', 'oscar@example.com', other.account.id);
    for (const path of [`/dashboard/campaigns/${id}`, `/dashboard/campaigns/${id}/review`, `/dashboard/campaigns/${id}/progress.json`, `/dashboard/campaigns/${id}/analytics.csv`]) {
      const res = await visit(h, oscar, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.match(res.text, /PORM_CAMPAIGN_NOT_FOUND/);
      assert.ok(!res.text.includes('Ours only'));
    }
    const listPage = await visit(h, oscar, 'GET', '/dashboard/campaigns');
    assert.ok(!listPage.text.includes('Ours only') && !listPage.text.includes('Spring'));
    const wiz = await visit(h, oscar, 'GET', '/dashboard/campaigns/new');
    assert.ok(!wiz.text.includes(list) && !wiz.text.includes(segment), 'the wizard offers only the account\'s own lists and segments');
    const moved = await submit(h, oscar, '/dashboard/campaigns', {}, `/dashboard/campaigns/${id}/cancel`);
    assert.equal(moved.status, 404);
    assert.equal((await h.api('GET', `/v1/campaigns/${id}`)).body.status, 'draft');
    const aimed = await wizard(oscar, good({ lists: [list], segments: [segment] }));
    assert.equal(aimed.status, 404);
    assert.equal(fieldCode(aimed.text, 'audience'), 'PORM_LIST_NOT_FOUND');
    const bySegment = await wizard(oscar, good({ lists: [], segments: [segment] }));
    assert.equal(fieldCode(bySegment.text, 'audience'), 'PORM_SEGMENT_NOT_FOUND');
  });

  it('keeps each campaign page\'s JavaScript within 120 KB gzipped', async () => {
    const scripts = await Promise.all(['campaign-live', 'campaign-chart'].map((name) => dashboardScript(name)!));
    const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    assert.ok(total <= 120 * 1024, `${total} bytes gzipped`);
    assert.match(scripts[1]!.js, /u-over/, 'the chart script carries uPlot');
    const css = await visit(h, owner, 'GET', '/dashboard/assets/dashboard.css');
    assert.match(css.text, /\.uplot \{/, 'uPlot\'s stylesheet is served by porm');
  });
});
