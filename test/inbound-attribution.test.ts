import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mm7DeliverReq } from '../src/mms/mm7/index.ts';
import { cleanup, eventually, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';
import { WebhookReceiver } from './helpers/webhook-receiver.ts';
import { basicAuth, postMm7 } from './helpers/mm7-peer.ts';

// MOs belong to the owner of the number they were sent to, and to nobody else: not the account
// that last sent from the number, not the oldest account. An MO to a number nobody owns is kept
// unattributed, for the operator (the CLI) only.

const INBOUND = { username: 'acme-mmsc', password: 'acme-inbound-secret' };
const AUTH = basicAuth(INBOUND.username, INBOUND.password);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), randomBytes(64), Buffer.from([0x3b])]);
const NUMBER_A = '+14155550301';
const NUMBER_B = '+14155550302';
const NOBODYS = '+14155550303';

type Inbound = { id: string; to: string; body: string; media: Array<{ id: string }> };

let txSeq = 0;
function deliverReq(to: string, text: string): Mm7DeliverReq {
  return {
    type: 'DeliverReq', transactionId: `mo-${txSeq++}`, sender: { kind: 'Number', value: '+14155550111/TYPE=PLMN' }, recipients: { to: [{ kind: 'Number', value: `${to}/TYPE=PLMN` }] },
    subject: 'reply',
    content: {
      part: {
        contentType: 'multipart/mixed', contentId: 'c',
        parts: [
          { contentType: 'image/gif', contentId: 'pic.gif', contentLocation: 'pic.gif', data: GIF },
          { contentType: 'text/plain', params: { charset: 'utf-8' }, contentId: 't', contentLocation: 't.txt', data: Buffer.from(text) },
        ],
      },
    },
  };
}

function porm(dataDir: string, args: string[], storeEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, ...args], { env: { ...process.env, PORM_LOG_LEVEL: 'silent', PORM_CONFIG: '', ...storeEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('inbound messages are attributed through the number they were sent to', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  const hooksA = new WebhookReceiver();
  const hooksB = new WebhookReceiver();
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  const listOf = async (call: typeof a): Promise<Inbound[]> => {
    const res = await call('GET', '/v1/inbound-messages?limit=200');
    assert.equal(res.status, 200, res.text);
    return res.body.data as Inbound[];
  };
  async function mo(to: string, text: string): Promise<void> {
    const res = await postMm7(`${h.url}/mm7/acme`, deliverReq(to, text), AUTH);
    assert.equal(res.status, 200, res.body.toString('utf8'));
  }
  const hooked = (receiver: WebhookReceiver): string[] => receiver.received.filter((r) => r.json.type === 'inbound.received').map((r) => String(r.json.data.body));

  before(async () => {
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: { sandbox: { type: 'sandbox' }, acme: { type: 'mm7', url: 'http://127.0.0.1:9/mm7', inbound: INBOUND } },
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    await Promise.all([hooksA.start(), hooksB.start()]);
    const other = await h.porm.services.accounts.create('b');
    keyB = other.apiKey.key;
    assert.equal((await a('POST', '/v1/webhooks', { url: hooksA.url, events: ['inbound.received'] })).status, 201);
    assert.equal((await b('POST', '/v1/webhooks', { url: hooksB.url, events: ['inbound.received'] })).status, 201);
    assert.equal((await a('POST', '/v1/numbers', { number: NUMBER_A })).status, 201);
    assert.equal((await b('POST', '/v1/numbers', { number: NUMBER_B })).status, 201);
  });
  after(async () => {
    await h.stop();
    await Promise.all([hooksA.stop(), hooksB.stop()]);
    cleanup(dataDir);
  });

  test('an MO to each account\'s number lands only in that account\'s list and webhooks', async () => {
    await mo(NUMBER_A, 'to A');
    await mo(NUMBER_B, 'to B');
    const [listA, listB] = [await listOf(a), await listOf(b)];
    assert.deepEqual(listA.map((m) => [m.to, m.body]), [[NUMBER_A, 'to A']]);
    assert.deepEqual(listB.map((m) => [m.to, m.body]), [[NUMBER_B, 'to B']]);
    // Each one's message and media are invisible to the other.
    assert.equal((await b('GET', `/v1/inbound-messages/${listA[0]!.id}`)).body.code, 'PORM_INBOUND_MESSAGE_NOT_FOUND');
    assert.equal((await a('GET', `/v1/inbound-messages/${listB[0]!.id}`)).body.code, 'PORM_INBOUND_MESSAGE_NOT_FOUND');
    assert.equal((await b('GET', `/v1/media/${listA[0]!.media[0]!.id}`)).body.code, 'PORM_MEDIA_NOT_FOUND');
    assert.equal((await a('GET', `/v1/media/${listA[0]!.media[0]!.id}`)).status, 200);
    await eventually(async () => (hooked(hooksA).length >= 1 && hooked(hooksB).length >= 1 ? true : undefined), 10_000, 'both webhooks');
    assert.deepEqual(hooked(hooksA), ['to A']);
    assert.deepEqual(hooked(hooksB), ['to B']);
  });

  test('an MO to a number nobody owns is stored unattributed and invisible to every account', async () => {
    await mo(NOBODYS, 'to nobody');
    const row = await h.porm.services.store.db.selectFrom('inbound_messages').selectAll().where('to_number', '=', NOBODYS).executeTakeFirstOrThrow();
    assert.equal(row.account_id, null);
    const media = JSON.parse(row.media_json) as Array<{ id: string }>;
    const mediaRow = await h.porm.services.store.db.selectFrom('media').selectAll().where('id', '=', media[0]!.id).executeTakeFirstOrThrow();
    assert.equal(mediaRow.account_id, null, 'its media belong to nobody too');
    for (const call of [a, b]) {
      assert.ok(!(await listOf(call)).some((m) => m.id === row.id));
      assert.equal((await call('GET', `/v1/inbound-messages/${row.id}`)).body.code, 'PORM_INBOUND_MESSAGE_NOT_FOUND');
      assert.equal((await call('GET', `/v1/media/${media[0]!.id}/content`)).body.code, 'PORM_MEDIA_NOT_FOUND');
    }
    // The oldest account (A, the bootstrap one) used to receive such messages.
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!hooked(hooksA).includes('to nobody') && !hooked(hooksB).includes('to nobody'), 'no webhook to anyone');
    const unattributed = await h.porm.services.inbound.listUnattributed(50);
    assert.ok(unattributed.data.some((m) => m.id === row.id));

    // The operator sees it from the machine.
    const cli = await porm(dataDir, ['inbound', 'list', '--unattributed', '--json'], h.storeEnv);
    assert.equal(cli.code, 0, cli.stderr);
    const listed = JSON.parse(cli.stdout) as Inbound[];
    assert.ok(listed.some((m) => m.id === row.id && m.to === NOBODYS && m.body === 'to nobody'));
    assert.ok(!listed.some((m) => m.to === NUMBER_A || m.to === NUMBER_B), 'attributed messages are not in the operator\'s list');
  });

  test('not the account that last sent from the number: the owner now', async () => {
    const shared = '+14155550304';
    // A claims the number by sending from it on the sandbox route, then gives it up; B takes it.
    const sent = await a('POST', '/v1/messages', { to: '+14155550111', from: shared, body: 'A was here' });
    assert.equal(sent.status, 201, sent.text);
    assert.equal((await a('DELETE', `/v1/numbers/${encodeURIComponent(shared)}`)).status, 204);
    assert.equal((await b('POST', '/v1/numbers', { number: shared })).status, 201);
    await mo(shared, 'for the new owner');
    assert.ok((await listOf(b)).some((m) => m.body === 'for the new owner'));
    assert.ok(!(await listOf(a)).some((m) => m.body === 'for the new owner'), 'A sent from it last, and still gets nothing');
    await eventually(async () => (hooked(hooksB).includes('for the new owner') ? true : undefined), 10_000, 'B\'s webhook');
    assert.ok(!hooked(hooksA).includes('for the new owner'));
  });

  test('a missing or non-numeric recipient is unattributed, never matched to an alphanumeric sender id', async () => {
    assert.equal((await a('POST', '/v1/numbers', { number: 'unknown' })).status, 201);
    const res = await postMm7(`${h.url}/mm7/acme`, { ...deliverReq(NUMBER_A, 'no recipient'), recipients: undefined } as Mm7DeliverReq, AUTH);
    assert.equal(res.status, 200, res.body.toString('utf8'));
    const row = await h.porm.services.store.db.selectFrom('inbound_messages').selectAll().where('body', '=', 'no recipient').executeTakeFirstOrThrow();
    assert.deepEqual([row.to_number, row.account_id], ['unknown', null]);
  });
});
