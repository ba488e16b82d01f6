import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { TEST_KEY } from './harness.ts';

// Shared pieces of the fault tests (PostgreSQL restarted, pool exhausted, Redis gone): send
// messages with an Idempotency-Key each and repeat a key until porm accepts it, sorting every
// answer; then check, from porm's tables and the sandbox MMSC's own ledger, that nothing was lost
// or sent twice.

export const FINAL = ['delivered', 'undelivered', 'failed', 'canceled'];

export interface Answers {
  /** Message ids by Idempotency-Key, once accepted (201, or a replay of it). */
  accepted: Map<string, string>;
  /** 503 answers, by code. */
  unavailable: Map<string, number>;
  /** Anything else (a 500, a hang cut by the timeout, a 503 without a stable code): each is a failure. */
  wrong: string[];
}

export function newAnswers(): Answers {
  return { accepted: new Map(), unavailable: new Map(), wrong: [] };
}

/** POSTs one message until it is accepted; a hung request (no answer within `timeoutMs`) counts as wrong. */
export async function sendUntilAccepted(url: string, key: string, body: Record<string, unknown>, answers: Answers, codes: readonly string[], timeoutMs = 60_000): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    let status: number;
    let parsed: Record<string, unknown> = {};
    let retryAfter: string | null = null;
    try {
      const res = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      const text = await res.text();
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
    } catch (err) {
      answers.wrong.push(`${key}: no answer (${(err as Error).name}: ${(err as Error).message})`);
      return;
    }
    if (status === 201 || status === 200) {
      answers.accepted.set(key, String(parsed.id));
      return;
    }
    const code = String(parsed.code);
    if (status === 503 && codes.includes(code) && retryAfter !== null && typeof parsed.detail === 'string' && !String(parsed.detail).includes('    at ')) {
      answers.unavailable.set(code, (answers.unavailable.get(code) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    answers.wrong.push(`${key}: ${status} ${JSON.stringify(parsed).slice(0, 300)}`);
    return;
  }
  answers.wrong.push(`${key}: never accepted`);
}

/** Runs `total` sends, `parallel` at a time. */
export async function sendAll(total: number, parallel: number, send: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < total) await send(next++);
  }));
}

/**
 * Every message porm holds is final and delivered, none recorded as sent twice; every accepted id is
 * among them; the MMSC accepted each exactly once, and saw a second submit only of messages whose
 * timeline notes a resumed send. Returns counts for the test's diagnostics.
 */
export async function assertNothingLost(db: pg.Client, schema: string, accepted: ReadonlyMap<string, string>, ledgerPath: string): Promise<{ resumed: number; duplicates: number; messages: number }> {
  const rows = (await db.query<{ id: string; status: string; carrier_message_id: string | null }>(`select id, status, carrier_message_id from ${schema}.messages`)).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of accepted.values()) assert.ok(byId.has(id), `message ${id} was accepted but is missing`);
  assert.equal(new Set(accepted.values()).size, accepted.size, 'one message per Idempotency-Key');
  // A create whose connection broke during COMMIT may have committed: it is then this key's
  // message (replayed on the retry), never a second one.
  assert.equal(rows.length, accepted.size, 'no message besides the accepted ones');
  const statuses = [...new Set(rows.map((r) => r.status))];
  assert.deepEqual(statuses, ['delivered'], `final states: ${statuses.join(', ')}`);
  const sentTwice = await db.query(`select message_id from ${schema}.message_events where type = 'sent' group by message_id having count(*) > 1`);
  assert.equal(sentTwice.rowCount, 0, 'no message recorded as sent twice');
  const resumed = new Map((await db.query<{ message_id: string; n: number }>(`select message_id, count(*)::int as n from ${schema}.message_events where type = 'resumed' group by message_id`)).rows.map((r) => [r.message_id, r.n]));

  const ledger = new Database(ledgerPath, { readonly: true });
  const mmsc = ledger.prepare(`select porm_id, carrier_id, duplicate_count from submissions where outcome = 'accepted'`).all() as Array<{ porm_id: string; carrier_id: string; duplicate_count: number }>;
  ledger.close();
  assert.equal(mmsc.length, rows.length, 'the MMSC accepted each message once');
  let duplicates = 0;
  for (const m of mmsc) {
    assert.equal(byId.get(m.porm_id)?.carrier_message_id, m.carrier_id, `carrier id of ${m.porm_id}`);
    duplicates += m.duplicate_count;
    assert.ok(m.duplicate_count <= (resumed.get(m.porm_id) ?? 0), `${m.porm_id} reached the MMSC ${m.duplicate_count + 1} times with ${resumed.get(m.porm_id) ?? 0} 'resumed' notes`);
  }
  return { resumed: [...resumed.values()].reduce((a, b) => a + b, 0), duplicates, messages: rows.length };
}
