import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { readLinkSettings } from './link-settings.ts';
import { checkCurrency, toMicros } from './conversion-value.ts';

// Conversions (an order, a sign-up) reported by the sender, credited to what porm sent: the
// recipient's last person-made click within the click window, else the last message delivered
// to them within the delivery window, else nothing (kept, but unattributed). The windows are the
// account's (/v1/links/settings).

export type Attribution = 'click' | 'delivery' | 'none';

export interface ConversionInput {
  accountId: string;
  /** The recipient's E.164 number; taken from the click when only click_id is given. */
  to?: string;
  clickId?: string;
  value: string | number;
  currency: string;
  orderId?: string;
  /** When it happened (ms); now when left out. */
  occurredAt?: number;
}

export interface Conversion {
  id: string;
  recipient: string;
  orderId: string | null;
  valueMicros: number;
  currency: string;
  occurredAt: number;
  createdAt: number;
  attribution: Attribution;
  messageId: string | null;
  token: string | null;
  clickId: string | null;
}

export interface RecordedConversion { conversion: Conversion; replayed: boolean }

interface Credit { attribution: Attribution; messageId: string | null; token: string | null; clickId: string | null }

const HOUR = 3_600_000;

async function creditOf(db: Db, accountId: string, recipient: string, at: number, clickWindowH: number, deliveryWindowH: number): Promise<Credit> {
  const click = await db.selectFrom('link_clicks').select(['id', 'message_id', 'token'])
    .where('account_id', '=', accountId).where('recipient', '=', recipient).where('bot', '=', 0)
    .where('at', '<=', at).where('at', '>=', at - clickWindowH * HOUR)
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (click) return { attribution: 'click', messageId: click.message_id, token: click.token, clickId: click.id };
  const delivered = await db.selectFrom('messages as m').innerJoin('message_events as e', 'e.message_id', 'm.id')
    .select(['m.id']).where('m.account_id', '=', accountId).where('m.to_number', '=', recipient).where('e.type', '=', 'delivered')
    .where('e.at', '<=', at).where('e.at', '>=', at - deliveryWindowH * HOUR)
    .orderBy('e.at', 'desc').limit(1).executeTakeFirst();
  if (delivered) return { attribution: 'delivery', messageId: delivered.id, token: null, clickId: null };
  return { attribution: 'none', messageId: null, token: null, clickId: null };
}

function fromRow(r: { id: string; recipient: string; order_id: string | null; value_micros: number; currency: string; occurred_at: number; created_at: number; attribution: string; message_id: string | null; token: string | null; click_id: string | null }): Conversion {
  return {
    id: r.id, recipient: r.recipient, orderId: r.order_id, valueMicros: Number(r.value_micros), currency: r.currency, occurredAt: Number(r.occurred_at),
    createdAt: Number(r.created_at), attribution: r.attribution as Attribution, messageId: r.message_id, token: r.token, clickId: r.click_id,
  };
}

export class ConversionService {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  async record(input: ConversionInput): Promise<RecordedConversion> {
    const { accountId } = input;
    if (input.to === undefined && input.clickId === undefined) throw new PormError('PORM_CONVERSION_WHO_MISSING');
    const valueMicros = toMicros(input.value);
    const currency = checkCurrency(input.currency);
    const now = this.now();
    const occurredAt = input.occurredAt ?? now;
    const settings = await readLinkSettings(this.store.db, accountId);
    return this.store.write(async (tx) => {
      let recipient = input.to;
      let credit: Credit;
      if (input.clickId !== undefined) {
        const click = await tx.selectFrom('link_clicks').select(['id', 'message_id', 'token', 'recipient'])
          .where('account_id', '=', accountId).where('id', '=', input.clickId).executeTakeFirst();
        if (!click) throw new PormError('PORM_CLICK_NOT_FOUND', undefined, [{ field: '/clickId', code: 'PORM_CLICK_NOT_FOUND', message: 'no such click in this account' }]);
        if (recipient !== undefined && recipient !== click.recipient) {
          throw new PormError('PORM_VALIDATION_FAILED', 'the click was made by another recipient', [{ field: '/to', code: 'PORM_VALIDATION_FAILED', message: 'the click was made by another recipient' }]);
        }
        recipient = click.recipient;
        credit = { attribution: 'click', messageId: click.message_id, token: click.token, clickId: click.id };
      } else {
        credit = await creditOf(tx, accountId, recipient!, occurredAt, settings.clickWindowHours, settings.deliveryWindowHours);
      }
      const row = {
        id: newId('cnv', now), account_id: accountId, recipient: recipient!, order_id: input.orderId ?? null, value_micros: valueMicros, currency,
        occurred_at: occurredAt, created_at: now, attribution: credit.attribution, message_id: credit.messageId, token: credit.token, click_id: credit.clickId,
      };
      const inserted = await tx.insertInto('conversions').values(row).onConflict((oc) => oc.columns(['account_id', 'order_id']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { conversion: fromRow(row), replayed: false };
      // The order was reported before (perhaps a moment ago by a concurrent request): the same report is answered with the first.
      const prior = await tx.selectFrom('conversions').selectAll().where('account_id', '=', accountId).where('order_id', '=', input.orderId!).executeTakeFirstOrThrow();
      if (prior.recipient !== row.recipient || Number(prior.value_micros) !== valueMicros || prior.currency !== currency) throw new PormError('PORM_CONVERSION_ORDER_CONFLICT');
      return { conversion: fromRow(prior), replayed: true };
    });
  }

  async get(accountId: string, id: string): Promise<Conversion> {
    const row = await this.store.db.selectFrom('conversions').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new PormError('PORM_CONVERSION_NOT_FOUND');
    return fromRow(row);
  }

  async list(accountId: string, filter: { recipient?: string; messageId?: string }, limit: number, before?: string): Promise<{ data: Conversion[]; nextCursor: string | null }> {
    let query = this.store.db.selectFrom('conversions').selectAll().where('account_id', '=', accountId);
    if (filter.recipient !== undefined) query = query.where('recipient', '=', filter.recipient);
    if (filter.messageId !== undefined) query = query.where('message_id', '=', filter.messageId);
    if (before !== undefined) query = query.where('id', '<', before);
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit).map(fromRow);
    return { data: page, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
  }
}
