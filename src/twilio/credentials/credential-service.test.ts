import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../store/sqlite-store.ts';
import { AccountService } from '../../accounts/accounts.ts';
import { cleanup, tempDir } from '../../../test/helpers/harness.ts';
import { TwilioCredentials } from './credential-service.ts';
import { accountSidFor } from './sids.ts';

async function fixture(): Promise<{ store: SqliteStore; creds: TwilioCredentials; clock: { ms: number; now(): number }; a: string; b: string; dir: string }> {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 't.db'));
  const clock = { ms: 1_700_000_000_000, now(): number { return this.ms; } };
  const accounts = new AccountService(store, clock);
  const a = (await accounts.create('a')).account.id;
  const b = (await accounts.create('b')).account.id;
  return { store, creds: new TwilioCredentials(store, clock), clock, a, b, dir };
}

test('an account gets an AC SID and a token on first use, once; the token is shown only to the first caller', async () => {
  const { store, creds, a, b, dir } = await fixture();
  const [first, second] = await Promise.all([creds.ensure(a), creds.ensure(a)]);
  assert.match(first.account.accountSid, /^AC[0-9a-f]{32}$/);
  assert.equal(first.account.accountSid, accountSidFor(a));
  assert.equal([first.createdToken, second.createdToken].filter((t) => t !== undefined).length, 1);
  const token = await creds.authTokenOf(a);
  assert.match(token, /^[0-9a-f]{32}$/);
  assert.equal(token, first.createdToken ?? second.createdToken);
  assert.equal(await creds.accountSidOf(a), first.account.accountSid);
  assert.notEqual(await creds.accountSidOf(b), first.account.accountSid);
  assert.equal(await creds.accountIdOf(first.account.accountSid), a);
  assert.equal(await creds.accountIdOf(accountSidFor('acct_nobody')), undefined);
  await store.close();
  cleanup(dir);
});

test('Basic auth: AC SID with its token, never with another account\'s token; rotation keeps both until promotion', async () => {
  const { store, creds, clock, a, b, dir } = await fixture();
  const sid = await creds.accountSidOf(a);
  const old = await creds.authTokenOf(a);
  const tokenB = await creds.authTokenOf(b);
  assert.deepEqual(await creds.authenticate(sid, old), { accountId: a, accountSid: sid, credential: sid });
  assert.equal(await creds.authenticate(sid, tokenB), undefined);
  assert.equal(await creds.authenticate(sid, `${old}x`), undefined);
  assert.equal(await creds.authenticate(sid, ''), undefined);
  await assert.rejects(creds.promoteSecondaryToken(a), { code: 'PORM_TWILIO_NO_SECONDARY_TOKEN' });
  const secondary = await creds.createSecondaryToken(a);
  assert.notEqual(secondary, old);
  assert.equal((await creds.authenticate(sid, old))?.accountId, a);
  assert.equal((await creds.authenticate(sid, secondary))?.accountId, a);
  assert.equal(await creds.authTokenOf(a), old, 'the primary still signs callbacks until the promotion');
  await creds.promoteSecondaryToken(a);
  assert.equal(await creds.authTokenOf(a), secondary);
  assert.equal(await creds.authenticate(sid, old), undefined, 'the old primary stops working at once (cache cleared)');
  clock.ms += 5000;
  assert.equal(await creds.authenticate(sid, old), undefined);
  assert.equal((await creds.authenticate(sid, secondary))?.accountId, a);
  await assert.rejects(creds.promoteSecondaryToken(a), { code: 'PORM_TWILIO_NO_SECONDARY_TOKEN' });
  const dropped = await creds.createSecondaryToken(a);
  assert.equal(await creds.deleteSecondaryToken(a), true);
  assert.equal(await creds.authenticate(sid, dropped), undefined);
  assert.equal(await creds.deleteSecondaryToken(a), false);
  await store.close();
  cleanup(dir);
});

test('SK API keys: secret shown once, stored hashed, authenticates for its account until revoked', async () => {
  const { store, creds, a, b, dir } = await fixture();
  const key = await creds.createApiKey(a, 'ci');
  assert.match(key.sid, /^SK[0-9a-f]{32}$/);
  const stored = await store.db.selectFrom('twilio_api_keys').selectAll().where('sid', '=', key.sid).executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(stored).includes(key.secret), 'the secret is not stored');
  assert.deepEqual(await creds.authenticate(key.sid, key.secret), { accountId: a, accountSid: await creds.accountSidOf(a), credential: key.sid });
  assert.equal(await creds.authenticate(key.sid, 'wrong'), undefined);
  assert.deepEqual((await creds.listApiKeys(a)).map((k) => [k.sid, k.friendlyName, k.revokedAt]), [[key.sid, 'ci', null]]);
  assert.deepEqual(await creds.listApiKeys(b), []);
  await assert.rejects(creds.revokeApiKey(b, key.sid), { code: 'PORM_TWILIO_KEY_NOT_FOUND' }, 'another account cannot revoke it');
  assert.equal((await creds.authenticate(key.sid, key.secret))?.accountId, a);
  await creds.revokeApiKey(a, key.sid);
  await creds.revokeApiKey(a, key.sid);
  assert.equal(await creds.authenticate(key.sid, key.secret), undefined);
  await store.close();
  cleanup(dir);
});
