import { randomInt } from 'node:crypto';
import type { Db } from '../store/schema.ts';
import { PormError } from '../errors.ts';
import type { NewMessage } from '../messages/model.ts';
import type { SenderPool } from '../messages/send-service.ts';
import type { PoolNumber } from './model.ts';
import { findService, poolNumbers } from './rows.ts';
import { candidatesFor, neededCapability } from './choose-sender.ts';

/**
 * Sending through a messaging service, inside the send's write unit (SendService): the service
 * must be the account's; its status callback is the default; a message without a sender gets one
 * from the pool. With sticky sender on, the recipient's number is stored per service and
 * recipient, and the primary key decides concurrent first sends (insert, or read the winner), so
 * the choice commits with the message and holds under many writers (READ COMMITTED included).
 */
export class MessagingServicePool implements SenderPool {
  async resolve(tx: Db, accountId: string, serviceId: string, message: NewMessage, now: number): Promise<NewMessage> {
    const service = await findService(tx, accountId, serviceId);
    if (!service) {
      const text = 'no messaging service with this id in your account';
      throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND', text, [{ field: '/messagingServiceId', code: 'PORM_MESSAGING_SERVICE_NOT_FOUND', message: text }]);
    }
    const withDefaults: NewMessage = { ...message, statusCallback: message.statusCallback ?? service.status_callback };
    // A sender given by the caller wins; the send's sender check still requires it to be the account's.
    if (message.from !== '') return withDefaults;

    const pool = await poolNumbers(tx, serviceId);
    if (pool.length === 0) {
      const text = 'the messaging service has no numbers: add one to its pool';
      throw new PormError('PORM_MESSAGING_SERVICE_EMPTY', text, [{ field: '/messagingServiceId', code: 'PORM_MESSAGING_SERVICE_EMPTY', message: text }]);
    }
    const { numbers, standIn } = candidatesFor(pool, neededCapability(message));
    const sender = service.sticky_sender === 1 ? await this.sticky(tx, serviceId, message.to, pool, numbers, now) : anyOf(numbers);
    const fallback = standIn && neededCapability(message) === 'mms' && message.fallback === 'auto' ? 'sms' : message.fallback;
    return { ...withDefaults, from: sender.number, fallback };
  }

  /** The recipient's sticky sender when it can carry the message; a new one when it has none or left the pool. */
  private async sticky(tx: Db, serviceId: string, to: string, pool: readonly PoolNumber[], numbers: readonly PoolNumber[], now: number): Promise<PoolNumber> {
    const inPool = (id: string | undefined) => pool.find((n) => n.id === id);
    const usable = (id: string | undefined) => numbers.find((n) => n.id === id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await tx.selectFrom('messaging_service_senders').select('number_id')
        .where('service_id', '=', serviceId).where('to_number', '=', to).executeTakeFirst();
      if (stored && inPool(stored.number_id)) {
        // Still in the pool: it stays the recipient's sender even when this one message needs
        // what it cannot do (an MMS from an SMS-only number goes from another number once).
        return usable(stored.number_id) ?? anyOf(numbers);
      }
      const choice = anyOf(numbers);
      if (stored) {
        // Its number left the pool: replace it, unless a concurrent send already has.
        const moved = await tx.updateTable('messaging_service_senders').set({ number_id: choice.id, updated_at: now })
          .where('service_id', '=', serviceId).where('to_number', '=', to).where('number_id', '=', stored.number_id).executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 1) return choice;
        continue;
      }
      const inserted = await tx.insertInto('messaging_service_senders').values({ service_id: serviceId, to_number: to, number_id: choice.id, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['service_id', 'to_number']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return choice;
      // A concurrent first send to this recipient won: read its choice on the next turn.
    }
    // Three lost races in one send: the pool is changing under us; this message still needs a sender.
    return anyOf(numbers);
  }
}

/** A uniformly random number of the list, so a pool spreads its recipients (and, without stickiness, its messages). */
function anyOf(numbers: readonly PoolNumber[]): PoolNumber {
  return numbers[randomInt(numbers.length)]!;
}
