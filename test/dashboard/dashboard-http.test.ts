// The dashboard over real HTTP: the one-time setup link, sign-in with CSRF and throttling,
// sessions (fixation, sign-out), roles per route, account isolation and escaping of what senders
// and recipients wrote.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { PASSWORD, acceptLink, csrfOf, jar as browser, signIn, visit, type Jar as Browser } from '../helpers/dashboard-http.ts';


describe('dashboard sign-in, sessions and roles', () => {
  let h: Harness;
  let owner: Browser;
  withHarness((harness) => { h = harness; });
  before(async () => {
    owner = browser();
    const token = h.porm.bootstrap.dashboardSetupToken;
    assert.ok(token, 'the first start makes a setup link');
    assert.equal(await acceptLink(h, owner, token, { email: 'Owner@Example.com', name: 'Olive', password: PASSWORD }), 303);
  });

  it('makes the owner from the setup link once, with no default password, and serves pages under a strict CSP', async () => {
    const again = await visit(h, browser(), 'GET', `/dashboard/link/${h.porm.bootstrap.dashboardSetupToken!}`);
    assert.equal(again.status, 404);
    assert.match(again.text, /PORM_DASHBOARD_LINK_INVALID/);
    assert.equal(await h.porm.services.dashboard.users.setupLink(h.porm.bootstrap.accountId), null, 'no second setup link once an owner exists');
    const overview = await visit(h, owner, 'GET', '/dashboard');
    assert.equal(overview.status, 200);
    assert.match(overview.text, /<h1>Overview<\/h1>/);
    assert.match(overview.text, /owner@example\.com \(owner\)/);
    const csp = overview.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(overview.text, /<script(?![^>]*\ssrc=)|style="/, 'no inline script or style');
    const setCookie = (await signIn(h, browser(), 'owner@example.com', PASSWORD)).headers.getSetCookie().find((c) => c.startsWith('porm_session='));
    assert.match(setCookie ?? '', /HttpOnly/);
    assert.match(setCookie ?? '', /SameSite=Lax/);
    assert.equal((await visit(h, browser(), 'GET', '/')).headers.get('location'), '/dashboard');
  });

  it('sends visitors without a session to the sign-in page and refuses forms without the CSRF token', async () => {
    const anon = await visit(h, browser(), 'GET', '/dashboard/messages');
    assert.equal(anon.status, 303);
    assert.equal(anon.headers.get('location'), '/dashboard/login');
    const stranger = browser();
    await visit(h, stranger, 'GET', '/dashboard/login');
    const forged = await visit(h, stranger, 'POST', '/dashboard/login', { csrf: 'x'.repeat(43), email: 'owner@example.com', password: PASSWORD });
    assert.equal(forged.status, 403);
    assert.match(forged.text, /PORM_DASHBOARD_CSRF/);
    const noToken = await visit(h, owner, 'POST', '/dashboard/users', { email: 'mallory@example.com', role: 'admin' });
    assert.equal(noToken.status, 403);
    assert.deepEqual((await h.porm.services.dashboard.users.list(h.porm.bootstrap.accountId)).map((u) => u.email), ['owner@example.com']);
  });

  it('never turns a session id planted before sign-in into a signed-in one, and ends a session at sign-out', async () => {
    const victim = browser();
    victim.cookies.set('porm_session', 'A'.repeat(43));
    const res = await signIn(h, victim, 'owner@example.com', PASSWORD);
    assert.equal(res.status, 303);
    assert.notEqual(victim.cookies.get('porm_session'), 'A'.repeat(43));
    const attacker = browser();
    attacker.cookies.set('porm_session', 'A'.repeat(43));
    assert.equal((await visit(h, attacker, 'GET', '/dashboard')).status, 303);
    const stolen = victim.cookies.get('porm_session')!;
    const page = await visit(h, victim, 'GET', '/dashboard');
    assert.equal((await visit(h, victim, 'POST', '/dashboard/logout', { csrf: csrfOf(page.text) })).status, 303);
    const replay = browser();
    replay.cookies.set('porm_session', stolen);
    assert.equal((await visit(h, replay, 'GET', '/dashboard')).status, 303, 'the old id is dead after sign-out');
  });

  it('throttles guessing after five failures for an e-mail, and says the same for unknown users', async () => {
    const b = browser();
    for (let i = 0; i < 5; i++) {
      const res = await signIn(h, b, 'victim@example.com', `wrong password ${i}`);
      assert.equal(res.status, 401);
      assert.match(res.text, /PORM_DASHBOARD_BAD_CREDENTIALS/);
    }
    const throttled = await signIn(h, b, 'victim@example.com', 'another guess here');
    assert.equal(throttled.status, 429);
    assert.ok(Number(throttled.headers.get('retry-after')) > 0);
    assert.match(throttled.text, /PORM_DASHBOARD_THROTTLED/);
  });

  it('lets an admin invite members but not owners, and keeps admin pages from members and read-only users', async () => {
    const users = await visit(h, owner, 'GET', '/dashboard/users');
    const invite = await visit(h, owner, 'POST', '/dashboard/users', { csrf: csrfOf(users.text), email: 'mo@example.com', role: 'member' });
    assert.equal(invite.status, 200, invite.text);
    const token = /\/dashboard\/link\/([A-Za-z0-9_-]{43})/.exec(invite.text)?.[1];
    assert.ok(token);
    const member = browser();
    assert.equal(await acceptLink(h, member, token, { password: 'short' }), 400, 'weak password refused');
    assert.equal(await acceptLink(h, member, token, { name: 'Mo', password: PASSWORD }), 303);
    assert.equal((await visit(h, member, 'GET', '/dashboard/users')).status, 403);
    const forged = await visit(h, member, 'POST', '/dashboard/users', { csrf: csrfOf((await visit(h, member, 'GET', '/dashboard')).text), email: 'x@example.com', role: 'owner' });
    assert.equal(forged.status, 403);
    assert.equal((await visit(h, member, 'GET', '/dashboard/messages')).status, 200);

    const adminLink = await h.porm.services.dashboard.users.invite(h.porm.bootstrap.accountId, 'ada@example.com', 'admin');
    const admin = browser();
    assert.equal(await acceptLink(h, admin, adminLink, { password: PASSWORD }), 303);
    const page = await visit(h, admin, 'GET', '/dashboard/users');
    const asOwner = await visit(h, admin, 'POST', '/dashboard/users', { csrf: csrfOf(page.text), email: 'evil@example.com', role: 'owner' });
    assert.equal(asOwner.status, 403);
    assert.match(asOwner.text, /PORM_DASHBOARD_FORBIDDEN/);
  });

  it('shows an account only its own messages, with what senders wrote escaped', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & more';
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: xss });
    assert.equal(sent.status, 201, sent.text);
    const list = await visit(h, owner, 'GET', '/dashboard/messages');
    assert.ok(list.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; more'));
    assert.ok(!list.text.includes('<script>alert(1)'));
    const page = await visit(h, owner, 'GET', `/dashboard/messages/${String(sent.body.id)}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h2>Timeline<\/h2>/);
    assert.ok(!page.text.includes('<img src=x'));
    const filtered = await visit(h, owner, 'GET', '/dashboard/messages?status=bogus&to=%3Cb%3E');
    assert.equal(filtered.status, 400);
    assert.ok(!filtered.text.includes('<b>'));

    const other = await h.porm.services.accounts.create('other');
    const otherLink = await h.porm.services.dashboard.users.invite(other.account.id, 'oscar@example.com', 'admin');
    const oscar = browser();
    assert.equal(await acceptLink(h, oscar, otherLink, { password: PASSWORD }), 303);
    assert.equal((await visit(h, oscar, 'GET', `/dashboard/messages/${String(sent.body.id)}`)).status, 404);
    assert.ok(!(await visit(h, oscar, 'GET', '/dashboard/messages')).text.includes(String(sent.body.id)));
    assert.doesNotMatch((await visit(h, oscar, 'GET', '/dashboard/users')).text, /owner@example\.com/);
  });
});
