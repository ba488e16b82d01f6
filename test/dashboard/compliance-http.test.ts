// The dashboard's compliance pages over real HTTP: a STOP shows among the recent opt-outs; the
// consent lookup gives a number's standing from the send path's own checks (refused at accept,
// suppressed, its history, quiet hours, caps) and refuses hostile input with its code next to the
// field; admins add and lift suppressions and change a program's quiet hours and caps (errors
// next to fields), members and read-only users get 403 on those routes; another account sees
// none of it; forms without the CSRF token are refused; what people wrote stays text.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as signInOwner, person, submit, visit, type Jar } from '../helpers/dashboard-http.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const FROM = '+14155550199';
const STOPPED = '+14155550150';
const FINE = '+14155550151';

function fieldCode(page: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="err-${field}">[^<]*<code>(PORM_[A-Z_]+)</code>`).exec(page)?.[1];
}

describe('dashboard compliance', () => {
  let h: Harness;
  let owner: Jar;
  let admin: Jar;
  let member: Jar;
  let reader: Jar;
  let program: string;
  withHarness((harness) => { h = harness; });

  before(async () => {
    owner = await signInOwner(h);
    admin = await person(h, 'admin', 'ada@example.com');
    member = await person(h, 'member', 'mia@example.com');
    reader = await person(h, 'read-only', 'rita@example.com');
    assert.equal((await h.api('POST', '/v1/numbers', { number: FROM })).status, 201);
    assert.equal((await h.api('POST', '/v1/sandbox/inbound', { from: STOPPED, to: FROM, body: 'STOP' })).status, 201);
    assert.equal((await h.api('POST', '/v1/consents', { to: FINE, source: 'api', wording: `Yes please ${HOSTILE}` })).status, 201);
    const made = await h.api('POST', '/v1/programs', { name: `Deals ${HOSTILE}` });
    assert.equal(made.status, 201, made.text);
    program = String(made.body.id);
  });

  it('lists recent opt-outs and each program\'s quiet hours, with what people wrote escaped', async () => {
    const page = await visit(h, reader, 'GET', '/dashboard/compliance');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<a href="/dashboard/compliance/lookup\\?to=%2B14155550150">\\+14155550150</a></td><td>opt_out</td><td>keyword \\(<code>stop</code>\\)`));
    assert.match(page.text, /08:00–20:00/);
    assert.ok(!page.text.includes(HOSTILE));
    assert.ok(page.text.includes('Deals &lt;img'));
    assert.match(page.text, /<a href="\/dashboard\/compliance" aria-current="page">Compliance<\/a>/);
  });

  it('gives a number\'s standing from the send path\'s checks', async () => {
    const stopped = await visit(h, reader, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent(STOPPED)}&from=${encodeURIComponent(FROM)}`);
    assert.equal(stopped.status, 200, stopped.text.slice(0, 300));
    assert.match(stopped.text, /<dd class="accept"><span class="compl-warn">refused<\/span> <code>PORM_RECIPIENT_OPTED_OUT<\/code>/);
    assert.match(stopped.text, /<dd class="suppressed"><span class="compl-warn">yes<\/span>/);
    assert.match(stopped.text, /Latest consent<\/dt><dd>opt_out/);
    assert.match(stopped.text, /<dd class="quiet">.*marketing 08:00–20:00 in America\/Los_Angeles/);
    assert.match(stopped.text, /<dd class="caps">none apply<\/dd>/);
    const fine = await visit(h, reader, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent(FINE)}`);
    assert.equal(fine.status, 200);
    assert.match(fine.text, /<span class="compl-ok">would be accepted<\/span>/);
    assert.match(fine.text, /Latest consent<\/dt><dd>opt_in/);
    assert.ok(!fine.text.includes(HOSTILE), 'the consent wording is escaped');
    assert.ok(fine.text.includes('Yes please &lt;img'));
    const florida = await visit(h, reader, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent('+13055550100')}`);
    assert.match(florida.text, /<dd class="caps">Florida 3 per 24 h rule: 3 per 24 h \(hold\); 0 sent in the window/);
  });

  it('refuses hostile numbers in the lookup with the code next to the field', async () => {
    for (const to of [HOSTILE, '\' OR 1=1 --', '+1', '1'.repeat(5000), '+1415555٠١٥٠', '', '%00']) {
      const res = await visit(h, reader, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent(to)}`);
      assert.equal(res.status, 400, to.slice(0, 20));
      assert.equal(fieldCode(res.text, 'to'), 'PORM_INVALID_PHONE_NUMBER', to.slice(0, 20));
      assert.ok(!res.text.includes(HOSTILE));
    }
    const repeated = await visit(h, reader, 'GET', '/dashboard/compliance/lookup?to=%2B14155550150&to=%2B14155550151');
    assert.equal(repeated.status, 400, 'a repeated parameter is not a number');
    const badFrom = await visit(h, reader, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent(FINE)}&from=${encodeURIComponent(HOSTILE)}`);
    assert.equal(badFrom.status, 400);
    assert.equal(fieldCode(badFrom.text, 'from'), 'PORM_INVALID_PHONE_NUMBER');
    assert.ok(!badFrom.text.includes(HOSTILE));
  });

  it('lets admins add and lift suppressions, with errors next to the fields', async () => {
    const bad = await submit(h, admin, '/dashboard/compliance/suppressions', { to: 'not a number', reason: '  ' });
    assert.equal(bad.status, 400);
    assert.equal(fieldCode(bad.text, 'to'), 'PORM_INVALID_PHONE_NUMBER');
    assert.equal(fieldCode(bad.text, 'reason'), 'PORM_INVALID_FIELD');
    const noProgram = await submit(h, admin, '/dashboard/compliance/suppressions', { to: '+14155550160', reason: 'asked', program_id: 'prg_nope' });
    assert.equal(noProgram.status, 404);
    assert.equal(fieldCode(noProgram.text, 'program_id'), 'PORM_PROGRAM_NOT_FOUND');

    const added = await submit(h, admin, '/dashboard/compliance/suppressions', { to: '+14155550160', reason: `Called in ${HOSTILE}`, program_id: program });
    assert.equal(added.status, 303);
    const list = await visit(h, reader, 'GET', added.headers.get('location')!);
    assert.match(list.text, /\+14155550160 is suppressed\./);
    assert.ok(!list.text.includes(HOSTILE));
    assert.ok(list.text.includes('Called in &lt;img'));
    assert.doesNotMatch(list.text, /suppressions\/remove/, 'read-only users get no Lift buttons');
    const filtered = await visit(h, reader, 'GET', '/dashboard/compliance/suppressions?to=%2B14155550160');
    assert.match(filtered.text, /Deals &lt;img/);
    assert.doesNotMatch(filtered.text, /\+14155550150/);
    const hostileFilter = await visit(h, reader, 'GET', `/dashboard/compliance/suppressions?to=${encodeURIComponent(HOSTILE)}`);
    assert.equal(hostileFilter.status, 400);
    assert.equal(fieldCode(hostileFilter.text, 'filter'), 'PORM_INVALID_PHONE_NUMBER');
    assert.equal((await visit(h, reader, 'GET', '/dashboard/compliance/suppressions?cursor=%3Cx%3E')).status, 400);

    const lifted = await submit(h, admin, '/dashboard/compliance/suppressions', { to: '+14155550160', program_id: program }, '/dashboard/compliance/suppressions/remove');
    assert.equal(lifted.status, 303);
    assert.equal(((await h.api('GET', '/v1/suppressions?to=%2B14155550160')).body.data as unknown[]).length, 0);
    const gone = await submit(h, admin, '/dashboard/compliance/suppressions', { to: '+14155550160', program_id: program }, '/dashboard/compliance/suppressions/remove');
    assert.equal(gone.status, 404);
    assert.match(gone.text, /PORM_SUPPRESSION_NOT_FOUND/);
  });

  it('lets admins change a program\'s quiet hours and cap, with errors next to the fields', async () => {
    const path = `/dashboard/compliance/programs/${program}`;
    const bad = await submit(h, admin, path, { name: 'Deals', quiet_start: '25:00', quiet_end: '20:00', cap_max: '0', cap_window_hours: '24', cap_action: 'hold' });
    assert.equal(bad.status, 400, bad.text.slice(0, 300));
    assert.equal(fieldCode(bad.text, 'quiet_start'), 'PORM_INVALID_FIELD');
    assert.equal(fieldCode(bad.text, 'cap_max'), 'PORM_INVALID_FIELD');
    assert.match(bad.text, /name="quiet_start" value="25:00"/);
    const empty = await submit(h, admin, path, { name: 'Deals', quiet_start: '09:00', quiet_end: '09:00' });
    assert.equal(fieldCode(empty.text, 'quiet_start'), 'PORM_QUIET_WINDOW_EMPTY');
    const saved = await submit(h, admin, path, { name: 'Deals', quiet_start: '09:00', quiet_end: '18:00', state_rules: '1', brand_wide_suppression: '1', cap_max: '2', cap_window_hours: '24', cap_action: 'fail' });
    assert.equal(saved.status, 303);
    const got = await h.api('GET', `/v1/programs/${program}`);
    assert.deepEqual((got.body.settings as { quiet_hours: unknown }).quiet_hours, { start: '09:00', end: '18:00', applies_to_transactional: false, state_rules: true });
    assert.deepEqual((got.body.settings as { frequency_cap: unknown }).frequency_cap, { max: 2, window_hours: 24, action: 'fail' });
    const shown = await visit(h, reader, 'GET', path);
    assert.match(shown.text, /name="quiet_start" value="09:00" inputmode="numeric" maxlength="5" readonly/);
    assert.match((await visit(h, reader, 'GET', '/dashboard/compliance/programs')).text, /2 per 24 h \(fail\)/);
    const missing = await visit(h, reader, 'GET', '/dashboard/compliance/programs/prg_nope');
    assert.equal(missing.status, 404);
  });

  it('refuses the admin routes to members and read-only users (403), and forms without the CSRF token', async () => {
    const routes: Array<[string, Record<string, string>]> = [
      ['/dashboard/compliance/suppressions', { to: '+14155550170', reason: 'x' }],
      ['/dashboard/compliance/suppressions/remove', { to: STOPPED }],
      [`/dashboard/compliance/programs/${program}`, { name: 'Taken over', quiet_start: '00:00', quiet_end: '23:59' }],
    ];
    for (const b of [member, reader]) {
      const token = csrfOf((await visit(h, b, 'GET', '/dashboard/compliance')).text);
      for (const [url, form] of routes) {
        const res = await visit(h, b, 'POST', url, { csrf: token, ...form });
        assert.equal(res.status, 403, url);
        assert.match(res.text, /PORM_DASHBOARD_FORBIDDEN/);
      }
    }
    for (const [url, form] of routes) {
      const res = await visit(h, owner, 'POST', url, form);
      assert.equal(res.status, 403, url);
      assert.match(res.text, /PORM_DASHBOARD_CSRF/);
    }
    assert.equal(((await h.api('GET', '/v1/suppressions?to=%2B14155550170')).body.data as unknown[]).length, 0);
    assert.equal(((await h.api('GET', `/v1/suppressions?to=${encodeURIComponent(STOPPED)}`)).body.data as unknown[]).length, 1);
    assert.equal((await h.api('GET', `/v1/programs/${program}`)).body.name, 'Deals');
  });

  it('shows another account none of this account\'s opt-outs, suppressions or programs', async () => {
    const other = await h.porm.services.accounts.create('other-compliance');
    const oscar = await person(h, 'admin', 'oscar@example.com', other.account.id);
    const home = await visit(h, oscar, 'GET', '/dashboard/compliance');
    assert.ok(!home.text.includes(STOPPED));
    assert.ok(!home.text.includes('Deals'));
    const lookup = await visit(h, oscar, 'GET', `/dashboard/compliance/lookup?to=${encodeURIComponent(STOPPED)}`);
    assert.match(lookup.text, /<dd class="suppressed"><span class="compl-ok">no<\/span>/);
    assert.match(lookup.text, /No consent events\./);
    assert.ok(!(await visit(h, oscar, 'GET', '/dashboard/compliance/suppressions')).text.includes(STOPPED));
    assert.equal((await visit(h, oscar, 'GET', `/dashboard/compliance/programs/${program}`)).status, 404);
    const edit = await submit(h, oscar, '/dashboard/compliance/programs', { name: 'Mine now', quiet_start: '08:00', quiet_end: '20:00' }, `/dashboard/compliance/programs/${program}`);
    assert.equal(edit.status, 404);
    const lift = await submit(h, oscar, '/dashboard/compliance/suppressions', { to: STOPPED }, '/dashboard/compliance/suppressions/remove');
    assert.equal(lift.status, 404);
    assert.equal(((await h.api('GET', `/v1/suppressions?to=${encodeURIComponent(STOPPED)}`)).body.data as unknown[]).length, 1);
    assert.equal((await h.api('GET', `/v1/programs/${program}`)).body.name, 'Deals');
  });
});
