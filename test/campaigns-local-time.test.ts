import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';

// A campaign at a local time (send_at_local) over real HTTP: each recipient's message is scheduled
// at that wall time in their zone — a contact's stored zone (New York, Los Angeles) or, with none
// stored, the zone of the number's area code (312: Chicago); a campaign whose local time has
// passed everywhere sends at once and counts its recipients late; bad input gets
// PORM_INVALID_SEND_AT at its field; another account does not see the campaign.

const FROM = '+14155550199';
const DAY = 86_400_000;

/** The wall clock of `iso` in `zone`, as "YYYY-MM-DDTHH:MM", read by Intl independently of porm's own zone math. */
function wallIn(iso: string, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(Date.parse(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
const utcDate = (offsetDays: number): string => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

describe('/v1/campaigns at a local time', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let listId: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const recipients = [
    ['+14155550120', 'America/New_York'],
    ['+14155550121', 'America/Los_Angeles'],
    ['+13125550122', null],
  ] as const;
  const zoneOf: Record<string, string> = { '+14155550120': 'America/New_York', '+14155550121': 'America/Los_Angeles', '+13125550122': 'America/Chicago' };

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    listId = String((await a('POST', '/v1/lists', { name: 'everyone' })).body.id);
    for (const [phone, zone] of recipients) {
      const res = await a('POST', '/v1/contacts', { phone, ...(zone !== null ? { time_zone: zone } : {}), lists: [listId] });
      assert.equal(res.status, 201, res.text);
    }
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  const campaign = (extra: Record<string, unknown>) => ({ name: 'Morning', audience: { lists: [listId] }, body: 'Good morning', from: FROM, category: 'transactional', send_rate: 100, ...extra });

  async function messagesOf(id: string): Promise<Array<{ id: string; to: string; send_at: string | null; status: string }>> {
    const done = await eventually(async () => {
      const res = await a('GET', `/v1/campaigns/${id}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 20_000, 'fan-out completed');
    assert.equal((done.stats as { queued: number }).queued, 3, JSON.stringify(done.stats));
    const all = (await a('GET', '/v1/messages?limit=100')).body.data as Array<{ id: string; metadata: Record<string, string> | null }>;
    const mine = all.filter((m) => m.metadata?.campaign_id === id);
    assert.equal(mine.length, 3);
    return Promise.all(mine.map(async (m) => (await a('GET', `/v1/messages/${m.id}`)).body as { id: string; to: string; send_at: string | null; status: string }));
  }

  test('tomorrow 10:00 local: each message is scheduled at 10:00 in its recipient\'s zone', async () => {
    const local = `${utcDate(1)}T10:00`;
    const created = await a('POST', '/v1/campaigns', campaign({ send_at_local: local }));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.send_at_local, local);
    assert.equal(created.body.send_at_local_fallback_zone, 'UTC');
    assert.equal(created.body.send_at, null, 'the fan-out starts at once');
    const messages = await messagesOf(String(created.body.id));
    for (const m of messages) {
      assert.equal(m.status, 'scheduled', `${m.to} waits for its own instant`);
      assert.ok(m.send_at !== null, m.to);
      assert.equal(wallIn(m.send_at, zoneOf[m.to]!), local, `${m.to} at ${m.send_at} in ${zoneOf[m.to]}`);
    }
    assert.equal(new Set(messages.map((m) => m.send_at)).size, 3, 'three zones, three instants');
    const stats = (await a('GET', `/v1/campaigns/${String(created.body.id)}`)).body.stats as { late: number };
    assert.equal(stats.late, 0);
    // Scheduled messages can still be canceled one by one (so the test leaves nothing to send).
    for (const m of messages) assert.equal((await a('POST', `/v1/messages/${m.id}/cancel`)).status, 200);
  });

  test('a local time already passed everywhere: sent at once, every recipient counted late', async () => {
    const created = await a('POST', '/v1/campaigns', campaign({ send_at_local: `${utcDate(-1)}T10:00` }));
    assert.equal(created.status, 201, created.text);
    const messages = await messagesOf(String(created.body.id));
    for (const m of messages) assert.equal(m.send_at, null, m.to);
    const stats = (await a('GET', `/v1/campaigns/${String(created.body.id)}`)).body.stats as { late: number };
    assert.equal(stats.late, 3);
  });

  test('bad input: PORM_INVALID_SEND_AT at its field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ send_at_local: `${utcDate(1)}T10:00-05:00` }, '/send_at_local'],
      [{ send_at_local: `${utcDate(1)}T10:00Z` }, '/send_at_local'],
      [{ send_at_local: `${utcDate(1)}T10:00`, send_at: new Date(Date.now() + DAY).toISOString() }, '/send_at_local'],
      [{ send_at_local: `${utcDate(40)}T10:00` }, '/send_at_local'],
      [{ send_at_local: 'tomorrow 10am' }, '/send_at_local'],
      [{ send_at_local: `${utcDate(1)}T10:00`, send_at_local_fallback_zone: 'Mars/Olympus' }, '/send_at_local_fallback_zone'],
      [{ send_at_local_fallback_zone: 'UTC' }, '/send_at_local_fallback_zone'],
    ];
    for (const [extra, field] of cases) {
      const res = await a('POST', '/v1/campaigns', campaign(extra));
      assert.equal(res.status, 400, `${JSON.stringify(extra)}: ${res.text}`);
      assert.equal(res.body.code, 'PORM_INVALID_SEND_AT', res.text);
      assert.ok(((res.body.errors ?? []) as Array<{ field: string }>).some((e) => e.field === field), res.text);
    }
  });

  test('dry run by instant; account isolation: another account does not see a local-time campaign', async () => {
    const mine = await a('POST', '/v1/campaigns', campaign({ send_at_local: `${utcDate(1)}T10:00`, draft: true }));
    assert.equal(mine.status, 201, mine.text);
    const dry = await a('POST', `/v1/campaigns/${String(mine.body.id)}/dry-run`);
    assert.equal(dry.status, 200, dry.text);
    const times = dry.body.send_times as Record<string, number>;
    assert.deepEqual(Object.values(times), [1, 1, 1], 'a dry run says when each zone\'s messages would go');
    assert.deepEqual(Object.keys(times).map((t) => Object.keys(zoneOf).map((p) => wallIn(t, zoneOf[p]!)).includes(`${utcDate(1)}T10:00`)), [true, true, true]);
    const theirs = await request(h.url, 'GET', `/v1/campaigns/${String(mine.body.id)}`, undefined, { authorization: `Bearer ${keyB}` });
    assert.equal(theirs.status, 404, theirs.text);
  });
});
