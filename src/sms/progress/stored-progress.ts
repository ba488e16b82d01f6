import type { Clock } from '../../clock.ts';
import type { AcceptedSegment, SmsProgress, SmsSubmitProgress } from '../../carriers/sms-submit-progress.ts';
import type { MessageTransitions } from '../../messages/transitions.ts';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { writeWithRetry } from '../../store/write-with-retry.ts';
import { deleteSubmitProgress } from '../receipts/segment-sql.ts';

// The SMS submit progress in porm's store (table sms_submit_progress, migration 0020). One row
// per accepted segment, written (durably) as soon as the SMSC accepts it, so that a process
// killed between segment 1's submit_sm_resp and segment 3's leaves the next attempt knowing
// segment 1 went. Rows go with the message's `sent` (forgetSubmitProgress, in that unit) or
// its failure. Inserts never overwrite: a second worker that raced on the same segment (a
// lease that expired under it) keeps the first id, and both ids stay valid SMSC messages.

export class StoredSmsProgress implements SmsSubmitProgress {
  constructor(private readonly store: Store, private readonly transitions: MessageTransitions, private readonly clock: Clock) {}

  async load(_carrier: string, messageId: string): Promise<SmsProgress | undefined> {
    const rows = await this.store.db.selectFrom('sms_submit_progress').selectAll().where('message_id', '=', messageId).orderBy('seq').execute();
    const first = rows[0];
    if (first === undefined) return undefined;
    // Rows of one plan only: the latest plan wins if an older one's rows linger.
    const latest = rows.reduce((a, b) => (b.accepted_at > a.accepted_at ? b : a), first);
    const mine = rows.filter((r) => r.parts_digest === latest.parts_digest && r.carrier === latest.carrier);
    return { carrier: latest.carrier, total: latest.total, reference: latest.reference, digest: latest.parts_digest, accepted: new Map(mine.map((r) => [r.seq, r.smsc_id])) };
  }

  async accepted(carrier: string, messageId: string, s: AcceptedSegment): Promise<void> {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      await tx.insertInto('sms_submit_progress').values({
        message_id: messageId, seq: s.seq, carrier, total: s.total, reference: s.reference, parts_digest: s.digest, smsc_id: s.smscId, accepted_at: now,
      }).onConflict((oc) => oc.columns(['message_id', 'seq']).doNothing()).execute();
    });
  }

  async resumed(messageId: string, note: { carrier: string; reference: number; total: number; alreadyAccepted: number[]; resubmitted: number[] }): Promise<void> {
    const now = this.clock.now();
    await writeWithRetry(this.store, (tx) => this.transitions.note(tx, messageId, 'sms_segments_resubmitted', {
      carrier: note.carrier, reference: note.reference, segments: note.total, already_accepted: note.alreadyAccepted, resubmitted: note.resubmitted,
    }, now));
  }

  async forget(messageId: string): Promise<void> {
    await this.store.write((tx) => forgetSubmitProgress(tx, messageId));
  }
}

/** Inside the unit that makes the message sent or failed: its half-sent segments are history. */
export async function forgetSubmitProgress(tx: Db, messageId: string): Promise<void> {
  await deleteSubmitProgress(tx, { messageId });
}
