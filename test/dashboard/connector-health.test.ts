// Connector health on the overview, end to end: porm binds twice to a real SMPP server (the
// sandbox SMSC on loopback), its worker reports the binds through the store, and the overview
// shows 2/2; the SMSC goes away, the binds drop, and the overview shows 0/2, down, with the bind
// error. Rows other instances wrote are summed or shown stale, and everything in them is escaped.
// Runs on SQLite, and on PostgreSQL with PORM_TEST_STORE=postgres.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxSmsc } from '../../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from '../helpers/harness.ts';
import { owner, person, visit, type Jar } from '../helpers/dashboard-http.ts';

const credentials = { systemId: 'porm', password: 'health1' };

/** The cells of the connector's row on the overview, as HTML. */
function rowOf(page: string, name: string): string[] {
  const start = page.indexOf(`<th scope="row">${name} <span`);
  assert.ok(start >= 0, `a row for ${name}`);
  const row = page.slice(start, page.indexOf('</tr>', start));
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
}

describe('connector health on the dashboard overview', () => {
  let smsc: SandboxSmsc;
  let h: Harness;
  let b: Jar;
  const dataDir = tempDir();
  before(async () => {
    smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 50 });
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        smsc: { type: 'smpp', host: '127.0.0.1', port: smsc.port, ...credentials, binds: 2, submitWaitMs: 300, reconnect: { initialMs: 50, maxMs: 300, jitter: 0.2 } },
        mms: { type: 'sandbox' },
      },
      routes: [{ from: '*', carriers: ['smsc'] }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
    b = await owner(h);
    assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199', capabilities: ['sms'] })).status, 201);
  });
  after(async () => {
    await h?.stop();
    await smsc.close();
    cleanup(dataDir);
  });

  it('shows both binds up, the submits, and the carrier\'s refusal; another account sees the connector but nothing of the message', async () => {
    const sent = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550123', body: 'health check' });
    await waitForStatus(h, String(sent.body.id), 'delivered', 20_000);
    const refused = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+15005550001', body: 'refused' });
    await waitForStatus(h, String(refused.body.id), 'failed', 20_000);
    const cells = await eventually(async () => {
      const c = rowOf((await visit(h, b, 'GET', '/dashboard')).text, 'smsc');
      // Submits are reported with the next periodic report (every 10 s).
      return c[1] === '2/2' && c[3] === '2' ? c : undefined;
    }, 30_000, 'both binds reported up, and the two submits');
    assert.match(cells[0]!, /health-(ok|degraded)"/);
    assert.equal(cells[2], '1', 'one instance: this process');
    assert.match(cells[4]!, /<code>ESME_RINVDSTADR<\/code> SMSC refused the submit/, 'the refusal among the connector errors');
    const { account } = await h.porm.services.accounts.create('Other');
    const other = rowOf((await visit(h, await person(h, 'admin', 'otto@other.example', account.id), 'GET', '/dashboard')).text, 'smsc');
    assert.equal(other[1], '2/2', 'connector health is the same for every account');
    assert.equal(other[5], '0', 'none of the other account\'s messages');
    assert.doesNotMatch(other.join(''), /5005550001|4155550123|health check|refused<\/?/, 'no numbers or content of another account');
  });

  it('sums other live instances, shows silent ones as stale, and escapes what carriers said', async () => {
    const now = h.porm.services.clock.now();
    const row = (instance: string, updatedAt: number, message: string) => ({
      connector: 'mms', instance, type: 'sandbox', binds_up: null, binds_configured: null, submits_last_minute: 5, last_ok_at: null,
      errors_json: JSON.stringify([{ code: 'X"><b>', message, at: now - 1_000 }]), started_at: now - 60_000, updated_at: updatedAt,
    });
    await h.porm.services.store.write((tx) => tx.insertInto('connector_health').values([
      row('other-host:41:live', now, '<script>alert(1)</script><img src=x onerror=alert(2)>'), row('gone-host:7:old', now - 10 * 60_000, 'old & gone'),
    ]).execute());
    const page = (await visit(h, b, 'GET', '/dashboard')).text;
    const cells = rowOf(page, 'mms');
    assert.equal(cells[1], 'n/a', 'the MMS sandbox holds no binds');
    assert.equal(cells[2], '2 (+1 stale)');
    assert.equal(cells[3], '5', 'only live instances\' submits count');
    assert.match(cells[4]!, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.match(cells[4]!, /<code>X&quot;&gt;&lt;b&gt;<\/code>/);
    assert.match(cells[4]!, /old &amp; gone/, 'a stale instance\'s last errors are still shown');
    assert.doesNotMatch(page, /<script>alert|<img src=x|<b>/);
  });

  it('shows 0/2 and down, with the bind error, once the SMSC is gone', async () => {
    await smsc.close();
    const cells = await eventually(async () => {
      const c = rowOf((await visit(h, b, 'GET', '/dashboard')).text, 'smsc');
      return c[1] === '0/2' ? c : undefined;
    }, 20_000, 'both binds reported down');
    assert.match(cells[0]!, /health-down">down</);
    assert.match(cells[4]!, /<code>PORM_SMPP_(BIND_LOST|CONNECT_FAILED)<\/code>/);
    const stored = await h.porm.services.store.db.selectFrom('connector_health').selectAll().where('connector', '=', 'smsc').execute();
    assert.equal(stored.length, 1, 'one row per connector and instance, however often it reported');
    assert.equal(Number(stored[0]!.binds_up), 0);
  });
});
