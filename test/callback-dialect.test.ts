import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type Config } from '../src/config.ts';
import { bootstrap, openServices } from '../src/main.ts';
import type { Services } from '../src/services.ts';
import { PormError } from '../src/errors.ts';
import type { CallbackDialect } from '../src/messages/commands.ts';
import { cleanup, tempDir, TEST_KEY } from './helpers/harness.ts';

// A message remembers the dialect its status_callback speaks (migration 0019): the surface that
// created it says which, and every status change queues the callback's delivery in that dialect.

describe('the callback dialect of a message', () => {
  let dataDir: string;
  let config: Config;
  let services: Services;
  let accountId: string;

  before(async () => {
    dataDir = tempDir();
    config = loadConfig({ data: dataDir, port: 0 }, { PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'silent', PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    services = await openServices(config);
    accountId = (await bootstrap(services)).accountId;
  });
  after(async () => {
    await services.store.close();
    cleanup(dataDir);
  });

  const dialectsOf = async (messageId: string): Promise<string[]> =>
    (await services.store.db.selectFrom('webhook_deliveries').select('dialect').where('message_id', '=', messageId).orderBy('id').execute()).map((r) => r.dialect);

  test('a Twilio-surface message stores its dialect and its callback deliveries are queued in it', async () => {
    const { message } = await services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 'twilio', statusCallback: 'http://127.0.0.1:9/cb', callbackDialect: 'twilio' });
    assert.equal(message.callbackDialect, 'twilio');
    const row = await services.store.db.selectFrom('messages').select('callback_dialect').where('id', '=', message.id).executeTakeFirstOrThrow();
    assert.equal(row.callback_dialect, 'twilio');
    await services.send.cancel({ accountId, messageId: message.id });
    // Twilio sends no callback for the initial status: accepted and queued are not told, canceled is.
    assert.deepEqual(await dialectsOf(message.id), ['twilio']);
  });

  test('without one a message is told in Standard Webhooks, and account endpoints always are', async () => {
    const endpoint = await services.webhooks.create(accountId, { url: 'http://127.0.0.1:9/endpoint', events: ['message.canceled'] });
    const { message } = await services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 'v1', statusCallback: 'http://127.0.0.1:9/cb' });
    assert.equal(message.callbackDialect, 'standard');
    const twilio = (await services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 't', statusCallback: 'http://127.0.0.1:9/cb', callbackDialect: 'twilio' })).message;
    await services.send.cancel({ accountId, messageId: twilio.id });
    const rows = await services.store.db.selectFrom('webhook_deliveries').select(['dialect', 'endpoint_id']).where('message_id', '=', twilio.id).where('event_type', '=', 'message.canceled').orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.endpoint_id === endpoint.id ? 'endpoint' : 'callback', r.dialect]), [['callback', 'twilio'], ['endpoint', 'standard']]);
    await services.webhooks.remove(accountId, endpoint.id);
    assert.deepEqual(await dialectsOf(message.id), ['standard', 'standard']);
  });

  test('a dialect porm does not know is refused and nothing is stored', async () => {
    const before = await services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await assert.rejects(
      services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 'x', callbackDialect: 'soap' as CallbackDialect }),
      (err: unknown) => err instanceof PormError && err.code === 'PORM_INVALID_FIELD' && err.fields[0]?.field === '/callbackDialect',
    );
    const after = await services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
