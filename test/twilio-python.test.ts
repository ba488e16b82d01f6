import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cleanup, eventually, startHarness, type Harness } from './helpers/harness.ts';
import { messageSidOf } from '../src/twilio/sids.ts';

// Debian's python3-twilio as a second, independent client (test/peers/twilio_callbacks.py):
// twilio.rest.Client with its base URL pointed at porm creates and fetches a message, and
// RequestValidator validates every status callback and the number's inbound webhook request;
// the TwiML that Python answers is sent back to the handset. /usr/bin/python3, not the PATH one.

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import twilio.rest, twilio.request_validator; print(twilio.__version__)'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : `python3-twilio cannot be imported with ${PYTHON} (${(probe.stderr || probe.error?.message || '').trim().split('\n').at(-1)}); install the Debian package python3-twilio`;

const NUMBER = '+14155550199';
const HANDSET = '+14155550100';

interface PySummary {
  created: { sid: string; status: string; account_sid: string };
  fetched: { sid: string; body: string; to: string };
  requests: Array<{ path: string; params: Record<string, string>; valid: boolean }>;
}

describe('Python twilio client against porm', { skip }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });

  test('python creates and fetches through the Twilio surface; its RequestValidator accepts porm\'s callbacks and inbound request; its TwiML is the reply', async () => {
    const accountId = h.porm.bootstrap.accountId;
    assert.equal((await h.api('POST', '/v1/numbers', { number: NUMBER })).status, 201);
    const env = {
      ...process.env, PORM_URL: h.url, TWILIO_ACCOUNT_SID: await h.porm.services.twilio.accountSidOf(accountId),
      TWILIO_AUTH_TOKEN: await h.porm.services.twilio.authTokenOf(accountId), FROM: NUMBER, TO: HANDSET,
    };
    const child = spawn(PYTHON, ['test/peers/twilio_callbacks.py'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const raw: string[] = [];
    const lines: Array<Record<string, unknown>> = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const appUrl = String((await eventually(async () => lines.find((l) => l.app_url), 20_000, 'the python app')).app_url);
      await h.api('PATCH', `/v1/numbers/${NUMBER}`, { inbound_webhook: { url: `${appUrl}/sms` } });
      await eventually(async () => lines.find((l) => l.ready_for_inbound || l.error), 40_000, 'python to see its message delivered');
      assert.equal(lines.find((l) => l.error)?.error, undefined, stderr);
      const mo = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: NUMBER, body: 'hi from the handset' });
      assert.equal(mo.status, 201, mo.text);
      assert.equal(await exited, 0, `python failed: ${JSON.stringify(lines.at(-1))} ${stderr}`);
    } finally {
      child.kill();
    }
    const summary = JSON.parse(raw.at(-1)!) as PySummary;
    assert.match(summary.created.sid, /^SM[0-9a-f]{32}$/);
    assert.equal(summary.fetched.sid, summary.created.sid);
    assert.equal(summary.fetched.body, 'from python');
    assert.equal(summary.created.account_sid, env.TWILIO_ACCOUNT_SID);
    const callbacks = summary.requests.filter((r) => r.path.startsWith('/status'));
    assert.deepEqual(callbacks.map((c) => c.params.MessageStatus), ['sending', 'sent', 'delivered']);
    for (const cb of [...callbacks, ...summary.requests.filter((r) => r.path.startsWith('/sms'))]) {
      assert.ok(cb.valid, `RequestValidator accepted ${cb.path} ${cb.params.MessageStatus ?? cb.params.Body}`);
      assert.equal(cb.params.AccountSid, env.TWILIO_ACCOUNT_SID);
    }
    assert.ok(callbacks.every((c) => c.params.MessageSid === summary.created.sid), 'the callbacks name the SID the REST surface answered');
    const inbound = summary.requests.find((r) => r.path.startsWith('/sms'))!;
    assert.deepEqual([inbound.params.From, inbound.params.To, inbound.params.Body], [HANDSET, NUMBER, 'hi from the handset']);
    const record = await eventually(async () => {
      const list = await h.api('GET', '/v1/inbound-messages');
      const id = (list.body.data as Array<{ id: string }>)[0]!.id;
      assert.equal(inbound.params.MessageSid, messageSidOf(id, false));
      const r = await h.api('GET', `/v1/inbound-messages/${id}/webhook`);
      return r.body.outcome === 'replied' ? r.body : undefined;
    }, 15_000, 'the TwiML reply');
    const reply = await h.api('GET', `/v1/messages/${(record.reply_message_ids as string[])[0]!}`);
    assert.deepEqual([reply.body.from, reply.body.to, reply.body.body], [NUMBER, HANDSET, 'Python got: hi from the handset']);
  });
});
