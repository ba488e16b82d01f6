import type { Db } from '../store/schema.ts';
import { PormError, type FieldError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import { parseSenderNumber, canonicalNumber, type NumberKind } from './number-format.ts';
import { CAPABILITIES, type Capability, type NumberInput, type NumberPatch, type NumberSource, type SenderNumber } from './model.ts';
import { numberFromRow } from './number-rows.ts';
import { claimNumber } from './claim-number.ts';
import { selectRoute, selectSender } from './number-sql.ts';
import { inboundWebhookColumns } from './inbound-webhook.ts';
import { findProgram } from '../compliance/programs/program-store.ts';

/** Whether the server configuration has a carrier of this name (config carriers.<name>). */
/** Whether `accountId` may use connector `carrier` (a route open to it lists it). */
export type RouteExists = (accountId: string, carrier: string) => boolean;

/** The numbers of an account (`/v1/numbers`, `porm numbers`), and who owns a number. */
export class NumberService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly routeExists: RouteExists,
    /** Where inbound webhooks may point: config webhooks.allowPrivateNetworks. */
    private readonly webhookPolicy: { allowPrivateNetworks: boolean } = { allowPrivateNetworks: false },
  ) {}

  async create(accountId: string, input: NumberInput, source: NumberSource = 'registered'): Promise<SenderNumber> {
    const parsed = parseSenderNumber(input.number);
    if (!parsed.ok) throw fieldError(parsed.code, '/number', parsed.message);
    const capabilities = this.checkCapabilities(parsed.kind, input.capabilities);
    const route = this.checkRoute(accountId, input.route ?? null);
    const webhook = input.inboundWebhook ? inboundWebhookColumns(input.inboundWebhook, this.webhookPolicy.allowPrivateNetworks) : undefined;
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const claim = await claimNumber(tx, { accountId, number: parsed.number, kind: parsed.kind, capabilities, route, source, now });
      if (!claim.claimed) {
        // Whose it is stays unsaid: another account's numbers are not this caller's business.
        const mine = claim.ownerId === accountId;
        throw fieldError('PORM_NUMBER_ALREADY_CLAIMED', '/number', mine ? `${parsed.number} is already one of your numbers (${claim.id})` : `${parsed.number} is held by another account`);
      }
      if (webhook) await tx.updateTable('numbers').set(webhook).where('id', '=', claim.id).execute();
      const row = await tx.selectFrom('numbers').selectAll().where('id', '=', claim.id).executeTakeFirstOrThrow();
      return numberFromRow(row);
    });
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<SenderNumber>> {
    let query = this.store.db.selectFrom('numbers').selectAll().where('account_id', '=', accountId);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'num'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = rows.slice(0, limit).map(numberFromRow);
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** One of the account's numbers, by id (num_…) or by the number itself. */
  async get(accountId: string, idOrNumber: string): Promise<SenderNumber> {
    const row = await this.store.db.selectFrom('numbers').selectAll().where('account_id', '=', accountId)
      .where(idOrNumber.startsWith('num_') ? 'id' : 'number', '=', idOrNumber.startsWith('num_') ? idOrNumber : canonicalNumber(idOrNumber) ?? idOrNumber)
      .executeTakeFirst();
    if (!row) throw new PormError('PORM_NUMBER_NOT_FOUND');
    return numberFromRow(row);
  }

  async update(accountId: string, idOrNumber: string, patch: NumberPatch): Promise<SenderNumber> {
    const current = await this.get(accountId, idOrNumber);
    const capabilities = patch.capabilities === undefined ? undefined : this.checkCapabilities(current.kind, patch.capabilities);
    const route = patch.route === undefined ? undefined : this.checkRoute(accountId, patch.route);
    const webhook = patch.inboundWebhook === undefined ? undefined : inboundWebhookColumns(patch.inboundWebhook, this.webhookPolicy.allowPrivateNetworks);
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const programId = patch.programId;
      if (programId !== undefined && programId !== null) {
        // Under the program's lock, which deleting a program takes too: a number never joins a program being deleted.
        await this.store.lockKey(tx, `program:${programId}`);
        if (!(await findProgram(tx, accountId, programId))) throw new PormError('PORM_PROGRAM_NOT_FOUND', `no program ${programId.slice(0, 40)} in this account`, [{ field: '/programId', code: 'PORM_PROGRAM_NOT_FOUND', message: 'no such program in this account' }]);
      }
      const result = await tx.updateTable('numbers').set({
        ...(capabilities ? { capabilities_json: JSON.stringify(capabilities) } : {}), ...(route !== undefined ? { route } : {}), ...webhook,
        ...(programId !== undefined ? { program_id: programId } : {}), updated_at: now,
      }).where('id', '=', current.id).where('account_id', '=', accountId).executeTakeFirst();
      // Removed by a concurrent request since it was read.
      if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_NUMBER_NOT_FOUND');
      return numberFromRow(await tx.selectFrom('numbers').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow());
    });
  }

  /** Gives the number up: MOs to it are unattributed from now on, and another account may claim it. */
  async remove(accountId: string, idOrNumber: string): Promise<void> {
    const current = await this.get(accountId, idOrNumber);
    const result = await this.store.write((tx) => tx.deleteFrom('numbers').where('id', '=', current.id).where('account_id', '=', accountId).executeTakeFirst());
    if (Number(result.numDeletedRows) === 0) throw new PormError('PORM_NUMBER_NOT_FOUND');
  }

  /** The account that owns a number (any of the three forms), or null: for checks such as the sandbox's reply endpoint. */
  async ownerOf(number: string): Promise<string | null> {
    const canonical = canonicalNumber(number);
    if (canonical === null) return null;
    const row = await this.store.db.selectFrom('numbers').select('account_id').where('number', '=', canonical).executeTakeFirst();
    return row?.account_id ?? null;
  }

  /**
   * The carrier the account's number asks for (its `route`), or null to let the routing table
   * decide. For the send path's route step; nothing calls it yet.
   */
  async routeOf(accountId: string, number: string): Promise<string | null> {
    return (await selectRoute(this.store.db, { number, accountId })).rows[0]?.route ?? null;
  }

  /** Inside a caller's write unit (the send path's claim): does `accountId` own `number`, and its route. */
  async senderIn(tx: Db, accountId: string, number: string): Promise<{ owned: boolean; route: string | null }> {
    const row = (await selectSender(tx, { number })).rows[0];
    return row?.account_id === accountId ? { owned: true, route: row.route } : { owned: false, route: null };
  }

  private checkCapabilities(kind: NumberKind, given: readonly Capability[] | undefined): Capability[] {
    if (given === undefined) return kind === 'alphanumeric' ? ['sms'] : [...CAPABILITIES];
    const unique = CAPABILITIES.filter((c) => given.includes(c));
    const bad = given.findIndex((c) => !CAPABILITIES.includes(c));
    if (bad >= 0 || unique.length === 0) throw fieldError('PORM_INVALID_FIELD', bad >= 0 ? `/capabilities/${bad}` : '/capabilities', 'capabilities are one or both of "sms" and "mms"');
    if (kind === 'alphanumeric' && unique.includes('mms')) throw fieldError('PORM_CAPABILITY_UNSUPPORTED', `/capabilities/${given.indexOf('mms')}`, 'an alphanumeric sender id cannot send MMS');
    return unique;
  }

  private checkRoute(accountId: string, route: string | null): string | null {
    // A connector kept for other accounts' routes is refused like an unknown one: the answer does
    // not tell one account which connectors another has.
    if (route !== null && !this.routeExists(accountId, route)) throw fieldError('PORM_UNKNOWN_ROUTE', '/route', `no carrier "${route.slice(0, 40)}" in this server's configuration`);
    return route;
  }
}

function fieldError(code: FieldError['code'], field: string, message: string): PormError {
  return new PormError(code, message, [{ field, code, message }]);
}
