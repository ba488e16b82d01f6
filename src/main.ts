import { dashboardServices } from './dashboard/services.ts';
import { queueAccountEvent } from './webhooks/account-event.ts';
import { linkServices } from './links/services.ts';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './store/schema.ts';
import { systemClock, type Clock } from './clock.ts';
import { TwilioCredentials } from './twilio/credentials/index.ts';
import type { Services } from './services.ts';
import { openStore } from './store/open-store.ts';
import { ServerClock } from './store/server-clock.ts';
import type { Store } from './store/store.ts';
import { DataDirLock } from './store/data-dir-lock.ts';
import { SqlJobQueue } from './queue/sql-queue.ts';
import { LocalNotifier } from './notify/local-notifier.ts';
import { WorkerPool } from './queue/worker-pool.ts';
import { AccountService } from './accounts/accounts.ts';
import { ApiKeyService } from './accounts/api-keys.ts';
import { MessageTransitions } from './messages/transitions.ts';
import { SendService } from './messages/send-service.ts';
import { MessageQueries } from './messages/query-service.ts';
import { SendPipeline } from './messages/send/runner.ts';
import { smsAcceptPolicy } from './messages/sms/route-probe.ts';
import { complianceServices } from './compliance/services.ts';
import { contactServices } from './contacts/services.ts';
import { CampaignService } from './campaigns/campaign-service.ts';
import { CampaignFanout } from './campaigns/fanout.ts';
import { routeRateCap } from './campaigns/route-rate.ts';
import { preloadRecipientData } from './compliance/time-zones/index.ts';
import { TokenBucketLimiter } from './carriers/rate-limit/token-bucket-limiter.ts';
import { SharedRateLimiter } from './carriers/rate-limit/shared-limiter.ts';
import { RedisBucket } from './carriers/rate-limit/redis-bucket.ts';
import { DeliveryReportIngest } from './messages/delivery-reports.ts';
import { DiskMediaStore } from './media/disk-media-store.ts';
import type { MediaStore } from './media/media-store.ts';
import { MediaService } from './media/media-service.ts';
import { MediaResolver } from './media/media-resolver.ts';
import { MessageFitter } from './media/fit/fit-message.ts';
import { VariantCache } from './media/fit/variant-cache.ts';
import { defaultFfmpeg } from './media/av/index.ts';
import { soxCanEncodeAmr } from './media/av/amr-with-sox.ts';
import { WebhookEndpoints } from './webhooks/endpoints-service.ts';
import { WebhookDeliveries } from './webhooks/deliveries-query.ts';
import { WebhookDeliveryJob } from './webhooks/delivery-job.ts';
import { webhookFanOut } from './webhooks/fan-out.ts';
import { WebhookRenderer } from './webhooks/render-delivery.ts';
import { InboundService } from './inbound/inbound-service.ts';
import { twilioInboundWebhook } from './twilio/inbound/queue-webhook.ts';
import { twimlAnswers } from './twilio/inbound/answer.ts';
import { MediaUrls } from './media/media-urls.ts';
import { loadOrCreateSetting } from './store/settings.ts';
import { startHousekeeping } from './store/housekeeping.ts';
import { EndpointCache } from './webhooks/endpoint-cache.ts';
import { warnPrivateNetworks } from './net/private-networks-warning.ts';
import { Metrics } from './observability/metrics.ts';
import { RoutingTable } from './carriers/routing.ts';
import { CarrierSet } from './carriers/carrier-set.ts';
import { HealthReporter } from './carriers/health-report.ts';
import { buildServer } from './api/server.ts';
import { DEFAULT_URL_SCHEMES } from './rich/format/index.ts';
import { TemplateService } from './rich/templates/template-service.ts';
import { ContactDirectory } from './rich/contacts/contact-capabilities.ts';
import { RichComposer } from './rich/send/compose-outgoing.ts';
import { RecipientHistory } from './rich/send/recipient-history.ts';
import { RichSender } from './rich/send/rich-send.ts';
import { PageService } from './rich/page/page-service.ts';
import { PageActions } from './rich/page/page-actions.ts';
import { RichStats } from './rich/analytics/rich-stats.ts';
import { ImageProxy } from './rich/page/image-proxy.ts';
import { HandsetPlayer } from './handset/handset-player.ts';
import type { MmscControl } from './carriers/sandbox/control-file.ts';
import { NumberService } from './numbers/number-service.ts';
import { SenderCheck } from './numbers/sender-check.ts';
import { MessagingServices } from './messaging-services/messaging-service-service.ts';
import { MessagingServicePool } from './messaging-services/sender-pool.ts';
import { SegmentReceipts } from './sms/receipts/segment-receipts.ts';
import { StoredSmsProgress } from './sms/progress/stored-progress.ts';
import { MoParts } from './sms/mo/mo-parts.ts';
import { smsPartTtl } from './sms/mo/part-ttl.ts';
import { Mm1Reports } from './carriers/mm1/mm1-reports.ts';
import type { InboundMessage } from './carriers/carrier-events.ts';
import type { SmsHandset } from './carriers/connector-type.ts';

// The composition root: services are wired here by hand, once, for the server and the CLI.

export interface OpenOptions {
  /** The clock porm runs on, used as is (tests move it by hand). */
  clock?: Clock;
  /** This machine's clock (default the system's); on a shared database porm runs on the server's time measured through it. */
  machineClock?: Clock;
}

export async function openServices(config: Config, options: OpenOptions = {}, log?: Logger): Promise<Services> {
  const store = await openStore(config);
  // Several processes on several machines share leases and schedules: they all keep the database server's time (server-clock.ts).
  const clock = options.clock ?? (store.serverTime ? await ServerClock.start(options.machineClock ?? systemClock, () => store.serverTime!(), log) : options.machineClock ?? systemClock);
  // Hints between the processes sharing the store (PostgreSQL LISTEN/NOTIFY; none in embedded mode): workers wake on new jobs, open pages on new revisions.
  const notifier = store.openNotifier?.(log) ?? new LocalNotifier();
  const queue = new SqlJobQueue(store, clock, notifier);
  const metrics = new Metrics();
  const transitions = new MessageTransitions();
  const endpointCache = new EndpointCache(clock);
  transitions.onTransition(webhookFanOut(queue, endpointCache));
  transitions.onTransition(async (_tx, message, event) => {
    if (!event.status) return;
    metrics.transitions.inc({ status: event.status });
    // Logged inside the write unit: a unit that later rolls back fails its request, which is logged too.
    log?.info({ messageId: message.id, account: message.accountId, status: event.status, event: event.type, seq: event.seq, ...(message.errorCode ? { errorCode: message.errorCode } : {}) }, 'message transition');
  });
  const messages = new MessageQueries(store);
  const mediaStore = await mediaStoreOf(config);
  metrics.attachSources({ messagesByStatus: () => messages.countsByStatus(), queueDepth: () => queue.depth(clock.now()) });
  const mediaKey = Buffer.from(await loadOrCreateSetting(store, 'media_url_key', () => randomBytes(32).toString('base64')), 'base64');
  const publicUrl = { value: config.publicUrl };
  const baseUrl = (): string => publicUrl.value;
  const resolver = new MediaResolver(store, mediaStore, config.media);
  const inbound = new InboundService(store, mediaStore, queue, endpointCache, clock, [twilioInboundWebhook(queue)]);
  const compliance = complianceServices(store, queue, endpointCache, clock, { enforce: config.compliance.enforce });
  const templates = new TemplateService(store, clock, [...DEFAULT_URL_SCHEMES, ...config.rich.appSchemes], notifier);
  const contacts = new ContactDirectory(store);
  const composer = new RichComposer(templates, new RecipientHistory(store), resolver, () => clock.now(), baseUrl);
  const pages = new PageService(store, composer, queue, endpointCache, clock);
  const postbackPolicy = { allowPrivateNetworks: config.webhooks.allowPrivateNetworks, maxRedirects: 0, timeoutMs: config.webhooks.timeoutMs, maxResponseBytes: 16 * 1024, userAgent: 'porm-postback/1' };
  const twilio = new TwilioCredentials(store, clock);
  const mediaUrls = new MediaUrls(store, mediaStore, mediaKey, baseUrl, clock);
  const links = linkServices(store, () => clock.now(), baseUrl, (tx, click) => queueAccountEvent(tx, queue, endpointCache, {
    accountId: click.accountId, messageId: click.messageId, type: 'link.clicked', subject: { kind: 'link_click', id: click.clickId }, at: click.at,
  }));
  const richSender = new RichSender(templates, contacts, baseUrl, clock);
  const services: Services = {
    config, clock, store, queue, transitions, metrics, messages,
    accounts: new AccountService(store, clock),
    keys: new ApiKeyService(store, clock),
    twilio,
    send: new SendService(store, queue, transitions, clock, richSender, new SenderCheck(sandboxRouteOf(config)), smsAcceptPolicy(config), compliance.check, links.shortener, new MessagingServicePool()),
    numbers: new NumberService(store, clock, (accountId, carrier) => carrierOpenTo(config, accountId, carrier), { allowPrivateNetworks: config.webhooks.allowPrivateNetworks }),
    media: new MediaService(store, mediaStore, clock),
    webhooks: new WebhookEndpoints(store, clock, endpointCache, { allowPrivateNetworks: config.webhooks.allowPrivateNetworks }),
    inbound,
    resolver,
    rich: {
      templates, composer, pages, stats: new RichStats(store), images: new ImageProxy(resolver), appSchemes: config.rich.appSchemes,
      actions: new PageActions(store, pages, inbound, contacts, endpointCache, postbackPolicy, clock),
    },
    mediaUrls,
    variants: new VariantCache(store, mediaStore, clock),
    publicUrl,
    deliveries: new WebhookDeliveries(store, webhookRenderer(store, baseUrl, twilio, mediaUrls)),
    readiness: { ready: false },
    compliance,
    links,
    dashboard: dashboardServices(store, () => clock.now()),
    messagingServices: new MessagingServices(store, clock, { allowPrivateNetworks: config.webhooks.allowPrivateNetworks }),
    contacts: contactServices(store, clock),
    campaigns: new CampaignService(store, queue, clock, compliance.check, routeRateCap(config), { templates, sender: richSender }),
  };
  compliance.attach(services.send, inbound);
  return services;
}

/**
 * Whether every route that could carry an account's messages from a sender (any route open to
 * the account whose sender prefix matches, whatever its channel or recipient prefix) uses only
 * sandbox carriers: there, an unowned number is claimed by its first sender. Where any of them
 * could hand a message to a real carrier, the number must be registered first. Kept here so the
 * numbers code does not depend on how routing is done.
 */
function sandboxRouteOf(config: Config): (accountId: string, from: string) => boolean {
  return (accountId, from) => {
    const open = config.routes.filter((r) => (r.account === undefined || r.account === accountId) && (r.from === '*' || from.startsWith(r.from)));
    return open.length > 0 && open.every((r) => r.carriers.every((name) => ['sandbox', 'sandbox-smsc'].includes(config.carriers[name]?.type ?? '')));
  };
}

/** A configured connector an account may name as a number's route: not kept by routes for other accounts only. */
function carrierOpenTo(config: Config, accountId: string, carrier: string): boolean {
  if (!Object.hasOwn(config.carriers, carrier)) return false;
  const listing = config.routes.filter((r) => r.carriers.includes(carrier));
  return listing.length === 0 || listing.some((r) => r.account === undefined || r.account === accountId);
}

/** Renders webhooks in every dialect: the Twilio one signs with the account's auth token and links inbound media. */
function webhookRenderer(store: Store, baseUrl: () => string, twilio: TwilioCredentials, mediaUrls: MediaUrls): WebhookRenderer {
  return new WebhookRenderer(store, baseUrl, { twilio, mediaUrl: (sha256, expiresAt) => mediaUrls.urlUntil(sha256, expiresAt) });
}

/** dataDir/media for one machine; with media.store "s3", the bucket every process shares (the SDK is loaded only then). */
async function mediaStoreOf(config: Config): Promise<MediaStore> {
  const s3 = config.media.s3;
  if (config.media.store !== 's3' || s3 === undefined) return new DiskMediaStore(join(config.dataDir, 'media'));
  const { S3MediaStore, s3ClientFor } = await import('./media/s3-media-store.ts');
  return new S3MediaStore(s3ClientFor(s3), s3.bucket, s3.prefix);
}

/** The sandbox handset player, for the API (controls: its own MMSC threads) and the CLI (control files). */
export function handsetPlayer(services: Services, control: (carrier: string) => MmscControl | undefined, smsHandsets?: ReadonlyMap<string, SmsHandset>): HandsetPlayer {
  const sandboxes = Object.entries(services.config.carriers).filter(([, c]) => c.type === 'sandbox').map(([name]) => name);
  const ownsNumber = async (accountId: string, number: string): Promise<boolean> => (await services.numbers.ownerOf(number)) === accountId;
  return new HandsetPlayer({ sandboxes, control, ownsNumber, media: services.media, messages: services.messages, inbound: services.inbound, ...(smsHandsets ? { smsHandsets } : {}) });
}

export interface Bootstrap {
  accountId: string;
  /** A one-time link to set up the dashboard's owner, while the first account has no dashboard user. */
  dashboardSetupToken?: string;
  /** Set only when this start created the first API key; shown to the user once. */
  createdKey?: string;
}

/** Creates the first account and key on a fresh database; honours PORM_API_KEY. */
export async function bootstrap(services: Services): Promise<Bootstrap> {
  const existing = await services.accounts.first();
  if (!existing) {
    const { account, apiKey } = await services.accounts.create('default', services.config.apiKey);
    return services.config.apiKey ? { accountId: account.id } : { accountId: account.id, createdKey: apiKey.key };
  }
  if (services.config.apiKey) await services.keys.ensure(existing.id, services.config.apiKey);
  return { accountId: existing.id };
}

export interface Porm {
  services: Services;
  server: FastifyInstance | undefined;
  carriers: CarrierSet;
  workers: WorkerPool | undefined;
  bootstrap: Bootstrap;
  /** Base URL the server listens on (with the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/** Starts porm in the configured role: API, workers and carriers, or all of them (embedded). */
export async function startPorm(config: Config, log: Logger, options: OpenOptions = {}): Promise<Porm> {
  const lock = config.role === 'all' ? DataDirLock.acquire(config.dataDir) : undefined;
  const services = await openServices(config, options, log);
  const boot = await bootstrap(services);
  if (config.role !== 'worker') {
    const token = await services.dashboard.users.setupLink(boot.accountId);
    if (token) boot.dashboardSetupToken = token;
  }
  const reports = new DeliveryReportIngest(services.store, services.transitions, services.metrics, services.clock, log);
  const segmentReceipts = new SegmentReceipts(services.store, services.transitions, services.clock, log, services.metrics);
  const receiveInbound = async (message: InboundMessage): Promise<{ id: string }> => ({ id: (await services.inbound.receive(message)).id });
  // MMS reports of mm1 carriers arrive as WAP Push in SMS (any SMS connector, or the one `reportsVia` names).
  const mm1Reports = new Mm1Reports(Mm1Reports.targetsOf(config.carriers), {
    deliveryReport: (report) => reports.ingest(report),
    readReport: (report) => reports.readReport(report.carrier, report.carrierMessageId, report.outcome, report.at),
  }, log, () => services.clock.now());
  const moParts = new MoParts(services.store, receiveInbound, services.clock, log, { ttlMs: (carrier) => smsPartTtl(config.carriers[carrier]), wapPush: mm1Reports.receive });
  const carriers = await CarrierSet.build(config, {
    deliveryReport: (report) => report.segment === true ? segmentReceipts.ingest(report) : reports.ingest(report),
    inbound: receiveInbound,
    readReport: (report) => reports.readReport(report.carrier, report.carrierMessageId, report.outcome, report.at),
    inboundPart: moParts.inboundPart,
    smsProgress: new StoredSmsProgress(services.store, services.transitions, services.clock),
    wapPush: mm1Reports.receive,
  }, log);
  let workers: WorkerPool | undefined;
  let redisBucket: RedisBucket | undefined;
  if (config.role !== 'api') {
    // The recipient time-zone tables, read now rather than inside the first claim's write unit.
    await preloadRecipientData().catch((err: unknown) => log.warn({ err }, 'recipient time-zone data not preloaded; the first lookups load it'));
    const routing = new RoutingTable(config.routes, carriers.outbound);
    const resolver = services.resolver;
    const fitter = new MessageFitter(services.variants, config.media.profiles, defaultFfmpeg);
    const profileOf = (carrier: string): string => config.carriers[carrier]?.profile ?? 'us-600k';
    // With Redis, a carrier's rate holds across every worker process; without, each process paces alone.
    if (config.redis.url) redisBucket = new RedisBucket(config.redis.url, config.redis.keyPrefix ?? `porm:${config.postgres.schema}:`);
    const limiter = redisBucket
      ? SharedRateLimiter.forCarriers(config.carriers, redisBucket, { onUnavailable: config.redis.onUnavailable }, log)
      : TokenBucketLimiter.forCarriers(config.carriers);
    const sendJob = new SendPipeline(
      {
        picker: routing, limiter, compliance: services.compliance.check, resolver, fitter, profileOf,
        sms: { baseUrl: () => services.publicUrl.value, maxSegments: config.sms.maxSegments },
        composer: services.rich.composer, senderRoute: (tx: Db, accountId: string, from: string) => services.numbers.senderIn(tx, accountId, from),
      },
      { store: services.store, transitions: services.transitions, reports: { applyPending: (tx, carrier, id, now) => reports.applyPending(tx, carrier, id, now), recordSegments: segmentReceipts.recordSegments }, metrics: services.metrics, clock: services.clock, log, policy: config.retry, leases: { queue: services.queue, leaseMs: config.workers.leaseMs } },
    );
    const renderer = webhookRenderer(services.store, () => services.publicUrl.value, services.twilio, services.mediaUrls);
    const webhookJob = new WebhookDeliveryJob(services.store, config.webhooks, services.metrics, services.clock, log, renderer, twimlAnswers(services.store, services.send, services.clock, log));
    workers = new WorkerPool(services.store, services.queue, { 'message.send': sendJob, 'webhook.deliver': webhookJob, 'campaign.fanout': new CampaignFanout(services.send, services.clock, services.store, { queue: services.queue, leaseMs: config.workers.leaseMs }) }, config.workers, services.clock, log);
    // On PostgreSQL other processes hold live leases in the same table: expired leases are simply claimed again.
    if (lock && config.databaseUrl === undefined) {
      // Embedded mode owns the data directory, so every lease in it belongs to a dead process.
      const released = await services.queue.releaseAllLeases(workers.workerId);
      if (released > 0) log.warn({ released, previousPid: lock.recoveredFromPid }, 'resuming jobs left in flight by a previous run');
    }
  }
  let server: FastifyInstance | undefined;
  let url = config.publicUrl;
  if (config.role !== 'worker') {
    const player = handsetPlayer(services, (name) => carriers.sandboxes.get(name)?.control, carriers.smsHandsets);
    server = await buildServer(services, { routes: carriers.routes, handsets: carriers.sandboxes, player }, log);
    await server.listen({ host: config.host, port: config.port });
    const address = server.server.address();
    if (address && typeof address === 'object') {
      const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
    }
    carriers.startSandboxReports(url);
    // Unless configured, links porm hands out use the address it actually listens on.
    if (!config.publicUrlSet) {
      services.publicUrl.value = url;
    }
  }
  for (const carrier of carriers.outbound.values()) await carrier.start();
  workers?.start();
  // Where connectors run, their health goes to the store for the dashboard (which may run elsewhere).
  const health = workers ? new HealthReporter(services.store, [...carriers.outbound].map(([name, carrier]) => ({ name, type: config.carriers[name]?.type ?? carrier.type, carrier })), workers.workerId, () => services.clock.now(), log) : undefined;
  health?.start();
  const stopHousekeeping = startHousekeeping(services.store, () => services.clock.now(), log);
  if (config.role !== 'api') {
    // porm runs without ffmpeg; say up front which media it then cannot convert.
    void Promise.all([defaultFfmpeg(), soxCanEncodeAmr()]).then(([ffmpeg, sox]) => {
      const cannot = ffmpeg.cannot.filter((line) => !(sox && ffmpeg.available && /AMR-NB/.test(line)));
      if (cannot.length > 0) log.warn({ cannot, ...(ffmpeg.available ? {} : { reason: ffmpeg.reason }) }, 'media conversions unavailable');
    });
  }
  warnPrivateNetworks(config, log);
  services.readiness.ready = true;
  let closed = false;
  return {
    services, server, carriers, workers, bootstrap: boot, url,
    async close() {
      if (closed) return;
      closed = true;
      services.readiness.ready = false;
      stopHousekeeping();
      await server?.close();
      await workers?.stop();
      // A folded "jobs enqueued" hint still waiting for its window goes out before the store (and its notifier) closes.
      if (services.queue instanceof SqlJobQueue) services.queue.flushNotifications();
      await redisBucket?.close();
      await services.contacts.imports.close();
      await health?.close();
      await carriers.close();
      await services.store.close();
      lock?.release();
    },
  };
}
