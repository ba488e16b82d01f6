// A contact's timeline over real HTTP: what porm sent the number, what it sent back, its link
// taps, consent events and conversions, newest first, paged by cursor, and never another
// account's history of the same number.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, withHarness, type Harness } from './helpers/harness.ts';

const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
type Item = { id: string; type: string; at: string; data: Record<string, unknown> };

describe('contact timeline', () => {
  let h: Harness;
  let otherKey: string;
  withHarness((harness) => { h = harness; });
  before(async () => { otherKey = (await h.porm.services.accounts.create('other')).apiKey.key; });
  const asOther = (method: string, path: string, body?: unknown) => h.api(method, path, body, { authorization: `Bearer ${otherKey}` });
  const phone = '+14155550131';

  async function timeline(path: string): Promise<Item[]> {
    const res = await h.api('GET', path);
    assert.equal(res.status, 200, res.text);
    return res.body.data as Item[];
  }

  it('merges messages, replies, clicks, consents and conversions, newest first', async () => {
    const contact = await h.api('POST', '/v1/contacts', { phone, name: 'Ada' });
    assert.equal(contact.status, 201, contact.text);
    const sent = await h.api('POST', '/v1/messages', { to: phone, from: '+14155550199', body: 'Fall sale: https://shop.example.com/fall', track_links: true });
    assert.equal(sent.status, 201, sent.text);
    const links = await h.api('GET', `/v1/links?message_id=${String(sent.body.id)}`);
    const token = String((links.body.data as Array<{ url: string }>)[0]!.url).split('/l/')[1]!;
    const tap = await fetch(`${h.url}/l/${token}`, { redirect: 'manual', headers: { 'user-agent': PHONE_UA } });
    assert.equal(tap.status, 302);
    const consent = await h.api('POST', '/v1/consents', { to: phone, source: 'api', wording: 'Yes, text me deals' });
    assert.equal(consent.status, 201, consent.text);
    const reply = await h.api('POST', '/v1/sandbox/inbound', { from: phone, to: '+14155550199', body: 'Nice, thanks' });
    assert.equal(reply.status, 201, reply.text);
    const conversion = await h.api('POST', '/v1/conversions', { to: phone, value: '19.99', currency: 'USD', order_id: 'tl-1' });
    assert.equal(conversion.status, 201, conversion.text);

    const items = await eventually(async () => {
      const got = await timeline(`/v1/contacts/${String(contact.body.id)}/timeline`);
      assert.ok(got.some((i) => i.type === 'link_clicked'), 'the click is recorded');
      return got;
    });
    const types = new Set(items.map((i) => i.type));
    for (const type of ['message_sent', 'message_received', 'link_clicked', 'consent', 'conversion']) assert.ok(types.has(type), `${type} in ${[...types].join(',')}`);
    const times = items.map((i) => Date.parse(i.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const message = items.find((i) => i.type === 'message_sent')!;
    assert.equal(message.id, sent.body.id);
    assert.equal(items.find((i) => i.type === 'link_clicked')!.data.message_id, sent.body.id);
    assert.equal(items.find((i) => i.type === 'conversion')!.data.value, 19.99);
    assert.equal(items.find((i) => i.type === 'message_received')!.data.body, 'Nice, thanks');
    assert.deepEqual(await timeline(`/v1/contacts/${encodeURIComponent(phone)}/timeline`), items, 'by number as by id');
  });

  it('pages by cursor with no item twice and none missed', async () => {
    const to = '+14155550132';
    await h.api('POST', '/v1/contacts', { phone: to });
    for (let i = 0; i < 7; i++) {
      const res = await h.api('POST', '/v1/messages', { to, from: '+14155550199', body: `note ${i}` });
      assert.equal(res.status, 201, res.text);
      await h.api('POST', '/v1/sandbox/inbound', { from: to, to: '+14155550199', body: `answer ${i}` });
    }
    const all = await timeline(`/v1/contacts/${encodeURIComponent(to)}/timeline?limit=200`);
    assert.equal(all.length, 14);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.api('GET', `/v1/contacts/${encodeURIComponent(to)}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200, res.text);
      seen.push(...(res.body.data as Item[]).map((i) => i.id));
      cursor = res.body.next_cursor as string | null;
    } while (cursor);
    assert.deepEqual(seen, all.map((i) => i.id));
  });

  it('shows one account nothing of another\'s history with the same number', async () => {
    const mine = await h.api('POST', '/v1/contacts', { phone: '+14155550133' });
    await h.api('POST', '/v1/messages', { to: '+14155550133', from: '+14155550199', body: 'mine only' });
    const theirs = await asOther('POST', '/v1/contacts', { phone: '+14155550133' });
    assert.equal(theirs.status, 201, theirs.text);
    const res = await asOther('GET', `/v1/contacts/${String(theirs.body.id)}/timeline`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, []);
    assert.equal((await asOther('GET', `/v1/contacts/${String(mine.body.id)}/timeline`)).status, 404, 'another account\'s contact id is not found');
  });

  it('refuses forged cursors and bad limits with stable codes', async () => {
    for (const cursor of ['forged', Buffer.from('1:msg_x').toString('base64url'), Buffer.from('x:msg_01jabcdefghjkmnpqrstvwxyz0').toString('base64url')]) {
      const res = await h.api('GET', `/v1/contacts/${encodeURIComponent(phone)}/timeline?cursor=${cursor}`);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.code, 'PORM_INVALID_CURSOR');
    }
    assert.equal((await h.api('GET', `/v1/contacts/${encodeURIComponent(phone)}/timeline?limit=0`)).status, 400);
    assert.equal((await h.api('GET', '/v1/contacts/%2B1999/timeline')).status, 400);
  });
});
