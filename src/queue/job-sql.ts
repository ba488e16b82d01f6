import { sql } from 'kysely';
import { queryTemplate } from '../store/query-template.ts';

// The statements of the embedded queue, built once (see query-template.ts). Every settle and
// renewal is conditional on the lease (worker id and claim token): 0 rows means it was lost.

export const insertJob = queryTemplate<{ kind: string; payload: string; runAt: number; now: number }>((db, p) => db.insertInto('jobs').values({
  kind: p.kind, payload_json: p.payload, run_at: p.runAt, attempts: 0, locked_by: null, locked_until: null, last_error: null, created_at: p.now,
}));

type Held = { id: number; workerId: string; token: number };

export const deleteHeld = queryTemplate<Held>((db, p) =>
  db.deleteFrom('jobs').where('id', '=', p.id).where('locked_by', '=', p.workerId).where('attempts', '=', p.token));

export const rescheduleHeld = queryTemplate<Held & { runAt: number; error: string | null }>((db, p) =>
  db.updateTable('jobs').set({ run_at: p.runAt, locked_by: null, locked_until: null, last_error: p.error })
    .where('id', '=', p.id).where('locked_by', '=', p.workerId).where('attempts', '=', p.token));

export const crashHeld = queryTemplate<Held & { runAt: number; error: string }>((db, p) =>
  db.updateTable('jobs').set({ run_at: p.runAt, locked_by: null, locked_until: null, last_error: p.error, crashes: sql<number>`crashes + 1` })
    .where('id', '=', p.id).where('locked_by', '=', p.workerId).where('attempts', '=', p.token));

export const renewHeld = queryTemplate<Held & { until: number }>((db, p) =>
  db.updateTable('jobs').set({ locked_until: p.until })
    .where('id', '=', p.id).where('locked_by', '=', p.workerId).where('attempts', '=', p.token));
