import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { InboundMessage, InboundPart, WapPush } from '../../carriers/carrier-events.ts';
import type { Store } from '../../store/store.ts';
import { decodeUserData, type ShortMessageAlphabet } from '../text/index.ts';

// Concatenated SMS from handsets, put back together durably. Each part is a row keyed by
// (carrier, message key, sequence): a repeat hits the key and changes nothing, order does not
// matter, and a part is stored before the SMSC is told it arrived. When the last part is in,
// the whole message is handed to the inbound path with a dedupe key made from the parts, so a
// crash between storing the message and clearing the parts, or a part resent after that,
// never stores it twice. Parts of messages still incomplete after `ttlMs` are dropped, logged.

export interface MoPartsOptions {
  ttlMs(carrier: string): number;
  /**
   * Where a complete message to the WAP Push port goes instead of the inbound path (its bytes,
   * parts joined). A repeat after a crash between handing it over and clearing the parts hands
   * it over again: report ingestion records a repeated report and changes nothing.
   */
  wapPush?(push: WapPush): Promise<void>;
}

export class MoParts {
  constructor(
    private readonly store: Store,
    private readonly receive: (message: InboundMessage) => Promise<{ id: string }>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: MoPartsOptions,
  ) {}

  readonly inboundPart = async (part: InboundPart): Promise<{ id: string | null }> => {
    const now = this.clock.now();
    const concatKey = `${part.from}|${part.to}|${part.reference}|${part.total}`;
    const parts = await this.store.write(async (tx) => {
      // Two parts of one message arriving at once must not each miss the other's uncommitted row
      // (READ COMMITTED with many writers): the second waits here, then reads the first's part.
      await this.store.lockKey(tx, `sms-mo-parts:${part.carrier}:${concatKey}`);
      const expired = await tx.deleteFrom('sms_mo_parts').where('carrier', '=', part.carrier)
        .where('received_at', '<', now - this.options.ttlMs(part.carrier)).executeTakeFirst();
      const dropped = Number(expired.numDeletedRows);
      if (dropped > 0) this.log.warn({ carrier: part.carrier, parts: dropped }, 'parts of incomplete concatenated SMS expired and were dropped');
      await tx.insertInto('sms_mo_parts').values({
        carrier: part.carrier, concat_key: concatKey, seq: part.sequence, total: part.total, from_number: part.from, to_number: part.to,
        alphabet: part.alphabet, payload_hex: part.payload.toString('hex'), received_at: now,
      }).onConflict((oc) => oc.columns(['carrier', 'concat_key', 'seq']).doNothing()).execute();
      return tx.selectFrom('sms_mo_parts').select(['seq', 'alphabet', 'payload_hex', 'received_at'])
        .where('carrier', '=', part.carrier).where('concat_key', '=', concatKey).orderBy('seq').execute();
    });
    if (parts.length < part.total) return { id: null };
    const payload = Buffer.concat(parts.map((p) => Buffer.from(p.payload_hex, 'hex')));
    if (part.port !== undefined) {
      // Binary data for an application port: never shown to anyone as text.
      if (this.options.wapPush) await this.options.wapPush({ carrier: part.carrier, from: part.from, to: part.to, port: part.port, payload });
      else this.log.warn({ carrier: part.carrier, port: part.port }, 'a concatenated SMS to an application port porm does not serve was dropped');
      await this.clear(part.carrier, concatKey);
      return { id: null };
    }
    // Joined before decoding: a UCS-2 character (or surrogate pair) may straddle two parts.
    const text = decodeUserData(payload, parts[0]!.alphabet as ShortMessageAlphabet);
    const first = Math.min(...parts.map((p) => Number(p.received_at)));
    const digest = createHash('sha256').update(payload).digest('hex').slice(0, 32);
    const stored = await this.receive({
      carrier: part.carrier, channel: 'sms', from: part.from, to: part.to, subject: null, text, attachments: [], linkedId: null,
      dedupeKey: `sms-concat:${concatKey}:${first}:${digest}`,
    });
    await this.clear(part.carrier, concatKey);
    return { id: stored.id };
  };

  private async clear(carrier: string, concatKey: string): Promise<void> {
    await this.store.write(async (tx) => {
      await tx.deleteFrom('sms_mo_parts').where('carrier', '=', carrier).where('concat_key', '=', concatKey).execute();
    });
  }
}
