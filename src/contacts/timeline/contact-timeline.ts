import type { Store } from '../../store/store.ts';
import type { Page } from '../../messages/query-service.ts';
import { decodeTimelineCursor, encodeTimelineCursor, newerFirst, type TimelinePosition } from './timeline-cursor.ts';

// A contact's timeline (GET /v1/contacts/{id}/timeline): what porm sent them, what they sent
// back, the links they clicked, their consent events and their conversions, newest first. Each
// source is read through an index led by (account, number), at most one page past the cursor,
// and the pages are merged: a contact with years of history costs a page per source, not a scan.

export type TimelineItem =
  | { type: 'message_sent'; id: string; at: number; data: { status: string; channel: string | null; from: string; body: string; category: string; error_code: string | null } }
  | { type: 'message_received'; id: string; at: number; data: { to: string; body: string } }
  | { type: 'link_clicked'; id: string; at: number; data: { message_id: string; bot: boolean } }
  | { type: 'consent'; id: string; at: number; data: { event: string; program_id: string; source: string; keyword: string | null } }
  | { type: 'conversion'; id: string; at: number; data: { value: number; currency: string; order_id: string | null; message_id: string | null } };

export class ContactTimeline {
  constructor(private readonly store: Store) {}

  async list(accountId: string, phone: string, limit: number, cursor?: string): Promise<Page<TimelineItem>> {
    const after = cursor ? decodeTimelineCursor(cursor) : null;
    const take = limit + 1;
    const sources = await Promise.all([
      this.sent(accountId, phone, after, take), this.received(accountId, phone, after, take), this.clicks(accountId, phone, after, take),
      this.consents(accountId, phone, after, take), this.conversions(accountId, phone, after, take),
    ]);
    const merged = sources.flat().sort(newerFirst);
    const data = merged.slice(0, limit);
    const last = data[data.length - 1];
    return { data, nextCursor: merged.length > limit && last ? encodeTimelineCursor(last) : null };
  }

  private async sent(accountId: string, phone: string, after: TimelinePosition | null, take: number): Promise<TimelineItem[]> {
    let q = this.store.db.selectFrom('messages').select(['id', 'created_at', 'status', 'channel', 'from_number', 'body', 'category', 'error_code'])
      .where('account_id', '=', accountId).where('to_number', '=', phone);
    if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    return rows.map((r) => ({ type: 'message_sent', id: r.id, at: Number(r.created_at), data: { status: r.status, channel: r.channel, from: r.from_number, body: r.body, category: r.category, error_code: r.error_code } }));
  }

  private async received(accountId: string, phone: string, after: TimelinePosition | null, take: number): Promise<TimelineItem[]> {
    let q = this.store.db.selectFrom('inbound_messages').select(['id', 'received_at', 'to_number', 'body'])
      .where('account_id', '=', accountId).where('from_number', '=', phone);
    if (after) q = q.where((eb) => eb.or([eb('received_at', '<', after.at), eb.and([eb('received_at', '=', after.at), eb('id', '<', after.id)])]));
    const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    return rows.map((r) => ({ type: 'message_received', id: r.id, at: Number(r.received_at), data: { to: r.to_number, body: r.body } }));
  }

  private async clicks(accountId: string, phone: string, after: TimelinePosition | null, take: number): Promise<TimelineItem[]> {
    let q = this.store.db.selectFrom('link_clicks').select(['id', 'at', 'message_id', 'bot'])
      .where('account_id', '=', accountId).where('recipient', '=', phone);
    if (after) q = q.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(take).execute();
    return rows.map((r) => ({ type: 'link_clicked', id: r.id, at: Number(r.at), data: { message_id: r.message_id, bot: r.bot === 1 } }));
  }

  private async consents(accountId: string, phone: string, after: TimelinePosition | null, take: number): Promise<TimelineItem[]> {
    let q = this.store.db.selectFrom('consent_events').select(['id', 'at', 'type', 'program_id', 'source', 'keyword'])
      .where('account_id', '=', accountId).where('recipient', '=', phone);
    if (after) q = q.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
    const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(take).execute();
    return rows.map((r) => ({ type: 'consent', id: r.id, at: Number(r.at), data: { event: r.type, program_id: r.program_id, source: r.source, keyword: r.keyword } }));
  }

  private async conversions(accountId: string, phone: string, after: TimelinePosition | null, take: number): Promise<TimelineItem[]> {
    let q = this.store.db.selectFrom('conversions').select(['id', 'occurred_at', 'value_micros', 'currency', 'order_id', 'message_id'])
      .where('account_id', '=', accountId).where('recipient', '=', phone);
    if (after) q = q.where((eb) => eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]));
    const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    return rows.map((r) => ({ type: 'conversion', id: r.id, at: Number(r.occurred_at), data: { value: Number(r.value_micros) / 1e6, currency: r.currency, order_id: r.order_id, message_id: r.message_id } }));
  }
}
