import { Type } from '@sinclair/typebox';
import { FreeObject, Nullable, NullableString, PageOf, PageQuery, Timestamp } from './common.ts';
import { MESSAGE_STATUSES, type MessageStatus } from '../../messages/status.ts';

export const SendMessageBody = Type.Object({
  to: Type.String({ maxLength: 32, description: 'Recipient in E.164, e.g. +14155550100' }),
  from: Type.String({ maxLength: 32, description: 'Sender: E.164 number or short code served by a route' }),
  body: Type.Optional(Type.String({ description: 'Text, up to 1600 characters' })),
  subject: Type.Optional(Type.String({ description: 'MMS subject, up to 200 characters' })),
  media: Type.Optional(Type.Array(Type.Object({
    url: Type.Optional(Type.String({ maxLength: 2048 })),
    id: Type.Optional(Type.String({ maxLength: 64 })),
  }, { additionalProperties: false }), { description: 'Up to 10 items: {url} porm fetches, or {id} of an uploaded media object' })),
  status_callback: Type.Optional(Type.String({ maxLength: 2048, description: 'URL that receives a signed webhook on every status change' })),
  send_at: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601 time to send at (schedules the message)' })),
  validity_period: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 * 24 * 3600, description: 'Seconds after which an unsent message fails with PORM_MESSAGE_EXPIRED' })),
  metadata: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Small JSON object (≤4 KB) echoed back' })),
  template: Type.Optional(Type.Union([
    Type.String({ maxLength: 64, description: 'Id of a saved template (tpl_…)' }),
    Type.Object({}, { additionalProperties: true, description: 'An inline template document (docs/templates.md)' }),
  ])),
  template_revision: Type.Optional(Type.Integer({ minimum: 1, description: 'Pin this revision; by default the message follows the template\'s latest revision' })),
  data: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The recipient\'s data for the template\'s slots' })),
  channel: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('porm'), Type.Literal('mms'), Type.Literal('sms')], { description: 'Without a template: sms, mms or auto (default: SMS for text when an SMS route exists, MMS for media). With a template: force a delivery form (porm needs one); auto uses what the recipient\'s phone is known to show' })),
  fallback: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('sms'), Type.Literal('none')], { description: 'When an MMS goes as SMS with a link to a page showing its media: auto (default) when no route serves MMS or the MMSC refuses it for the handset or content; sms also after any permanent MMS failure; none never' })),
  category: Type.Optional(Type.Union([Type.Literal('transactional'), Type.Literal('marketing')], { description: 'transactional (default) or marketing: marketing is held to consent, quiet hours and frequency caps (docs/compliance.md)' })),
  track_links: Type.Optional(Type.Boolean({ description: 'Rewrite the http(s) links of the body into short links of this message, each click recorded (docs/links.md)' })),
  utm: Type.Optional(Type.Object({
    utm_source: Type.Optional(Type.String({ maxLength: 200 })), utm_medium: Type.Optional(Type.String({ maxLength: 200 })),
    utm_campaign: Type.Optional(Type.String({ maxLength: 200 })), utm_term: Type.Optional(Type.String({ maxLength: 200 })),
    utm_content: Type.Optional(Type.String({ maxLength: 200 })),
  }, { additionalProperties: false, description: 'With track_links: UTM parameters added to each link\'s destination (over the account\'s defaults)' })),
}, { additionalProperties: false });

export const MessageEvent = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  status: NullableString,
  at: Timestamp,
  data: Nullable(FreeObject),
});

export const MessageResource = Type.Object({
  id: Type.String(),
  object: Type.Literal('message'),
  account_id: Type.String(),
  to: Type.String(),
  from: Type.String(),
  body: Type.String(),
  subject: NullableString,
  media: Type.Array(Type.Object({ url: Type.Optional(Type.String()), id: Type.Optional(Type.String()) })),
  status: Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s))),
  error_code: NullableString,
  error_message: NullableString,
  status_callback: NullableString,
  send_at: Nullable(Timestamp),
  validity_period: Nullable(Type.Integer()),
  expires_at: Nullable(Timestamp),
  metadata: Nullable(FreeObject),
  carrier: NullableString,
  carrier_message_id: NullableString,
  attempts: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
  media_sent: Nullable(Type.Object({
    profile: Type.String(), budget_bytes: Type.Integer(),
    parts: Type.Array(Type.Object({
      original: Type.Object({ sha256: Type.String(), content_type: Type.String(), bytes: Type.Integer() }),
      sent: Type.Object({ sha256: Type.String(), content_type: Type.String(), bytes: Type.Integer(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()) }),
      converted: Type.Boolean(),
      warnings: Type.Array(Type.String()),
    })),
  }, { description: 'Set once sent: the media profile of the route, and per attachment the original and the file sent in its place' })),
  template: Nullable(Type.Object({ id: Type.String(), revision: Nullable(Type.Integer({ description: 'The pinned revision; null follows the latest' })) })),
  channel: Nullable(Type.Union([Type.Literal('porm'), Type.Literal('mms'), Type.Literal('sms')], { description: 'What the message goes out on (sms or mms; sms after a fallback); for a templated message, the delivery form chosen' })),
  segments: Nullable(Type.Integer({ minimum: 1, description: 'SMS segments, counted as Twilio counts them (160 GSM-7 / 70 UCS-2 characters, 153 / 67 per part when concatenated); null for MMS' })),
  encoding: Nullable(Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')], { description: 'SMS encoding: gsm7 when every character is in the GSM 03.38 alphabet, else ucs2; null for MMS' })),
  fallback: Type.Union([Type.Literal('auto'), Type.Literal('sms'), Type.Literal('none')], { description: 'The MMS → SMS fallback policy asked for' }),
  channel_fallback: Nullable(Type.Object({
    from: Type.String({ description: 'The channel it was accepted for' }),
    reason: Type.String({ description: 'no_mms_route, mms_refused (the MMSC refused it for the handset or content), mms_failed (another permanent MMS failure, with fallback "sms"), or no_sms_route (text sent as MMS)' }),
  }, { description: 'Set when the message went on another channel than it was accepted for' })),
  page_url: NullableString,
  category: Type.Union([Type.Literal('transactional'), Type.Literal('marketing')], { description: 'transactional or marketing (docs/compliance.md)' }),
  events: Type.Optional(Type.Array(MessageEvent)),
}, { $id: 'Message' });

export const MessageIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const ListMessagesQuery = Type.Object({
  ...PageQuery,
  // A plain enum, so a bad value is reported as "must be equal to one of the allowed values".
  status: Type.Optional(Type.Unsafe<MessageStatus>({ type: 'string', enum: [...MESSAGE_STATUSES] })),
  to: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(Type.String({ maxLength: 32 })),
  created_after: Type.Optional(Type.String({ format: 'date-time' })),
  created_before: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });

export const MessagePage = PageOf(Type.Ref('Message'));
