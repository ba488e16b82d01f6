import type { Db } from '../store/schema.ts';
import type { ErrorCode } from '../errors.ts';
import type { Message, MessageEvent } from './model.ts';
import { messageFromRow } from './rows.ts';
import { insertEventRow, selectMessage, takeEventSeq, updateMessageState, type MessageRow } from './message-sql.ts';
import { canTransition, type MessageStatus } from './status.ts';
import { WriteConflict } from '../store/write-conflict.ts';

/** How many times `move` retries its conditional update itself when only the event sequence moved. */
const SEQ_RACE_RETRIES = 5;

/**
 * A transition lost its race: the message's status changed between the caller's read and the
 * conditional update, so whatever the caller decided from that read may no longer hold.
 * Run the unit again from its reads (store/write-with-retry.ts does exactly that).
 */
export class TransitionConflict extends WriteConflict {
  constructor(readonly messageId: string, readonly expected: string, readonly found: string | null) {
    super(`message ${messageId} moved from ${expected} to ${found ?? '(gone)'} while this update was being decided`);
    this.name = 'TransitionConflict';
  }
}

export interface TransitionDetails {
  /** Event type; defaults to the target status. */
  type?: string;
  data?: Record<string, unknown>;
  errorCode?: ErrorCode;
  errorMessage?: string;
  carrier?: string;
  carrierMessageId?: string;
  incrementAttempts?: boolean;
}

/** Called inside the same write unit as the transition, so its effects commit with it. */
export type TransitionListener = (tx: Db, message: Message, event: MessageEvent) => Promise<void>;

/**
 * The only code that changes a message's status. Every change is a conditional update on the
 * status and event sequence the caller saw (so two writers can never both win) plus an event
 * row with the next sequence number.
 */
export class MessageTransitions {
  private readonly listeners: TransitionListener[] = [];

  onTransition(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  /**
   * Moves the message to `to`; returns undefined when the move is not legal from its status now.
   * `current` is the row as the caller just read it in this same unit (saves reading it again).
   *
   * The update is conditional on the status and event sequence that were read, so two writers
   * can never both win. When it loses:
   * - only the event sequence moved (someone noted an event; the status is what was read): the
   *   decision still holds, so the update is tried again on the fresh row, a few times;
   * - the status moved, and the caller decided from `current`: TransitionConflict, so that the
   *   caller's unit runs again and decides from what the winner committed;
   * - the status moved, and `move` read the row itself: legality is re-checked on the fresh row
   *   (undefined when no longer legal), as if the caller had called a moment later.
   */
  async move(tx: Db, id: string, to: MessageStatus, details: TransitionDetails, now: number, current?: MessageRow): Promise<Message | undefined> {
    let row = current ?? (await selectMessage(tx, { id })).rows[0];
    for (let attempt = 1; ; attempt++) {
      if (!row || !canTransition(row.status as MessageStatus, to)) return undefined;
      const won = await this.tryMove(tx, row, to, details, now);
      if (won) return won;
      const fresh: MessageRow | undefined = (await selectMessage(tx, { id })).rows[0];
      const statusMoved = fresh?.status !== row.status;
      if ((statusMoved && current !== undefined) || attempt >= SEQ_RACE_RETRIES) throw new TransitionConflict(id, row.status, fresh?.status ?? null);
      row = fresh;
    }
  }

  /** One conditional update plus its event; undefined when the row is no longer the one read. */
  private async tryMove(tx: Db, row: MessageRow, to: MessageStatus, details: TransitionDetails, now: number): Promise<Message | undefined> {
    const seq = row.event_seq + 1;
    const changes = {
      status: to,
      event_seq: seq,
      updated_at: now,
      attempts: details.incrementAttempts ? row.attempts + 1 : row.attempts,
      error_code: details.errorCode ?? row.error_code,
      error_message: details.errorCode !== undefined ? details.errorMessage ?? null : row.error_message,
      carrier: details.carrier ?? row.carrier,
      carrier_message_id: details.carrierMessageId ?? row.carrier_message_id,
    };
    const result = await updateMessageState(tx, {
      id: row.id, fromStatus: row.status, fromSeq: row.event_seq, status: to, seq, updatedAt: now, attempts: changes.attempts,
      errorCode: changes.error_code, errorMessage: changes.error_message, carrier: changes.carrier, carrierMessageId: changes.carrier_message_id,
    });
    if (Number(result.numAffectedRows ?? 0n) === 0) return undefined;
    const data = {
      ...(details.errorCode !== undefined ? { error_code: details.errorCode, error_message: details.errorMessage ?? null } : {}),
      ...(details.carrierMessageId !== undefined ? { carrier_message_id: details.carrierMessageId } : {}),
      ...details.data,
    };
    const event = await insertEvent(tx, row.id, row.account_id, seq, details.type ?? to, to, data, now);
    const message = messageFromRow({ ...row, ...changes });
    for (const listener of this.listeners) await listener(tx, message, event);
    return message;
  }

  /**
   * Records an event that changes no status (a retry note, a duplicate report, …). Its sequence
   * number is taken by an atomic increment, so it never collides with a concurrent writer's.
   */
  async note(tx: Db, id: string, type: string, data: Record<string, unknown>, now: number): Promise<void> {
    const taken = (await takeEventSeq(tx, { id })).rows[0];
    if (!taken) return;
    await insertEvent(tx, id, taken.account_id, taken.event_seq, type, null, data, now);
  }

  /** Lets listeners see the creation event too (it is inserted with the message row). */
  async announce(tx: Db, message: Message, event: MessageEvent): Promise<void> {
    for (const listener of this.listeners) await listener(tx, message, event);
  }
}

export async function insertEvent(
  tx: Db, messageId: string, accountId: string, seq: number, type: string,
  status: MessageStatus | null, data: Record<string, unknown>, at: number,
): Promise<MessageEvent> {
  const hasData = Object.keys(data).length > 0;
  await insertEventRow(tx, { message_id: messageId, account_id: accountId, seq, type, status, at, data_json: hasData ? JSON.stringify(data) : null });
  return { seq, type, status, at, data: hasData ? data : null };
}
