import type { Selectable } from 'kysely';
import type { MessageEventsTable, MessagesTable } from '../store/schema.ts';
import type { ErrorCode } from '../errors.ts';
import type { MediaRef, Message, MessageCategory, MessageEvent, RichChannel } from './model.ts';
import type { MessageStatus } from './status.ts';
import type { CallbackDialect } from './commands.ts';
import { smsFormOf, fallbackOf, channelOfColumn } from './sms/sms-form.ts';

// Row ↔ model mapping. JSON columns were written by porm itself, so parsing them is trusted.

export function messageFromRow(row: Selectable<MessagesTable>): Message {
  return {
    id: row.id,
    accountId: row.account_id,
    to: row.to_number,
    from: row.from_number,
    body: row.body,
    subject: row.subject,
    media: JSON.parse(row.media_json) as MediaRef[],
    statusCallback: row.status_callback,
    callbackDialect: row.callback_dialect as CallbackDialect,
    metadata: row.metadata_json === null ? null : (JSON.parse(row.metadata_json) as Record<string, unknown>),
    sendAt: row.send_at,
    validityPeriod: row.validity_period,
    expiresAt: row.expires_at,
    status: row.status as MessageStatus,
    errorCode: row.error_code as ErrorCode | null,
    errorMessage: row.error_message,
    carrier: row.carrier,
    carrierMessageId: row.carrier_message_id,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mediaSent: row.media_sent_json === null ? null : (JSON.parse(row.media_sent_json) as Record<string, unknown>),
    rich: row.template_id === null || row.page_token === null ? null : {
      templateId: row.template_id, pinnedRevision: row.template_revision, pageToken: row.page_token,
      data: row.data_json === null ? {} : (JSON.parse(row.data_json) as Record<string, unknown>), channel: (row.channel ?? 'mms') as RichChannel,
    },
    channel: channelOfColumn(row.out_channel),
    fallback: fallbackOf(row.fallback),
    sms: smsFormOf(row.sms_segments, row.sms_encoding),
    fallbackPageToken: row.template_id === null ? row.page_token : null,
    fallbackReason: row.fallback_reason,
    category: row.category as MessageCategory,
    messagingServiceId: row.messaging_service_id,
  };
}

export function eventFromRow(row: Selectable<MessageEventsTable>): MessageEvent {
  return {
    seq: row.seq,
    type: row.type,
    status: row.status as MessageStatus | null,
    at: row.at,
    data: row.data_json === null ? null : (JSON.parse(row.data_json) as Record<string, unknown>),
  };
}
