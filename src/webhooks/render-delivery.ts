import type { Store } from '../store/store.ts';
import type { PublicBaseUrl } from '../rich/page-url.ts';
import { messageFromRow } from '../messages/rows.ts';
import { inboundFromRow } from '../inbound/model.ts';
import { richEventFromRow } from '../rich/analytics/rich-event.ts';
import { eventFromStored, type OutboxEvent, type WebhookSubjectKind } from './outbox-event.ts';
import type { LoadedSubject, RenderContext, WebhookDialect } from './dialects/dialect.ts';
import { STANDARD_DIALECT, webhookDialect } from './dialects/registry.ts';
import { serviceOfNumber } from '../messaging-services/service-of-number.ts';
import { messagingServiceSidOf } from '../twilio/sids.ts';

/** The columns of a delivery row that say what to send. */
export interface DeliveryContent {
  id: string;
  account_id: string;
  dialect: string;
  event_type: string;
  payload_json: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  event_json: string | null;
}

export type RenderedDelivery =
  /** `secret`: what signs it when the dialect brings its own (the account's Twilio auth token). */
  | { ok: true; dialect: WebhookDialect; body: string; secret?: string }
  /** Nothing can be sent (the subject is gone, the dialect unknown): the delivery is closed with `why`. */
  | { ok: false; why: string };

/**
 * Renders a delivery when it is attempted (and when the log shows it): loads the event's subject
 * and hands both to the row's dialect. Rows queued before rendering moved here carry their body.
 */
/** The account's Twilio identity (src/twilio/credentials: services.twilio), for the Twilio dialect. */
export interface TwilioIdentity {
  accountSidOf(accountId: string): Promise<string>;
  authTokenOf(accountId: string): Promise<string>;
}

/** Signs a media URL that stays valid until `expiresAt` (unix seconds): MediaUrls.urlUntil. */
export type MediaUrlSigner = (sha256: string, expiresAt: number) => string;

export interface RendererOptions {
  twilio?: TwilioIdentity;
  mediaUrl?: MediaUrlSigner;
}

/** Media URLs in an inbound webhook stay valid this long after the message arrived. */
const INBOUND_MEDIA_URL_SECONDS = 7 * 24 * 3600;

export class WebhookRenderer {
  constructor(private readonly store: Store, private readonly baseUrl: PublicBaseUrl, private readonly options: RendererOptions = {}) {}

  async render(row: DeliveryContent): Promise<RenderedDelivery> {
    const dialect = webhookDialect(row.dialect);
    if (!dialect) return { ok: false, why: `unknown webhook dialect "${row.dialect}"` };
    if (row.event_json === null || row.subject_kind === null || row.subject_id === null) {
      if (row.payload_json === null) return { ok: false, why: 'the delivery has no event' };
      return { ok: true, dialect: webhookDialect(STANDARD_DIALECT)!, body: row.payload_json };
    }
    const event = eventFromStored(row.event_type, { kind: row.subject_kind as WebhookSubjectKind, id: row.subject_id }, row.event_json);
    const subject = await this.load(event);
    if (!subject) return { ok: false, why: `${event.subject.kind} ${event.subject.id} no longer exists` };
    const context: RenderContext = { baseUrl: this.baseUrl() };
    let secret: string | undefined;
    if (dialect.credentials === 'twilio') {
      const twilio = this.options.twilio;
      if (!twilio) return { ok: false, why: 'Twilio credentials are not available in this process' };
      context.accountSid = await twilio.accountSidOf(row.account_id);
      secret = await twilio.authTokenOf(row.account_id);
      const service = subject.kind === 'inbound_message' ? await serviceOfNumber(this.store.db, row.account_id, subject.inbound.to) : undefined;
      if (service) context.messagingServiceSid = messagingServiceSidOf(service.id);
    }
    if (subject.kind === 'inbound_message' && subject.inbound.media.length > 0 && this.options.mediaUrl) {
      context.mediaUrls = await this.inboundMediaUrls(subject.inbound.media.map((m) => m.id), subject.inbound.receivedAt, this.options.mediaUrl);
    }
    try {
      const body = dialect.render(event, subject, context);
      return secret === undefined ? { ok: true, dialect, body } : { ok: true, dialect, body, secret };
    } catch (err) {
      // A subject this dialect has no form for: closed with the reason, never retried.
      return { ok: false, why: (err as Error).message };
    }
  }

  /** Expiring from the time of receipt, not of the attempt: every retry sends the same URLs. */
  private async inboundMediaUrls(ids: string[], receivedAt: number, sign: MediaUrlSigner): Promise<Array<string | null>> {
    const rows = await this.store.db.selectFrom('media').select(['id', 'sha256']).where('id', 'in', ids).execute();
    const shaOf = new Map(rows.map((r) => [r.id, r.sha256]));
    const expiresAt = Math.floor(receivedAt / 1000) + INBOUND_MEDIA_URL_SECONDS;
    return ids.map((id) => {
      const sha = shaOf.get(id);
      return sha === undefined ? null : sign(sha, expiresAt);
    });
  }

  private async load(event: OutboxEvent): Promise<LoadedSubject | undefined> {
    const { kind, id } = event.subject;
    switch (kind) {
      case 'message': {
        const row = await this.store.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
        // The message row plus its state right after the event: the message as it was then.
        return row ? { kind, message: { ...messageFromRow(row), ...event.state } } : undefined;
      }
      case 'inbound_message': {
        const row = await this.store.db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? { kind, inbound: inboundFromRow(row) } : undefined;
      }
      case 'rich_event': {
        const row = await this.store.db.selectFrom('rich_events as r').innerJoin('messages as m', 'm.id', 'r.message_id')
          .select(['r.id', 'r.kind', 'r.message_id', 'r.template_id', 'r.revision', 'r.action_id', 'r.ok', 'r.duration_ms', 'r.data_json', 'r.at', 'm.to_number'])
          .where('r.id', '=', id).executeTakeFirst();
        return row ? { kind, event: richEventFromRow(row, row.to_number) } : undefined;
      }
      case 'link_click': {
        const row = await this.store.db.selectFrom('link_clicks as c').innerJoin('tracked_links as l', 'l.token', 'c.token')
          .select(['c.id', 'c.token', 'c.message_id', 'c.recipient', 'c.at', 'c.bot', 'c.bot_reason', 'c.user_agent', 'l.target', 'l.original'])
          .where('c.id', '=', id).executeTakeFirst();
        return row ? { kind, click: { id: row.id, token: row.token, messageId: row.message_id, recipient: row.recipient, at: row.at, bot: row.bot === 1, botReason: row.bot_reason, userAgent: row.user_agent, target: row.target, original: row.original } } : undefined;
      }
      default:
        return undefined;
    }
  }
}
