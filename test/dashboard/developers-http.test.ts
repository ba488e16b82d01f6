// The developers' pages over real HTTP: admins only (every route, GET and POST), one account's
// endpoints, keys and deliveries invisible to another, CSRF, API key secrets shown once, revoke
// honoured by /v1, "send again" re-delivering to a real receiver, and hostile text escaped.
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, request, waitForStatus, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner, person, submit, visit, type Jar } from '../helpers/dashboard-http.ts';
import { WebhookReceiver } from '../helpers/webhook-receiver.ts';

const GETS = ['/dashboard/developers', '/dashboard/developers/webhooks', '/dashboard/developers/webhooks/whe_x', '/dashboard/developers/keys', '/dashboard/developers/twilio'];
const POSTS = ['/dashboard/developers/webhooks', '/dashboard/developers/webhooks/whe_x/delete', '/dashboard/developers/webhooks/whe_x/deliveries/whd_x/send-again',
  '/dashboard/developers/keys', '/dashboard/developers/keys/key_x/revoke', '/dashboard/developers/twilio/token', '/dashboard/developers/twilio/secondary',
  '/dashboard/developers/twilio/promote', '/dashboard/developers/twilio/secondary/delete'];

const endpointIdIn = (page: string): string => /href="\/dashboard\/developers\/webhooks\/(whe_[0-9a-z]+)"/.exec(page)?.[1] ?? '';

describe('dashboard developers pages', () => {
  let h: Harness;
  let admin: Jar;
  let receiver: WebhookReceiver;
  withHarness((harness) => { h = harness; });
  before(async () => {
    await owner(h);
    admin = await person(h, 'admin', 'ada@example.com');
    receiver = await new WebhookReceiver().start();
  });
  after(async () => { await receiver.stop(); });

  it('refuses members and read-only users on every developers route, GET and POST, and shows admins the nav entry', async () => {
    const member = await person(h, 'member', 'mia@example.com');
    const viewer = await person(h, 'read-only', 'rita@example.com');
    const memberHome = await visit(h, member, 'GET', '/dashboard');
    assert.doesNotMatch(memberHome.text, /href="\/dashboard\/developers"/);
    assert.match((await visit(h, admin, 'GET', '/dashboard')).text, /href="\/dashboard\/developers">Developers</);
    for (const who of [member, viewer]) {
      const token = csrfOf((await visit(h, who, 'GET', '/dashboard')).text);
      for (const path of GETS) {
        const res = await visit(h, who, 'GET', path);
        assert.equal(res.status, 403, `GET ${path}`);
        assert.match(res.text, /PORM_DASHBOARD_FORBIDDEN/);
      }
      for (const path of POSTS) {
        const res = await visit(h, who, 'POST', path, { csrf: token, url: 'https://example.com/hook', name: 'k' });
        assert.equal(res.status, 403, `POST ${path}`);
        assert.match(res.text, /PORM_DASHBOARD_FORBIDDEN/);
      }
    }
    assert.equal((await h.porm.services.webhooks.list(h.porm.bootstrap.accountId)).length, 0, 'nothing was made by the refused posts');
  });

  it('refuses every developers form without the session CSRF token', async () => {
    for (const path of POSTS) {
      const res = await visit(h, admin, 'POST', path, { url: 'https://example.com/hook', name: 'k' });
      assert.equal(res.status, 403, `POST ${path}`);
      assert.match(res.text, /PORM_DASHBOARD_CSRF/);
      const forged = await visit(h, admin, 'POST', path, { csrf: 'A'.repeat(43), url: 'https://example.com/hook', name: 'k' });
      assert.equal(forged.status, 403, `POST ${path} with a forged token`);
    }
    assert.equal((await h.porm.services.keys.list(h.porm.bootstrap.accountId)).length, 1, 'only the bootstrap key');
  });

  it('shows an API key secret once (no-store), lists only its prefix, and revoking it makes /v1 refuse it', async () => {
    const created = await submit(h, admin, '/dashboard/developers/keys', { name: 'ci <deploy>' });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const key = /class="dev-secret-value">(porm_[A-Za-z0-9]+)</.exec(created.text)?.[1];
    assert.ok(key, 'the secret is on the page');
    assert.equal(created.text.split(key).length - 1, 1, 'exactly once');
    assert.match(created.text, /ci &lt;deploy&gt;/);
    assert.equal((await request(h.url, 'GET', '/v1/account', undefined, { authorization: `Bearer ${key}` })).status, 200);
    const later = await visit(h, admin, 'GET', '/dashboard/developers/keys');
    assert.ok(!later.text.includes(key), 'never shown again');
    assert.ok(later.text.includes(`${key.slice(0, 9)}…`), 'the prefix is');
    const id = (await h.porm.services.keys.list(h.porm.bootstrap.accountId)).find((k) => k.name === 'ci <deploy>')!.id;
    const revoked = await visit(h, admin, 'POST', `/dashboard/developers/keys/${id}/revoke`, { csrf: csrfOf(later.text) });
    assert.equal(revoked.status, 200, revoked.text);
    assert.match(revoked.text, /Revoked/);
    const refused = await request(h.url, 'GET', '/v1/account', undefined, { authorization: `Bearer ${key}` });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'PORM_AUTH_REVOKED');
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const bad = await submit(h, admin, '/dashboard/developers/keys', { name });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /PORM_INVALID_FIELD/);
    }
  });

  it('adds endpoints with the API\'s validation codes, escapes what was typed, and deletes them', async () => {
    const bad = await submit(h, admin, '/dashboard/developers/webhooks', { url: 'javascript:alert(1)', events: '*' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /PORM_INVALID_URL/);
    assert.match(bad.text, /aria-invalid="true"/);
    const badEvent = await submit(h, admin, '/dashboard/developers/webhooks', { url: 'https://example.com/hook', events: 'message.delivered, <b>nope</b>' });
    assert.equal(badEvent.status, 400);
    assert.match(badEvent.text, /PORM_INVALID_FIELD/);
    assert.doesNotMatch(badEvent.text, /<b>nope<\/b>/);
    const hostile = await submit(h, admin, '/dashboard/developers/webhooks', { url: 'https://example.com/hook?a="><script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' });
    assert.equal(hostile.status, 200, hostile.text);
    assert.doesNotMatch(hostile.text, /<script>alert|<img src=x/);
    assert.match(hostile.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
    const id = endpointIdIn(hostile.text);
    const shown = await visit(h, admin, 'GET', `/dashboard/developers/webhooks/${id}`);
    assert.equal(shown.status, 200);
    assert.doesNotMatch(shown.text, /<script>alert|<img src=x/);
    const deleted = await visit(h, admin, 'POST', `/dashboard/developers/webhooks/${id}/delete`, { csrf: csrfOf(shown.text) });
    assert.equal(deleted.status, 200);
    assert.equal((await visit(h, admin, 'GET', `/dashboard/developers/webhooks/${id}`)).status, 404);
    assert.equal((await h.api('GET', `/v1/webhooks/${id}`)).status, 404);
  });

  it('sends a delivery again to a real receiver through the delivery machinery, with the same webhook-id', async () => {
    const added = await submit(h, admin, '/dashboard/developers/webhooks', { url: receiver.url, events: 'message.delivered', description: 'ops' });
    const id = endpointIdIn(added.text);
    assert.ok(id, added.text);
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'hook me' });
    await waitForStatus(h, String(sent.body.id), 'delivered');
    const first = await eventually(async () => receiver.received.find((r) => r.json.type === 'message.delivered'), 10_000, 'the first delivery');
    const deliveryId = String(first.headers['webhook-id']);
    await eventually(async () => (await h.porm.services.deliveries.get(h.porm.bootstrap.accountId, deliveryId)).status === 'succeeded' || undefined);
    const log = await visit(h, admin, 'GET', `/dashboard/developers/webhooks/${id}`);
    assert.match(log.text, /succeeded/);
    assert.match(log.text, new RegExp(`/deliveries/${deliveryId}/send-again`));
    const again = await visit(h, admin, 'POST', `/dashboard/developers/webhooks/${id}/deliveries/${deliveryId}/send-again`, { csrf: csrfOf(log.text) });
    assert.equal(again.status, 200, again.text);
    assert.match(again.text, /Queued to be sent again/);
    const second = await eventually(async () => {
      const hooks = receiver.received.filter((r) => r.headers['webhook-id'] === deliveryId);
      return hooks.length >= 2 ? hooks : undefined;
    }, 10_000, 'the delivery sent again');
    assert.equal(second[1]!.json.type, 'message.delivered');
    const settled = await eventually(async () => {
      const d = await h.porm.services.deliveries.get(h.porm.bootstrap.accountId, deliveryId);
      return d.status === 'succeeded' && d.attempts === 2 ? d : undefined;
    });
    assert.equal(settled.attemptLog.length, 2);
    assert.equal(settled.attemptLog[1]!.statusCode, 200);
    // Through another endpoint's path the delivery does not exist.
    const other = await h.porm.services.webhooks.create(h.porm.bootstrap.accountId, { url: 'https://example.com/other' });
    const wrong = await visit(h, admin, 'POST', `/dashboard/developers/webhooks/${other.id}/deliveries/${deliveryId}/send-again`, { csrf: csrfOf(log.text) });
    assert.equal(wrong.status, 404);
    assert.match(wrong.text, /PORM_WEBHOOK_DELIVERY_NOT_FOUND/);
  });

  it('refuses to send again a delivery that is still pending', async () => {
    const endpoint = await h.porm.services.webhooks.create(h.porm.bootstrap.accountId, { url: receiver.url, events: ['message.failed'] });
    // A delivery queued far in the future: pending, and not yet attempted.
    const deliveryId = 'whd_01jzzzzzzzzzzzzzzzzzzzzzzz';
    const now = h.porm.services.clock.now();
    await h.porm.services.store.write((tx) => tx.insertInto('webhook_deliveries').values({
      id: deliveryId, account_id: h.porm.bootstrap.accountId, endpoint_id: endpoint.id, message_id: null, url: receiver.url, event_type: 'message.failed', payload_json: '{}',
      dialect: 'standard', subject_kind: null, subject_id: null, event_json: null, status: 'pending', attempts: 0, next_attempt_at: now + 86_400_000, created_at: now, updated_at: now,
    }).execute());
    const page = await visit(h, admin, 'GET', `/dashboard/developers/webhooks/${endpoint.id}`);
    assert.match(page.text, /queued/);
    const res = await visit(h, admin, 'POST', `/dashboard/developers/webhooks/${endpoint.id}/deliveries/${deliveryId}/send-again`, { csrf: csrfOf(page.text) });
    assert.equal(res.status, 409);
    assert.match(res.text, /PORM_DASHBOARD_DELIVERY_PENDING/);
  });

  it('keeps another account\'s endpoints, deliveries and keys out of reach (404)', async () => {
    const { account } = await h.porm.services.accounts.create('Other Co');
    const theirs = await h.porm.services.webhooks.create(account.id, { url: 'https://example.com/theirs', description: 'their secret hook' });
    const theirKey = await h.porm.services.keys.create(account.id, 'their key');
    const stranger = await person(h, 'admin', 'sam@other.example', account.id);
    const ours = (await h.porm.services.webhooks.list(h.porm.bootstrap.accountId))[0]!;
    const ourDelivery = (await h.porm.services.deliveries.list(h.porm.bootstrap.accountId, {}, 1)).data[0]!;
    const page = await visit(h, stranger, 'GET', '/dashboard/developers/webhooks');
    assert.doesNotMatch(page.text, new RegExp(ours.id));
    assert.match(page.text, /their secret hook/);
    const csrf = csrfOf(page.text);
    assert.equal((await visit(h, stranger, 'GET', `/dashboard/developers/webhooks/${ours.id}`)).status, 404);
    assert.equal((await visit(h, stranger, 'POST', `/dashboard/developers/webhooks/${ours.id}/deliveries/${ourDelivery.id}/send-again`, { csrf })).status, 404);
    assert.equal((await visit(h, stranger, 'POST', `/dashboard/developers/webhooks/${theirs.id}/deliveries/${ourDelivery.id}/send-again`, { csrf })).status, 404);
    assert.equal((await visit(h, stranger, 'POST', `/dashboard/developers/webhooks/${ours.id}/delete`, { csrf })).status, 404);
    const bootstrapKey = (await h.porm.services.keys.list(h.porm.bootstrap.accountId))[0]!;
    const revoke = await visit(h, stranger, 'POST', `/dashboard/developers/keys/${bootstrapKey.id}/revoke`, { csrf });
    assert.equal(revoke.status, 404);
    assert.match(revoke.text, /PORM_DASHBOARD_API_KEY_NOT_FOUND/);
    assert.equal((await h.api('GET', '/v1/account')).status, 200, 'our key still works');
    const ourKeys = await visit(h, admin, 'GET', '/dashboard/developers/keys');
    assert.ok(!ourKeys.text.includes(theirKey.prefix) && !ourKeys.text.includes('their key'));
    assert.ok((await h.porm.services.webhooks.list(h.porm.bootstrap.accountId)).some((e) => e.id === ours.id), 'not deleted');
  });

  it('makes the Twilio auth token once, rotates it through a secondary token, and lists numbers and settings', async () => {
    const page = await visit(h, admin, 'GET', '/dashboard/developers/twilio');
    const sid = await h.porm.services.twilio.accountSidOf(h.porm.bootstrap.accountId);
    assert.match(page.text, new RegExp(sid));
    const made = await visit(h, admin, 'POST', '/dashboard/developers/twilio/token', { csrf: csrfOf(page.text) });
    assert.equal(made.headers.get('cache-control'), 'no-store');
    const token = /class="dev-secret-value">([0-9a-f]{32})</.exec(made.text)?.[1];
    assert.ok(token, made.text);
    assert.ok(await h.porm.services.twilio.authenticate(sid, token));
    const twice = await visit(h, admin, 'POST', '/dashboard/developers/twilio/token', { csrf: csrfOf(page.text) });
    assert.ok(!twice.text.includes(token), 'shown only when made');
    const secondary = await visit(h, admin, 'POST', '/dashboard/developers/twilio/secondary', { csrf: csrfOf(page.text) });
    const next = /class="dev-secret-value">([0-9a-f]{32})</.exec(secondary.text)?.[1];
    assert.ok(next);
    assert.equal((await visit(h, admin, 'POST', '/dashboard/developers/twilio/promote', { csrf: csrfOf(page.text) })).status, 200);
    assert.ok(await h.porm.services.twilio.authenticate(sid, next));
    const none = await visit(h, admin, 'POST', '/dashboard/developers/twilio/promote', { csrf: csrfOf(page.text) });
    assert.equal(none.status, 409);
    assert.match(none.text, /PORM_TWILIO_NO_SECONDARY_TOKEN/);
    await h.porm.services.numbers.create(h.porm.bootstrap.accountId, { number: '+14155550123', route: 'sandbox' });
    const home = await visit(h, admin, 'GET', '/dashboard/developers');
    assert.match(home.text, /\+14155550123/);
    assert.match(home.text, new RegExp(h.porm.services.publicUrl.value.replace(/[.]/g, '\\.')));
    assert.equal((await visit(h, admin, 'GET', '/dashboard/developers?cursor=%3Cbad%3E')).status, 400);
  });
});
