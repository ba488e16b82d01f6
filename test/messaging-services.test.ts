import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, request, startHarness, type ApiResponse, type Harness } from './helpers/harness.ts';
import type { SendCommand } from '../src/messages/commands.ts';
import { isPormError } from '../src/errors.ts';

// /v1/messaging-services (sender pools) over HTTP, and sending through them with porm's own
// SendService: validation and hostile input, account isolation, selection by capability, and the
// sticky sender under concurrent sends (the pool's choice is random, so only the stored sticky
// row can make concurrent sends to one recipient agree).

const SMS_ONLY = '+14155550150';
const MMS_ONLY = '+14155550151';
const BOTH = ['+14155550152', '+14155550153', '+14155550154'];

describe('messaging services (sender pools)', () => {
  let h: Harness;
  let keyB: string;
  let accountA: string;
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  const problem = (res: ApiResponse, status: number, code: string, field?: string): void => {
    assert.equal(res.status, status, res.text);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(res.body.code, code, res.text);
    if (field !== undefined) assert.equal((res.body.errors as Array<{ field: string }> | undefined)?.[0]?.field, field, res.text);
  };
  const serviceCount = async (): Promise<number> => Number((await h.porm.services.store.db.selectFrom('messaging_services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const send = (command: Omit<SendCommand, 'accountId'>) => h.porm.services.send.send({ accountId: accountA, ...command });
  const codeOf = async (run: () => Promise<unknown>): Promise<string> => {
    try {
      await run();
    } catch (err) {
      if (isPormError(err)) return err.code;
      throw err;
    }
    return 'no error';
  };
  const create = async (body: Record<string, unknown>): Promise<{ id: string; twilio_sid: string }> => {
    const res = await h.api('POST', '/v1/messaging-services', body);
    assert.equal(res.status, 201, res.text);
    return res.body as { id: string; twilio_sid: string };
  };

  before(async () => {
    h = await startHarness();
    accountA = h.porm.bootstrap.accountId;
    await h.porm.services.twilio.ensure(accountA);
    const other = await h.porm.services.accounts.create('b');
    keyB = other.apiKey.key;
    assert.equal((await h.api('POST', '/v1/numbers', { number: SMS_ONLY, capabilities: ['sms'] })).status, 201);
    assert.equal((await h.api('POST', '/v1/numbers', { number: MMS_ONLY, capabilities: ['mms'] })).status, 201);
    for (const n of BOTH) assert.equal((await h.api('POST', '/v1/numbers', { number: n })).status, 201);
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });

  test('create, read, list, change, numbers in and out, delete', async () => {
    const numberId = String((await h.api('GET', `/v1/numbers/${BOTH[0]}`)).body.id);
    const res = await h.api('POST', '/v1/messaging-services', { name: '  Shop  ', numbers: [numberId, BOTH[1]], status_callback: 'https://cb.example/status' });
    assert.equal(res.status, 201, res.text);
    const id = String(res.body.id);
    assert.match(id, /^mgs_[0-9a-z]{26}$/);
    assert.equal(res.headers.get('location'), `/v1/messaging-services/${id}`);
    assert.match(String(res.body.twilio_sid), /^MG[0-9a-f]{32}$/);
    assert.equal(res.body.name, 'Shop', 'trimmed');
    assert.equal(res.body.sticky_sender, true, 'sticky by default');
    assert.equal(res.body.status_callback, 'https://cb.example/status');
    assert.equal(res.body.inbound_webhook, null);
    const numbers = res.body.numbers as Array<{ id: string; number: string; twilio_sid: string; capabilities: string[] }>;
    assert.deepEqual(numbers.map((n) => n.number), [BOTH[0], BOTH[1]]);
    assert.equal(numbers[0]!.id, numberId);
    assert.match(numbers[0]!.twilio_sid, /^PN[0-9a-f]{32}$/);

    assert.deepEqual((await h.api('GET', `/v1/messaging-services/${id}`)).body, res.body);
    const listed = await h.api('GET', '/v1/messaging-services?limit=1');
    assert.equal(listed.status, 200);
    assert.equal((listed.body.data as Array<{ id: string }>)[0]!.id, id, 'newest first');

    const patched = await h.api('PATCH', `/v1/messaging-services/${id}`, { name: 'Shop 2', sticky_sender: false, status_callback: null, inbound_webhook: { url: 'https://app.example/sms', method: 'GET' } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.name, 'Shop 2');
    assert.equal(patched.body.sticky_sender, false);
    assert.equal(patched.body.status_callback, null);
    assert.deepEqual(patched.body.inbound_webhook, { url: 'https://app.example/sms', method: 'GET', dialect: 'twilio' });

    const added = await h.api('POST', `/v1/messaging-services/${id}/numbers`, { number: BOTH[2] });
    assert.equal(added.status, 200, added.text);
    assert.equal((added.body.numbers as unknown[]).length, 3);
    const again = await h.api('POST', `/v1/messaging-services/${id}/numbers`, { number: BOTH[2] });
    assert.equal((again.body.numbers as unknown[]).length, 3, 'adding a member again changes nothing');
    const removed = await h.api('DELETE', `/v1/messaging-services/${id}/numbers/${encodeURIComponent(BOTH[2]!)}`);
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual((removed.body.numbers as Array<{ number: string }>).map((n) => n.number), [BOTH[0], BOTH[1]]);
    problem(await h.api('DELETE', `/v1/messaging-services/${id}/numbers/${encodeURIComponent(BOTH[2]!)}`), 404, 'PORM_MESSAGING_SERVICE_NUMBER_NOT_FOUND');

    // A number is in one service at most.
    const second = await create({ name: 'Other' });
    problem(await h.api('POST', `/v1/messaging-services/${second.id}/numbers`, { number: BOTH[0] }), 409, 'PORM_MESSAGING_SERVICE_NUMBER_TAKEN', '/number');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'Third', numbers: [BOTH[1]] }), 409, 'PORM_MESSAGING_SERVICE_NUMBER_TAKEN', '/numbers/0');

    assert.equal((await h.api('DELETE', `/v1/messaging-services/${id}`)).status, 204);
    problem(await h.api('GET', `/v1/messaging-services/${id}`), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await h.api('DELETE', `/v1/messaging-services/${id}`), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    // Its numbers are free again, and still the account's.
    assert.equal((await h.api('POST', `/v1/messaging-services/${second.id}/numbers`, { number: BOTH[0] })).status, 200);
    assert.equal((await h.api('GET', `/v1/numbers/${BOTH[0]}`)).status, 200);
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${second.id}`)).status, 204);
  });

  test('bad and hostile input: clear codes, and nothing stored', async () => {
    const before = await serviceCount();
    problem(await h.api('POST', '/v1/messaging-services', {}), 400, 'PORM_MISSING_FIELD');
    problem(await h.api('POST', '/v1/messaging-services', { name: '' }), 400, 'PORM_INVALID_FIELD', '/name');
    problem(await h.api('POST', '/v1/messaging-services', { name: '   ' }), 400, 'PORM_INVALID_FIELD', '/name');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'a\u0000b' }), 400, 'PORM_INVALID_FIELD', '/name');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x'.repeat(65) }), 400, 'PORM_INVALID_FIELD', '/name');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', extra: 1 }), 400, 'PORM_UNKNOWN_FIELD', '/extra');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', sticky_sender: 'yes' }), 400, 'PORM_INVALID_FIELD', '/sticky_sender');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', status_callback: 'ftp://cb.example/' }), 400, 'PORM_INVALID_URL', '/status_callback');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', status_callback: 'https://user:pw@cb.example/' }), 400, 'PORM_INVALID_URL', '/status_callback');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', inbound_webhook: { url: 'javascript:alert(1)' } }), 400, 'PORM_INVALID_URL', '/inbound_webhook/url');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', inbound_webhook: { url: 'https://a.example/', method: 'PUT' } }), 400, 'PORM_INVALID_FIELD', '/inbound_webhook/method');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', numbers: ['+14155550199'] }), 404, 'PORM_NUMBER_NOT_FOUND', '/numbers/0');
    // The first number is fine: the failing second one leaves nothing behind.
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', numbers: [SMS_ONLY, 'num_01jd8x0000000000000000000z'] }), 404, 'PORM_NUMBER_NOT_FOUND', '/numbers/1');
    problem(await h.api('POST', '/v1/messaging-services', { name: 'x', numbers: Array.from({ length: 401 }, () => SMS_ONLY) }), 400, 'PORM_INVALID_FIELD', '/numbers');
    problem(await h.api('POST', '/v1/messaging-services', '{"name": "x", "numbers": [', { 'content-type': 'application/json' }), 400, 'PORM_INVALID_JSON');
    assert.equal(await serviceCount(), before);

    problem(await h.api('GET', '/v1/messaging-services/mgs_nope'), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await h.api('GET', `/v1/messaging-services/${encodeURIComponent("mgs_' OR 1=1 --")}`), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await h.api('GET', `/v1/messaging-services/${'m'.repeat(65)}`), 400, 'PORM_INVALID_FIELD', '/params/id');
    problem(await h.api('GET', '/v1/messaging-services?cursor=bm9wZQ'), 400, 'PORM_INVALID_CURSOR');
    problem(await h.api('GET', '/v1/messaging-services?limit=0'), 400, 'PORM_INVALID_FIELD', '/query/limit');
    const svc = await create({ name: 'Hostile' });
    problem(await h.api('POST', `/v1/messaging-services/${svc.id}/numbers`, { number: '+1 415 555 01' }), 404, 'PORM_NUMBER_NOT_FOUND', '/number');
    problem(await h.api('POST', `/v1/messaging-services/${svc.id}/numbers`, {}), 400, 'PORM_MISSING_FIELD');
    problem(await h.api('PATCH', `/v1/messaging-services/${svc.id}`, { numbers: [] }), 400, 'PORM_UNKNOWN_FIELD', '/numbers');
    problem(await h.api('PATCH', `/v1/messaging-services/${svc.id}`, { name: '\u0007' }), 400, 'PORM_INVALID_FIELD', '/name');
    problem(await h.api('GET', '/v1/messaging-services', undefined, { authorization: 'Bearer porm_wrong' }), 401, 'PORM_AUTH_INVALID');
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${svc.id}`)).status, 204);
  });

  test('another account sees, changes and uses nothing of a service, and cannot pool its numbers', async () => {
    const svc = await create({ name: 'Mine', numbers: [SMS_ONLY] });
    const path = `/v1/messaging-services/${svc.id}`;
    problem(await b('GET', path), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await b('PATCH', path, { name: 'stolen' }), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await b('POST', `${path}/numbers`, { number: '+14155550160' }), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await b('DELETE', `${path}/numbers/${encodeURIComponent(SMS_ONLY)}`), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    problem(await b('DELETE', path), 404, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    assert.ok(!((await b('GET', '/v1/messaging-services')).body.data as Array<{ id: string }>).some((s) => s.id === svc.id));
    // B's own service cannot take A's number.
    const mine = await b('POST', '/v1/messaging-services', { name: 'B' });
    assert.equal(mine.status, 201);
    problem(await b('POST', `/v1/messaging-services/${String(mine.body.id)}/numbers`, { number: SMS_ONLY }), 404, 'PORM_NUMBER_NOT_FOUND');
    problem(await b('POST', '/v1/messaging-services', { name: 'B2', numbers: [SMS_ONLY] }), 404, 'PORM_NUMBER_NOT_FOUND');
    // Nor send through A's service.
    const accountB = (await h.porm.services.store.db.selectFrom('api_keys').select('account_id').where('account_id', '!=', accountA).executeTakeFirstOrThrow()).account_id;
    const code = await codeOf(() => h.porm.services.send.send({ accountId: accountB, to: '+14155550100', from: '', messagingServiceId: svc.id, body: 'x' }));
    assert.equal(code, 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    assert.equal((await h.api('GET', path)).body.name, 'Mine', 'unchanged');
    assert.equal((await h.api('DELETE', path)).status, 204);
  });

  test('selection by capability: MMS from an mms number, text from an sms one; stand-ins when the pool has none', async () => {
    const svc = await create({ name: 'Caps', numbers: [SMS_ONLY, MMS_ONLY] });
    for (let i = 0; i < 6; i++) {
      const to = `+1415555011${i}`;
      const text = await send({ to, from: '', messagingServiceId: svc.id, body: 'text' });
      assert.equal(text.message.from, SMS_ONLY);
      assert.equal(text.message.messagingServiceId, svc.id);
      const mms = await send({ to, from: '', messagingServiceId: svc.id, body: 'pic', media: [{ url: 'https://media.example/a.png' }] });
      assert.equal(mms.message.from, MMS_ONLY, 'the recipient\'s sticky SMS number cannot carry it: another pool number does, once');
      assert.equal((await send({ to, from: '', messagingServiceId: svc.id, body: 'text again' })).message.from, SMS_ONLY, 'the sticky sender stays');
    }
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${svc.id}/numbers/${encodeURIComponent(MMS_ONLY)}`)).status, 200);
    const standIn = await send({ to: '+14155550120', from: '', messagingServiceId: svc.id, body: 'pic', media: [{ url: 'https://media.example/a.png' }] });
    assert.equal(standIn.message.from, SMS_ONLY, 'no mms number in the pool: an SMS one stands in');
    assert.equal(standIn.message.fallback, 'sms', 'and any permanent MMS failure falls back to SMS with a media link');
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${svc.id}/numbers/${encodeURIComponent(SMS_ONLY)}`)).status, 200);
    assert.equal(await codeOf(() => send({ to: '+14155550120', from: '', messagingServiceId: svc.id, body: 'x' })), 'PORM_MESSAGING_SERVICE_EMPTY');
    assert.equal(await codeOf(() => send({ to: '+14155550120', from: '', body: 'x' })), 'PORM_INVALID_PHONE_NUMBER', 'no sender and no service');
    assert.equal(await codeOf(() => send({ to: '+14155550120', from: '', messagingServiceId: 'mgs_01jd8x0000000000000000000z', body: 'x' })), 'PORM_MESSAGING_SERVICE_NOT_FOUND');
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${svc.id}`)).status, 204);
  });

  test('a From given wins (and must be the account\'s); the service\'s status callback is the default', async () => {
    const svc = await create({ name: 'Defaults', numbers: [BOTH[0]], status_callback: 'https://cb.example/pool' });
    const given = await send({ to: '+14155550121', from: BOTH[1]!, messagingServiceId: svc.id, body: 'x' });
    assert.equal(given.message.from, BOTH[1], 'a number of the account outside the pool');
    assert.equal(given.message.statusCallback, 'https://cb.example/pool');
    assert.equal(given.message.messagingServiceId, svc.id);
    const own = await send({ to: '+14155550121', from: '', messagingServiceId: svc.id, body: 'x', statusCallback: 'https://cb.example/own' });
    assert.equal(own.message.statusCallback, 'https://cb.example/own');
    assert.equal(own.message.from, BOTH[0]);
    const foreign = await b('POST', '/v1/numbers', { number: '+14155550161' });
    assert.equal(foreign.status, 201);
    assert.equal(await codeOf(() => send({ to: '+14155550121', from: '+14155550161', messagingServiceId: svc.id, body: 'x' })), 'PORM_SENDER_NOT_OWNED');
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${svc.id}`)).status, 204);
  });

  test('sticky sender under concurrent sends: every recipient keeps one number; off, a recipient gets several', async () => {
    const sticky = await create({ name: 'Sticky', numbers: BOTH });
    const recipients = Array.from({ length: 6 }, (_, i) => `+1415555013${i}`);
    const sent = await Promise.all(recipients.flatMap((to) => Array.from({ length: 8 }, () => send({ to, from: '', messagingServiceId: sticky.id, body: 'hi' }))));
    const stored = await h.porm.services.store.db.selectFrom('messaging_service_senders as s').innerJoin('numbers as n', 'n.id', 's.number_id')
      .select(['s.to_number', 'n.number']).where('s.service_id', '=', sticky.id).execute();
    assert.equal(stored.length, recipients.length, 'one sticky row per recipient');
    const stickyOf = new Map(stored.map((r) => [r.to_number, r.number]));
    for (const { message } of sent) assert.equal(message.from, stickyOf.get(message.to), `${message.to} kept its number`);
    for (const { message } of sent) assert.ok(BOTH.includes(message.from));

    // Its number leaves the pool: the recipient gets another, kept from then on.
    const to = recipients[0]!;
    const first = stickyOf.get(to)!;
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${sticky.id}/numbers/${encodeURIComponent(first)}`)).status, 200);
    const next = await Promise.all(Array.from({ length: 5 }, () => send({ to, from: '', messagingServiceId: sticky.id, body: 'again' })));
    const froms = new Set(next.map((s) => s.message.from));
    assert.equal(froms.size, 1, [...froms].join(', '));
    assert.notEqual([...froms][0], first);

    const loose = await h.api('PATCH', `/v1/messaging-services/${sticky.id}`, { sticky_sender: false });
    assert.equal(loose.status, 200);
    assert.equal((await h.api('POST', `/v1/messaging-services/${sticky.id}/numbers`, { number: first })).status, 200);
    // 3 numbers, 30 sends: all from one number by chance has odds 3^-29.
    const spread = await Promise.all(Array.from({ length: 30 }, () => send({ to: '+14155550140', from: '', messagingServiceId: sticky.id, body: 'loose' })));
    assert.ok(new Set(spread.map((s) => s.message.from)).size > 1, 'without stickiness the pool spreads one recipient\'s messages');
    assert.equal((await h.api('DELETE', `/v1/messaging-services/${sticky.id}`)).status, 204);
    assert.equal((await h.porm.services.store.db.selectFrom('messaging_service_senders').select('to_number').where('service_id', '=', sticky.id).execute()).length, 0);
  });
});
