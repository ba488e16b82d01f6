import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { ChildPorm, freePort } from './helpers/child-porm.ts';

// A campaign's fan-out killed with kill -9 between batches resumes at its cursor after a restart,
// and every contact of the audience is a recipient, and gets a message, exactly once.

const TOTAL = 20;

test('kill -9 mid-campaign, restart: the fan-out resumes and no contact gets the campaign twice', async () => {
  const dataDir = tempDir();
  const porm = new ChildPorm(dataDir, await freePort(), ['--log-level', 'warn']);
  try {
    await porm.start();
    const list = await porm.api('POST', '/v1/lists', { name: 'all' });
    const listId = String(list.body.id);
    for (let i = 0; i < TOTAL; i += 1) {
      const res = await porm.api('POST', '/v1/contacts', { phone: `+141555501${String(10 + i)}`, name: `n${i}`, lists: [listId] });
      assert.equal(res.status, 201, res.text);
    }
    // Two messages a second: batches of two, so the kill lands between batches of a long fan-out.
    const created = await porm.api('POST', '/v1/campaigns', { name: 'resume', audience: { lists: [listId] }, body: 'Hi {{ contact.name }}', from: '+14155550199', category: 'transactional', send_rate: 2 });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    await eventually(async () => {
      const res = await porm.api('GET', `/v1/campaigns/${id}`);
      return Number((res.body.stats as { recipients: number }).recipients) >= 4 ? true : undefined;
    }, 30_000, 'some batches');
    await porm.kill9();

    const crashed = new Database(join(dataDir, 'porm.db'), { readonly: true });
    const before = crashed.prepare('select count(*) as n from campaign_recipients where campaign_id = ?').get(id) as { n: number };
    crashed.close();
    assert.ok(before.n < TOTAL, 'the crash must interrupt the fan-out for this test to mean anything');

    await porm.start();
    await eventually(async () => {
      const res = await porm.api('GET', `/v1/campaigns/${id}`);
      return res.body.status === 'completed' ? true : undefined;
    }, 60_000, 'the campaign to complete after the restart');

    const db = new Database(join(dataDir, 'porm.db'), { readonly: true });
    const recipients = db.prepare('select phone, count(*) as n from campaign_recipients where campaign_id = ? group by phone').all(id) as Array<{ phone: string; n: number }>;
    const messages = db.prepare('select to_number as phone, count(*) as n from messages group by to_number').all() as Array<{ phone: string; n: number }>;
    db.close();
    assert.equal(recipients.length, TOTAL, 'every contact is a recipient');
    assert.ok(recipients.every((r) => r.n === 1));
    assert.equal(messages.length, TOTAL, 'every contact got a message');
    assert.deepEqual(messages.filter((m) => m.n !== 1), [], 'no contact got the campaign twice');
  } finally {
    await porm.kill9();
    cleanup(dataDir);
  }
});
