import type { Generated, Kysely } from 'kysely';
import type { MessagingServiceNumbersTable, MessagingServiceSendersTable, MessagingServicesTable } from '../messaging-services/tables.ts';
import type { ContactImportErrorsTable, ContactImportsTable, ContactListMembersTable, ContactListsTable, ContactProfilesTable, ContactTagsTable, SegmentsTable } from '../contacts/tables.ts';
import type { SmsMoPartsTable, SmsPendingReceiptsTable, SmsSegmentStatesTable, SmsSegmentsTable, SmsSubmitProgressTable } from '../sms/tables.ts';
import type { ConversionsTable, LinkClicksTable, LinkSettingsTable, TrackedLinksTable } from '../links/tables.ts';
import type { DashboardLinksTable, DashboardLoginFailuresTable, DashboardSessionsTable, DashboardUsersTable } from '../dashboard/tables.ts';
import type { CampaignRecipientsTable, CampaignsTable } from '../campaigns/tables.ts';
import type { ComplianceHoldsTable, ComplianceRepliesTable, ConsentEventsTable, ProgramsTable, SuppressionsTable } from '../compliance/tables.ts';

// Table types for Kysely. Times are integer milliseconds since the epoch (BIGINT on PostgreSQL);
// JSON columns are text, parsed at the edges of the repositories.

export interface AccountsTable {
  id: string;
  name: string;
  webhook_secret: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  prefix: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  to_number: string;
  from_number: string;
  body: string;
  subject: string | null;
  media_json: string;
  status_callback: string | null;
  metadata_json: string | null;
  send_at: number | null;
  validity_period: number | null;
  expires_at: number | null;
  status: string;
  error_code: string | null;
  error_message: string | null;
  carrier: string | null;
  carrier_message_id: string | null;
  attempts: number;
  event_seq: number;
  created_at: number;
  updated_at: number;
  media_sent_json: string | null;
  template_id: string | null;
  template_revision: number | null;
  data_json: string | null;
  page_token: string | null;
  channel: string | null;
  /** 'standard' | 'twilio' (migration 0019): the dialect status_callback is delivered in. */
  callback_dialect: string;
  /** sms | mms: what the message goes out on (0013); null on rows from before. */
  out_channel: string | null;
  /** auto | sms | none (0013). */
  fallback: string | null;
  sms_segments: number | null;
  /** gsm7 | ucs2 (0013). */
  sms_encoding: string | null;
  fallback_reason: string | null;
  /** 'transactional' | 'marketing' (migration 0015). */
  category: string;
  /** The messaging service (sender pool) it was sent through (migration 0023); null: none. */
  messaging_service_id: string | null;
}

export interface MessageEventsTable {
  message_id: string;
  account_id: string;
  seq: number;
  type: string;
  status: string | null;
  at: number;
  data_json: string | null;
}

export interface IdempotencyKeysTable {
  account_id: string;
  key: string;
  request_hash: string;
  message_id: string;
  created_at: number;
}

export interface MediaTable {
  id: string;
  /** Null: media of an unattributed inbound message (operator only). */
  account_id: string | null;
  sha256: string;
  size: number;
  content_type: string;
  filename: string | null;
  created_at: number;
  declared_type: string | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload_json: string;
  run_at: number;
  attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  crashes: Generated<number>;
}

export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  secret: string;
  events_json: string;
  description: string | null;
  enabled: number;
  created_at: number;
  deleted_at: number | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  account_id: string;
  endpoint_id: string | null;
  message_id: string | null;
  url: string;
  event_type: string;
  /** The rendered body, for rows queued before 0010; null when the row carries event_json. */
  payload_json: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
  /** The webhook dialect that renders and signs this delivery (src/webhooks/dialects). */
  dialect: Generated<string>;
  subject_kind: string | null;
  subject_id: string | null;
  /** The event (src/webhooks/outbox-event.ts), rendered at delivery time. */
  event_json: string | null;
  /** 'POST' | 'GET' (migration 0019): how the rendered form goes out. */
  method: Generated<string>;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  attempt: number;
  at: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export interface PendingReportsTable {
  id: Generated<number>;
  carrier: string;
  carrier_message_id: string;
  report_json: string;
  received_at: number;
}

export interface InboundMessagesTable {
  id: string;
  /** Null: sent to a number no account owns (operator only). */
  account_id: string | null;
  carrier: string;
  from_number: string;
  to_number: string;
  subject: string | null;
  body: string;
  media_json: string;
  linked_id: string | null;
  received_at: number;
  dedupe_key: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface MediaVariantsTable {
  original_sha256: string;
  profile: string;
  max_bytes: number;
  variant_sha256: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  details_json: string;
  created_at: number;
}

export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  latest_revision: number;
  inline: number;
  created_at: number;
  updated_at: number;
}

export interface TemplateRevisionsTable {
  template_id: string;
  revision: number;
  document_json: string;
  note: string | null;
  created_at: number;
}

export interface RichEventsTable {
  id: string;
  account_id: string;
  message_id: string;
  template_id: string;
  revision: number;
  kind: string;
  action_id: string | null;
  ok: number | null;
  duration_ms: number | null;
  data_json: string | null;
  at: number;
}

export interface FormSubmissionsTable {
  id: string;
  account_id: string;
  message_id: string;
  template_id: string;
  revision: number;
  form_id: string;
  answers_json: string;
  created_at: number;
}

export interface PostbackAnswersTable {
  message_id: string;
  action_id: string;
  answer: string;
  at: number;
}

export interface ContactsTable {
  account_id: string;
  phone: string;
  rich_capable: number;
  capabilities_json: string;
  updated_at: number;
}

export interface NumbersTable {
  id: string;
  account_id: string;
  number: string;
  kind: string;
  capabilities_json: string;
  route: string | null;
  program_id: string | null;
  source: string;
  created_at: number;
  updated_at: number;
  /** A Twilio-style inbound webhook (migration 0019): where MOs to the number are posted; null: none. */
  inbound_webhook_url: string | null;
  /** 'POST' | 'GET'. */
  inbound_webhook_method: string | null;
  /** 'twilio'. */
  inbound_webhook_dialect: string | null;
}

export interface TwilioAccountsTable {
  account_id: string;
  account_sid: string;
  auth_token: string;
  secondary_token: string | null;
  secondary_created_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TwilioApiKeysTable {
  sid: string;
  account_id: string;
  friendly_name: string;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface TwilioDeletedMediaTable {
  message_id: string;
  media_sid: string;
  deleted_at: number;
}

/** What became of an inbound message posted to its number's Twilio-style webhook (migration 0019). */
export interface InboundWebhooksTable {
  inbound_id: string;
  account_id: string;
  delivery_id: string;
  url: string;
  method: string;
  outcome: string;
  detail: string | null;
  reply_ids_json: string;
  attempts: number;
  created_at: number;
  updated_at: number;
}

/** One connector as one process instance reported it (migration 0041). */
export interface ConnectorHealthTable {
  connector: string;
  instance: string;
  type: string;
  binds_up: number | null;
  binds_configured: number | null;
  submits_last_minute: number;
  last_ok_at: number | null;
  errors_json: string;
  started_at: number;
  updated_at: number;
}

export interface DB {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  messages: MessagesTable;
  message_events: MessageEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  media: MediaTable;
  jobs: JobsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  pending_reports: PendingReportsTable;
  inbound_messages: InboundMessagesTable;
  inbound_webhooks: InboundWebhooksTable;
  settings: SettingsTable;
  media_variants: MediaVariantsTable;
  templates: TemplatesTable;
  template_revisions: TemplateRevisionsTable;
  rich_events: RichEventsTable;
  form_submissions: FormSubmissionsTable;
  postback_answers: PostbackAnswersTable;
  contacts: ContactsTable;
  numbers: NumbersTable;
  twilio_accounts: TwilioAccountsTable;
  twilio_api_keys: TwilioApiKeysTable;
  twilio_deleted_media: TwilioDeletedMediaTable;
  sms_segments: SmsSegmentsTable;
  sms_segment_states: SmsSegmentStatesTable;
  sms_pending_receipts: SmsPendingReceiptsTable;
  sms_mo_parts: SmsMoPartsTable;
  sms_submit_progress: SmsSubmitProgressTable;
  programs: ProgramsTable;
  suppressions: SuppressionsTable;
  consent_events: ConsentEventsTable;
  compliance_holds: ComplianceHoldsTable;
  compliance_replies: ComplianceRepliesTable;
  tracked_links: TrackedLinksTable;
  link_clicks: LinkClicksTable;
  conversions: ConversionsTable;
  link_settings: LinkSettingsTable;
  dashboard_users: DashboardUsersTable;
  dashboard_sessions: DashboardSessionsTable;
  dashboard_links: DashboardLinksTable;
  dashboard_login_failures: DashboardLoginFailuresTable;
  messaging_services: MessagingServicesTable;
  messaging_service_numbers: MessagingServiceNumbersTable;
  messaging_service_senders: MessagingServiceSendersTable;
  contact_profiles: ContactProfilesTable;
  contact_tags: ContactTagsTable;
  contact_lists: ContactListsTable;
  contact_list_members: ContactListMembersTable;
  contact_imports: ContactImportsTable;
  contact_import_errors: ContactImportErrorsTable;
  segments: SegmentsTable;
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
  connector_health: ConnectorHealthTable;
}

export type Db = Kysely<DB>;
