import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Store } from './store/store.ts';
import type { JobQueue } from './queue/queue.ts';
import type { AccountService } from './accounts/accounts.ts';
import type { ApiKeyService } from './accounts/api-keys.ts';
import type { SendService } from './messages/send-service.ts';
import type { MessageQueries } from './messages/query-service.ts';
import type { MessageTransitions } from './messages/transitions.ts';
import type { MediaService } from './media/media-service.ts';
import type { WebhookEndpoints } from './webhooks/endpoints-service.ts';
import type { WebhookDeliveries } from './webhooks/deliveries-query.ts';
import type { Metrics } from './observability/metrics.ts';
import type { InboundService } from './inbound/inbound-service.ts';
import type { MediaUrls } from './media/media-urls.ts';
import type { VariantCache } from './media/fit/variant-cache.ts';
import type { TemplateService } from './rich/templates/template-service.ts';
import type { RichComposer } from './rich/send/compose-outgoing.ts';
import type { PageService } from './rich/page/page-service.ts';
import type { PageActions } from './rich/page/page-actions.ts';
import type { RichStats } from './rich/analytics/rich-stats.ts';
import type { ImageProxy } from './rich/page/image-proxy.ts';
import type { MediaResolver } from './media/media-resolver.ts';
import type { NumberService } from './numbers/number-service.ts';
import type { TwilioCredentials } from './twilio/credentials/index.ts';
import type { ComplianceServices } from './compliance/services.ts';
import type { LinkServices } from './links/services.ts';
import type { DashboardServices } from './dashboard/services.ts';
import type { MessagingServices } from './messaging-services/messaging-service-service.ts';
import type { ContactServices } from './contacts/services.ts';
import type { CampaignService } from './campaigns/campaign-service.ts';

/** Rich messages: templates, the hosted page and what recipients do on it. */
export interface RichServices {
  templates: TemplateService;
  composer: RichComposer;
  pages: PageService;
  actions: PageActions;
  stats: RichStats;
  images: ImageProxy;
  /** Extra URL schemes deep links may use (config rich.appSchemes). */
  appSchemes: readonly string[];
}

/** Everything the API and the CLI call. Built by hand in main.ts; no container. */
export interface Services {
  config: Config;
  clock: Clock;
  store: Store;
  queue: JobQueue;
  accounts: AccountService;
  keys: ApiKeyService;
  transitions: MessageTransitions;
  send: SendService;
  messages: MessageQueries;
  media: MediaService;
  webhooks: WebhookEndpoints;
  deliveries: WebhookDeliveries;
  inbound: InboundService;
  /** Sender numbers owned by accounts; `ownerOf(number)` says whose a number is. */
  numbers: NumberService;
  /** Twilio-style credentials: AC… SIDs, auth tokens (sign Twilio-dialect callbacks), SK… keys. */
  twilio: TwilioCredentials;
  mediaUrls: MediaUrls;
  variants: VariantCache;
  /** Loads message media (uploads and SSRF-guarded URLs). */
  resolver: MediaResolver;
  rich: RichServices;
  /** The base URL clients reach this server at (known once it listens). */
  publicUrl: { value: string };
  metrics: Metrics;
  /** Consent, suppression and programs (src/compliance); `check` is the send path's ComplianceCheck. */
  compliance: ComplianceServices;
  /** Tracked short links, their clicks, link settings and conversions (src/links). */
  links: LinkServices;
  /** Dashboard users, sessions and sign-in throttling (src/dashboard). */
  dashboard: DashboardServices;
  /** Contacts, lists, CSV imports and segments (src/contacts). */
  contacts: ContactServices;
  /** False while starting and after shutdown began; /readyz reports it. */
  readiness: { ready: boolean };
  /** Messaging services (sender pools): /v1/messaging-services and the Twilio surface's MessagingServiceSid. */
  messagingServices: MessagingServices;
  /** Campaigns: one message to lists and segments, fanned out by the campaign.fanout job (src/campaigns). */
  campaigns: CampaignService;
}
