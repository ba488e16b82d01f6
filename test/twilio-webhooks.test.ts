import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cleanup, eventually, startHarness, waitForStatus, type Harness } from './helpers/harness.ts';
import { TwilioApp, type AppAnswer, type AppRequest } from './helpers/twilio-app.ts';
import { messageSidOf } from '../src/twilio/sids.ts';

// End to end over real HTTP: a porm on loopback, and a loopback app written for Twilio that
// checks every request with the twilio package's webhook() middleware and validateRequest.
// Status callbacks of Twilio-surface messages, a number's inbound webhook with media, and its
// TwiML answers sent as replies (as SMS through the sandbox SMSC) to the handset.

const HANDSET = '+14155550123';
const NUMBER = '+14155550199';
const twiml = (xml: string): AppAnswer => ({ contentType: 'text/xml', body: xml });

describe('Twilio-style webhooks', () => {
  let h: Harness;
  let app: TwilioApp;
  let accountId: string;
  let token = '';
  let accountSid = '';
  const answers = new Map<string, (req: AppRequest) => AppAnswer>();

  before(async () => {
    h = await startHarness({ PORM_WEBHOOKS_MAX_ATTEMPTS: '2' });
    accountId = h.porm.bootstrap.accountId;
    token = await h.porm.services.twilio.authTokenOf(accountId);
    accountSid = await h.porm.services.twilio.accountSidOf(accountId);
    app = await new TwilioApp(() => token, (req) => {
      const path = req.path.split('?')[0]!;
      return answers.get(path)?.(req) ?? {};
    }).start();
    const created = await h.api('POST', '/v1/numbers', { number: NUMBER });
    assert.equal(created.status, 201, created.text);
  });
  after(async () => {
    await app.stop();
    await h.stop();
    cleanup(h.dataDir);
  });

  const setWebhook = async (path: string, method: 'POST' | 'GET' = 'POST'): Promise<void> => {
    const res = await h.api('PATCH', `/v1/numbers/${NUMBER}`, { inbound_webhook: { url: `${app.url}${path}`, method, dialect: 'twilio' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.inbound_webhook, { url: `${app.url}${path}`, method, dialect: 'twilio' });
  };
  const handsetSends = async (body: string, media: unknown[] = []): Promise<string> => {
    const res = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: NUMBER, body, media });
    assert.equal(res.status, 201, res.text);
    return String(res.body.id);
  };
  const webhookOf = (inboundId: string, outcome?: string) => eventually(async () => {
    const res = await h.api('GET', `/v1/inbound-messages/${inboundId}/webhook`);
    return res.status === 200 && res.body.outcome !== 'pending' && (outcome === undefined || res.body.outcome === outcome) ? res.body : undefined;
  }, 15_000, `the webhook outcome of ${inboundId}`);

  test('status callbacks of a Twilio-surface message are Twilio\'s signed form posts, accepted by twilio.webhook()', async () => {
    const { message } = await h.porm.services.send.send({
      accountId, to: '+14155550100', from: NUMBER, body: 'hello', statusCallback: `${app.url}/status?tag=a%20b`, callbackDialect: 'twilio',
      media: [{ url: `${h.url}/media/nope` }],
    });
    await eventually(async () => (app.on('/status').some((r) => r.params.MessageStatus === 'failed' || r.params.MessageStatus === 'delivered') ? true : undefined), 15_000, 'a final callback');
    const callbacks = app.on('/status');
    assert.ok(callbacks.length >= 2, JSON.stringify(callbacks.map((c) => c.params)));
    const sid = messageSidOf(message.id, true);
    for (const cb of callbacks) {
      assert.equal(cb.method, 'POST');
      assert.ok(cb.acceptedByWebhook, `twilio.webhook() accepted ${String(cb.params.MessageStatus)}`);
      assert.ok(cb.validSignature);
      assert.equal(cb.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.match(String(cb.headers['i-twilio-idempotency-token']), /^whd_/);
      assert.deepEqual([cb.params.MessageSid, cb.params.SmsSid, cb.params.AccountSid, cb.params.From, cb.params.To, cb.params.ApiVersion, cb.params.NumMedia],
        [sid, sid, accountSid, NUMBER, '+14155550100', '2010-04-01', '1']);
      assert.equal(cb.params.SmsStatus, cb.params.MessageStatus);
    }
    const statuses = callbacks.map((c) => c.params.MessageStatus);
    assert.ok(!statuses.includes('accepted') && statuses.indexOf('queued') === -1, `no callback for the initial status: ${statuses.join(',')}`);
    // The media URL cannot be fetched: the message fails, and the callback says why in Twilio's code.
    const failed = callbacks.find((c) => c.params.MessageStatus === 'failed');
    assert.ok(failed, statuses.join(','));
    assert.equal(failed.params.ErrorCode, '11200');
  });

  test('a delivered callback carries RawDlrDoneDate; another auth token does not validate it', async () => {
    const { message } = await h.porm.services.send.send({ accountId, to: '+14155550100', from: NUMBER, body: 'plain', statusCallback: `${app.url}/dlr`, callbackDialect: 'twilio' });
    await waitForStatus(h, message.id, 'delivered', 15_000);
    const delivered = await eventually(async () => app.on('/dlr').find((r) => r.params.MessageStatus === 'delivered'), 10_000, 'the delivered callback');
    assert.match(String(delivered.params.RawDlrDoneDate), /^\d{10}$/);
    assert.equal(delivered.params.MessageSid, messageSidOf(message.id, false));
    assert.deepEqual(app.on('/dlr').map((r) => r.params.MessageStatus), ['sending', 'sent', 'delivered']);
    const real = token;
    token = 'not-the-auth-token';
    try {
      await h.porm.services.send.send({ accountId, to: '+14155550100', from: NUMBER, body: 'x', statusCallback: `${app.url}/wrong`, callbackDialect: 'twilio' });
      const seen = await eventually(async () => app.on('/wrong')[0], 10_000, 'a callback');
      assert.equal(seen.acceptedByWebhook, false);
      assert.equal(seen.validSignature, false);
    } finally {
      token = real;
    }
  });

  test('an MMS to a number with an inbound webhook is posted as Twilio does, and its TwiML replies reach the handset', async () => {
    await setWebhook('/sms');
    answers.set('/sms', () => twiml(`<?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Message>Thanks &amp; welcome &#x263A;</Message>
        <Message><Body>Here is a photo</Body><Media>${h.url}/v1/does-not-matter</Media></Message>
        <Redirect>https://example.com/next</Redirect>
      </Response>`));
    const photo = readFileSync(new URL('../examples/photo.jpg', import.meta.url));
    const inboundId = await handsetSends('Hi there', [{ content_type: 'image/jpeg', data: photo.toString('base64'), filename: 'photo.jpg' }]);
    const record = await webhookOf(inboundId);
    const req = app.on('/sms')[0]!;
    assert.ok(req.acceptedByWebhook && req.validSignature, 'twilio.webhook() and validateRequest accept the inbound request');
    const sid = messageSidOf(inboundId, true);
    assert.deepEqual([req.params.MessageSid, req.params.SmsMessageSid, req.params.SmsSid, req.params.AccountSid, req.params.From, req.params.To, req.params.Body, req.params.NumMedia, req.params.NumSegments, req.params.MediaContentType0],
      [sid, sid, sid, accountSid, HANDSET, NUMBER, 'Hi there', '1', '1', 'image/jpeg']);
    const media = await fetch(String(req.params.MediaUrl0));
    assert.equal(media.status, 200);
    assert.deepEqual(Buffer.from(await media.arrayBuffer()), photo, 'MediaUrl0 serves the bytes the handset sent');

    // The second <Message>'s media URL is not fetchable, so that reply fails in the send path; both were sent through it.
    assert.equal(record.outcome, 'replied', JSON.stringify(record));
    const replies = record.reply_message_ids as string[];
    assert.equal(replies.length, 2);
    assert.match(String(record.detail), /Redirect/);
    const first = await waitForStatus(h, replies[0]!, 'delivered', 15_000);
    assert.deepEqual([first.from, first.to, first.body], [NUMBER, HANDSET, 'Thanks & welcome ☺']);
    // A text reply goes as SMS through the sandbox SMSC (UCS-2 for the ☺), delivered by its receipt.
    assert.deepEqual([first.carrier, first.channel, first.encoding, first.segments], ['sandbox-smsc', 'sms', 'ucs2', 1]);
    const second = await h.api('GET', `/v1/messages/${replies[1]!}`);
    assert.deepEqual([second.body.from, second.body.to, second.body.body], [NUMBER, HANDSET, 'Here is a photo']);
  });

  test('a GET webhook gets the parameters in its query string, signed over the URL', async () => {
    await setWebhook('/get?app=1', 'GET');
    answers.set('/get', () => twiml('<Response><Message to="+14155550100">forwarded</Message></Response>'));
    const inboundId = await handsetSends('by GET');
    const record = await webhookOf(inboundId, 'replied');
    const req = app.on('/get')[0]!;
    assert.equal(req.method, 'GET');
    assert.equal(req.params.app, '1');
    assert.equal(req.params.Body, 'by GET');
    assert.ok(req.acceptedByWebhook && req.validSignature);
    const reply = await h.api('GET', `/v1/messages/${(record.reply_message_ids as string[])[0]!}`);
    assert.deepEqual([reply.body.from, reply.body.to], [NUMBER, '+14155550100'], '<Message to> sends elsewhere, still from the number');
  });

  test('an empty <Response/> or an empty 200 sends nothing', async () => {
    await setWebhook('/empty');
    answers.set('/empty', () => twiml('<Response/>'));
    const sent = await countMessages();
    const a = await webhookOf(await handsetSends('one'));
    answers.set('/empty', () => ({ status: 204 }));
    const b = await webhookOf(await handsetSends('two'));
    assert.deepEqual([a.outcome, b.outcome, a.reply_message_ids, b.reply_message_ids], ['no_reply', 'no_reply', [], []]);
    assert.equal(await countMessages(), sent);
  });

  test('hostile and broken answers are noted on the inbound message, nothing is sent, and porm keeps going', async () => {
    await setWebhook('/hostile');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Response><Message>&lol2;</Message></Response>`;
    const cases: Array<[string, AppAnswer, RegExp]> = [
      ['malformed', twiml('<Response><Message>unclosed</Response>'), /malformed XML/],
      ['entities', twiml(laughs), /DOCTYPE/],
      ['external entity', twiml('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response><Message>&x;</Message></Response>'), /DOCTYPE/],
      ['undeclared entity', twiml('<Response><Message>&nbsp;</Message></Response>'), /&nbsp;/],
      ['wrong root', twiml('<html><body><Message>hi</Message></body></html>'), /root element is <html>/],
      ['huge', twiml(`<Response><Message>${'x'.repeat(70_000)}</Message></Response>`), /limit is 65536/],
      ['JSON', { contentType: 'application/json', body: '{"message":"hi"}' }, /malformed XML|root element/],
    ];
    const sent = await countMessages();
    for (const [name, answer, why] of cases) {
      answers.set('/hostile', () => answer);
      const record = await webhookOf(await handsetSends(name));
      assert.equal(record.outcome, 'bad_answer', `${name}: ${JSON.stringify(record)}`);
      assert.match(String(record.detail), why, name);
    }
    assert.equal(await countMessages(), sent, 'no hostile answer sent anything');

    answers.set('/hostile', () => twiml('<Response><script>alert(1)</script><Message>safe<script>x</script></Message></Response>'));
    const script = await webhookOf(await handsetSends('script'));
    assert.equal(script.outcome, 'replied');
    assert.match(String(script.detail), /<script> is not a messaging verb/);
    const reply = await h.api('GET', `/v1/messages/${(script.reply_message_ids as string[])[0]!}`);
    assert.equal(reply.body.body, 'safe');

    answers.set('/hostile', () => ({ status: 500, body: '<Response><Message>not sent: not a 2xx</Message></Response>' }));
    const failed = await webhookOf(await handsetSends('server error'), 'failed');
    assert.equal(failed.attempts, 2, 'retried through the outbox, then given up');
    assert.match(String(failed.detail), /HTTP 500/);

    const health = await h.api('GET', '/v1/numbers');
    assert.equal(health.status, 200, 'porm still answers');
  });

  test('a reply the send path refuses is noted, the others are sent', async () => {
    await setWebhook('/refused');
    // A number another account holds: the reply may not be sent from it.
    const other = await h.porm.services.accounts.create('other');
    await h.porm.services.numbers.create(other.account.id, { number: '+14155559999' });
    answers.set('/refused', () => twiml('<Response><Message to="not-a-number">no</Message><Message from="+14155559999">not ours</Message><Message>yes</Message></Response>'));
    const record = await webhookOf(await handsetSends('refusals'));
    assert.equal(record.outcome, 'replied');
    assert.equal((record.reply_message_ids as string[]).length, 1);
    assert.match(String(record.detail), /<Message> 1 refused: PORM_INVALID_PHONE_NUMBER/);
    assert.match(String(record.detail), /<Message> 2 refused: PORM_SENDER_NOT_OWNED/);
  });

  test('the webhook record of an inbound message without one, or of another account, is not found', async () => {
    await h.api('PATCH', `/v1/numbers/${NUMBER}`, { inbound_webhook: null });
    const id = await handsetSends('no webhook');
    const none = await h.api('GET', `/v1/inbound-messages/${id}/webhook`);
    assert.deepEqual([none.status, none.body.code], [404, 'PORM_INBOUND_WEBHOOK_NOT_FOUND']);
    const unknown = await h.api('GET', '/v1/inbound-messages/inb_01m80hykvp31ca9q44b25h61wm/webhook');
    assert.deepEqual([unknown.status, unknown.body.code], [404, 'PORM_INBOUND_MESSAGE_NOT_FOUND']);
    const bad = await h.api('PATCH', `/v1/numbers/${NUMBER}`, { inbound_webhook: { url: 'ftp://x', method: 'POST' } });
    assert.equal(bad.status, 400);
    const extra = await h.api('PATCH', `/v1/numbers/${NUMBER}`, { inbound_webhook: { url: 'https://x.example', dialect: 'standard' } });
    assert.equal(extra.status, 400);
    // An account without a Twilio auth token yet could never validate the signature: refused.
    const fresh = await h.porm.services.accounts.create('fresh');
    const asFresh = { authorization: `Bearer ${fresh.apiKey.key}` };
    assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155558888' }, asFresh)).status, 201);
    const noToken = await h.api('PATCH', '/v1/numbers/+14155558888', { inbound_webhook: { url: 'https://x.example/sms' } }, asFresh);
    assert.deepEqual([noToken.status, noToken.body.code], [409, 'PORM_TWILIO_TOKEN_MISSING']);
    const created = await h.api('POST', '/v1/numbers', { number: '+14155558887', inbound_webhook: { url: 'https://x.example/sms' } }, asFresh);
    assert.deepEqual([created.status, created.body.code], [409, 'PORM_TWILIO_TOKEN_MISSING'], 'and nothing is stored');
    assert.equal((await h.api('GET', '/v1/numbers/+14155558887', undefined, asFresh)).status, 404);
  });

  async function countMessages(): Promise<number> {
    const row = await h.porm.services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
