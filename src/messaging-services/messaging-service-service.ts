import type { Db } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from '../clock.ts';
import { PormError, type ErrorCode } from '../errors.ts';
import { newMessagingServiceId } from '../ids.ts';
import { isHttpUrl } from '../messages/validate.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import { canonicalNumber } from '../numbers/number-format.ts';
import { inboundWebhookColumns } from '../numbers/inbound-webhook.ts';
import { MAX_POOL_NUMBERS, type MessagingService, type MessagingServiceInput, type MessagingServicePatch } from './model.ts';
import { findService, poolNumbers, serviceFromRow } from './rows.ts';

// Messaging services of an account (/v1/messaging-services, and the Twilio surface's
// MessagingServiceSid): create, read, change, delete, and the numbers of their pools. Field
// errors name the /v1 body's fields (/name, /status_callback, /inbound_webhook/url, /numbers/0).

const MAX_NAME = 64;

function fieldError(code: ErrorCode, field: string, message: string): PormError {
  return new PormError(code, message, [{ field, code, message }]);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  // Control characters would break the CLI's table and logs; names are for people.
  if (trimmed.length === 0 || [...trimmed].length > MAX_NAME || !trimmed.isWellFormed() || /\p{Cc}/u.test(trimmed)) {
    throw fieldError('PORM_INVALID_FIELD', '/name', `name is 1 to ${MAX_NAME} printable characters`);
  }
  return trimmed;
}

function checkCallback(url: string | null): string | null {
  if (url !== null && !isHttpUrl(url)) throw fieldError('PORM_INVALID_URL', '/status_callback', 'status_callback must be an absolute http(s) URL without credentials');
  return url;
}

/** The lock every change to one service's membership takes (and its deletion), so neither sees half of the other. */
const lockOf = (serviceId: string): string => `messaging-service:${serviceId}`;

export class MessagingServices {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Where inbound webhooks may point: config webhooks.allowPrivateNetworks. */
    private readonly webhookPolicy: { allowPrivateNetworks: boolean } = { allowPrivateNetworks: false },
  ) {}

  async create(accountId: string, input: MessagingServiceInput): Promise<MessagingService> {
    const name = checkName(input.name);
    const statusCallback = checkCallback(input.statusCallback ?? null);
    const webhook = this.webhookColumns(input.inboundWebhook ?? null);
    const numbers = input.numbers ?? [];
    if (numbers.length > MAX_POOL_NUMBERS) throw fieldError('PORM_MESSAGING_SERVICE_FULL', '/numbers', `at most ${MAX_POOL_NUMBERS} numbers`);
    const now = this.clock.now();
    const id = newMessagingServiceId(now);
    await this.store.write(async (tx) => {
      await tx.insertInto('messaging_services').values({
        id, account_id: accountId, name, sticky_sender: input.stickySender === false ? 0 : 1, status_callback: statusCallback, ...webhook, created_at: now, updated_at: now,
      }).execute();
      // Nobody else knows the id yet: no lock needed for the first members.
      for (const [i, number] of numbers.entries()) await this.addIn(tx, accountId, id, number, `/numbers/${i}`, now);
    });
    return this.get(accountId, id);
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<MessagingService>> {
    let query = this.store.db.selectFrom('messaging_services').selectAll().where('account_id', '=', accountId);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'mgs'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = await Promise.all(rows.slice(0, limit).map(async (r) => serviceFromRow(r, await poolNumbers(this.store.db, r.id))));
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** One of the account's services; another account's answers exactly as one that does not exist. */
  async get(accountId: string, id: string): Promise<MessagingService> {
    const row = await findService(this.store.db, accountId, id);
    if (!row) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND');
    return serviceFromRow(row, await poolNumbers(this.store.db, id));
  }

  async update(accountId: string, id: string, patch: MessagingServicePatch): Promise<MessagingService> {
    const name = patch.name === undefined ? undefined : checkName(patch.name);
    const statusCallback = patch.statusCallback === undefined ? undefined : checkCallback(patch.statusCallback);
    const webhook = patch.inboundWebhook === undefined ? undefined : this.webhookColumns(patch.inboundWebhook);
    const now = this.clock.now();
    const result = await this.store.write((tx) => tx.updateTable('messaging_services').set({
      ...(name !== undefined ? { name } : {}), ...(statusCallback !== undefined ? { status_callback: statusCallback } : {}),
      ...(patch.stickySender !== undefined ? { sticky_sender: patch.stickySender ? 1 : 0 } : {}), ...webhook, updated_at: now,
    }).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst());
    if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND');
    return this.get(accountId, id);
  }

  /** Deletes the service, its pool and its sticky senders; messages sent through it keep naming it. */
  async remove(accountId: string, id: string): Promise<void> {
    const deleted = await this.store.write(async (tx) => {
      await this.store.lockKey(tx, lockOf(id));
      if (!(await findService(tx, accountId, id))) return false;
      await tx.deleteFrom('messaging_service_numbers').where('service_id', '=', id).execute();
      await tx.deleteFrom('messaging_service_senders').where('service_id', '=', id).execute();
      await tx.deleteFrom('messaging_services').where('id', '=', id).where('account_id', '=', accountId).execute();
      return true;
    });
    if (!deleted) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND');
  }

  /** Puts one of the account's numbers (num_… or the number) in the pool; already there: nothing changes. */
  async addNumber(accountId: string, id: string, idOrNumber: string): Promise<MessagingService> {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      await this.store.lockKey(tx, lockOf(id));
      if (!(await findService(tx, accountId, id))) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND');
      await this.addIn(tx, accountId, id, idOrNumber, '/number', now);
      await tx.updateTable('messaging_services').set({ updated_at: now }).where('id', '=', id).execute();
    });
    return this.get(accountId, id);
  }

  async removeNumber(accountId: string, id: string, idOrNumber: string): Promise<MessagingService> {
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      await this.store.lockKey(tx, lockOf(id));
      if (!(await findService(tx, accountId, id))) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND');
      const number = await this.numberOf(tx, accountId, idOrNumber);
      const gone = number === undefined ? undefined : await tx.deleteFrom('messaging_service_numbers')
        .where('number_id', '=', number.id).where('service_id', '=', id).executeTakeFirst();
      if (!gone || Number(gone.numDeletedRows) === 0) throw new PormError('PORM_MESSAGING_SERVICE_NUMBER_NOT_FOUND');
      // Sticky senders on it are replaced at their recipients' next send (sender-pool.ts).
      await tx.updateTable('messaging_services').set({ updated_at: now }).where('id', '=', id).execute();
    });
    return this.get(accountId, id);
  }

  private async numberOf(tx: Db, accountId: string, idOrNumber: string): Promise<{ id: string } | undefined> {
    const byId = idOrNumber.startsWith('num_');
    const key = byId ? idOrNumber : canonicalNumber(idOrNumber);
    if (key === null) return undefined;
    return tx.selectFrom('numbers').select('id').where('account_id', '=', accountId).where(byId ? 'id' : 'number', '=', key).executeTakeFirst();
  }

  /** In a unit holding the service's lock (or creating it). */
  private async addIn(tx: Db, accountId: string, serviceId: string, idOrNumber: string, field: string, now: number): Promise<void> {
    const number = await this.numberOf(tx, accountId, idOrNumber);
    if (!number) throw fieldError('PORM_NUMBER_NOT_FOUND', field, `${idOrNumber.slice(0, 40)} is not one of your numbers (register it with POST /v1/numbers)`);
    const inserted = await tx.insertInto('messaging_service_numbers').values({ number_id: number.id, service_id: serviceId, account_id: accountId, added_at: now })
      .onConflict((oc) => oc.column('number_id').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const holder = await tx.selectFrom('messaging_service_numbers').select('service_id').where('number_id', '=', number.id).executeTakeFirst();
      if (holder?.service_id === serviceId) return;
      throw fieldError('PORM_MESSAGING_SERVICE_NUMBER_TAKEN', field, `${idOrNumber.slice(0, 40)} is in another messaging service (${holder?.service_id ?? 'one being changed'})`);
    }
    const count = await tx.selectFrom('messaging_service_numbers').select((eb) => eb.fn.countAll<number>().as('n')).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
    if (Number(count.n) > MAX_POOL_NUMBERS) throw fieldError('PORM_MESSAGING_SERVICE_FULL', field, `a messaging service holds at most ${MAX_POOL_NUMBERS} numbers`);
  }

  private webhookColumns(input: MessagingServiceInput['inboundWebhook'] | null) {
    const columns = inboundWebhookColumns(input === null || input === undefined ? null : { url: input.url, ...(input.method ? { method: input.method } : {}) }, this.webhookPolicy.allowPrivateNetworks);
    return { inbound_webhook_url: columns.inbound_webhook_url, inbound_webhook_method: columns.inbound_webhook_method };
  }
}
