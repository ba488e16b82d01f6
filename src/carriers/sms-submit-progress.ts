// How far a concatenated SMS got with the SMSC, kept by porm for the connector: the segments
// the SMSC accepted (with their ids), the UDH reference they carry and a digest of the plan, so
// that a later attempt, in this process or after a restart, submits only the segments still
// missing, with the same reference. Segments are 0-based here.

export interface SmsProgress {
  /** The connector that took the accepted segments. */
  carrier: string;
  total: number;
  reference: number;
  /** A digest of the parts' bytes; a plan that differs is not resumed. */
  digest: string;
  /** seq → SMSC message id. */
  accepted: ReadonlyMap<number, string>;
}

export interface AcceptedSegment {
  seq: number;
  total: number;
  reference: number;
  digest: string;
  smscId: string;
}

export interface SmsSubmitProgress {
  /** What earlier attempts of this message got accepted (by whichever connector); undefined when nothing was. */
  load(carrier: string, messageId: string): Promise<SmsProgress | undefined>;
  /** Resolves once the segment's acceptance is durable. */
  accepted(carrier: string, messageId: string, segment: AcceptedSegment): Promise<void>;
  /** Puts on the message's timeline that this attempt resubmits only some segments (1-based numbers). */
  resumed(messageId: string, note: { carrier: string; reference: number; total: number; alreadyAccepted: number[]; resubmitted: number[] }): Promise<void>;
  /** Drops what was remembered (a permanent refusal, or a plan that no longer matches). */
  forget(messageId: string): Promise<void>;
}

/** The progress of a process with no store to keep it in (a connector built alone, in tests): memory, bounded. */
export class MemorySmsProgress implements SmsSubmitProgress {
  private readonly entries = new Map<string, { carrier: string; total: number; reference: number; digest: string; accepted: Map<number, string> }>();
  readonly notes: Array<{ messageId: string; alreadyAccepted: number[]; resubmitted: number[] }> = [];

  constructor(private readonly max = 10_000) {}

  async load(_carrier: string, messageId: string): Promise<SmsProgress | undefined> {
    const e = this.entries.get(messageId);
    return e === undefined ? undefined : { ...e, accepted: new Map(e.accepted) };
  }

  async accepted(carrier: string, messageId: string, s: AcceptedSegment): Promise<void> {
    let e = this.entries.get(messageId);
    if (e === undefined || e.digest !== s.digest || e.carrier !== carrier) {
      e = { carrier, total: s.total, reference: s.reference, digest: s.digest, accepted: new Map() };
      this.entries.set(messageId, e);
      if (this.entries.size > this.max) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    if (!e.accepted.has(s.seq)) e.accepted.set(s.seq, s.smscId);
  }

  async resumed(messageId: string, note: { alreadyAccepted: number[]; resubmitted: number[] }): Promise<void> {
    this.notes.push({ messageId, alreadyAccepted: note.alreadyAccepted, resubmitted: note.resubmitted });
  }

  async forget(messageId: string): Promise<void> {
    this.entries.delete(messageId);
  }
}
