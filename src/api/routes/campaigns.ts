import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { campaignResource } from '../../campaigns/campaign-resource.ts';
import { accountOf } from '../auth.ts';
import { Nullable, PageOf, PageQuery, Timestamp, errorResponses } from '../schemas/common.ts';

// /v1/campaigns (docs/campaigns.md): one personalised message to lists and segments, fanned out
// at a paced rate by a durable job; pause, resume, cancel and a dry run.

const Ids = (what: string) => Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50, description: what }));
const AudienceSchema = Type.Object({
  lists: Ids('List ids (lst_…) whose members get the campaign'),
  segments: Ids('Segment ids (seg_…) whose matches get the campaign'),
  exclude_lists: Ids('List ids whose members never get it'),
}, { additionalProperties: false });
const Counts = Type.Record(Type.String(), Type.Integer());
const StatsSchema = Type.Object({
  recipients: Type.Integer({ description: 'Contacts the fan-out has handled so far' }),
  queued: Type.Integer({ description: 'Of them, those a message was accepted for' }),
  excluded: Type.Record(Type.String(), Type.Integer(), { description: 'Excluded recipients by error code (PORM_RECIPIENT_OPTED_OUT, PORM_CONSENT_REQUIRED, …)' }),
  messages: Type.Record(Type.String(), Type.Integer(), { description: 'The campaign\'s messages by status (queued, sent, delivered, failed, …)' }),
  variants: Type.Optional(Type.Record(Type.String(), Type.Object({ recipients: Type.Integer(), queued: Type.Integer() }), { description: 'With an A/B test: recipients and accepted messages per variant' })),
  late: Type.Optional(Type.Integer({ description: 'send_at_local campaigns: recipients whose local time had passed when the fan-out reached them, sent at once' })),
});
const VariantResource = Type.Object({ name: Type.String(), body: Type.String(), weight: Type.Integer(), media_ids: Type.Array(Type.String()) });
const AbTestResource = Type.Object({
  variants: Type.Array(VariantResource), test_percent: Type.Integer(), metric: Type.Union([Type.Literal('clicks'), Type.Literal('conversions')]),
  window_minutes: Type.Integer(), test_ends_at: Nullable(Timestamp), winner: Nullable(Type.String()),
  results: Nullable(Type.Array(Type.Object({ name: Type.String(), recipients: Type.Integer(), successes: Type.Integer(), rate: Type.Number() }), { description: 'Each variant\'s figures when the winner was chosen' })),
});
const AbTestBody = Type.Object({
  variants: Type.Array(Type.Object({
    name: Type.String({ maxLength: 64 }), body: Type.String({ maxLength: 1600 }),
    weight: Type.Optional(Type.Integer({ description: 'Relative share of the test group, 1–100 (default 1: equal shares)' })),
    media_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
  }, { additionalProperties: false }), { maxItems: 10, description: '2 to 5 variants' }),
  test_percent: Type.Optional(Type.Integer({ description: 'Share of the audience that gets the variants, 1–100 (default 20); 100: no winner phase' })),
  metric: Type.Optional(Type.Union([Type.Literal('clicks'), Type.Literal('conversions')], { default: 'clicks', description: 'How the winner is chosen: unique clicks or conversions per recipient' })),
  window_minutes: Type.Optional(Type.Integer({ description: 'How long the test runs before the winner is chosen, 5–10080 (default 240)' })),
}, { additionalProperties: false });
const CampaignResource = Type.Object({
  id: Type.String(), object: Type.Literal('campaign'), name: Type.String(),
  status: Type.Union(['draft', 'scheduled', 'sending', 'testing', 'paused', 'completed', 'canceled'].map((s) => Type.Literal(s))),
  audience: Type.Object({ lists: Type.Array(Type.String()), segments: Type.Array(Type.String()), exclude_lists: Type.Array(Type.String()) }),
  body: Nullable(Type.String()), media_ids: Type.Array(Type.String()), from: Nullable(Type.String()), messaging_service_id: Nullable(Type.String()),
  category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]),
  send_at: Nullable(Timestamp),
  send_at_local: Type.Optional(Type.String({ description: 'Local date-time without zone; each recipient\'s message goes at that time in their zone' })),
  send_at_local_fallback_zone: Type.Optional(Nullable(Type.String({ description: 'The zone send_at_local is read in for recipients porm cannot place' }))),
  send_rate: Type.Integer(), effective_rate: Type.Integer({ description: 'send_rate capped by the route\'s limit' }),
  created_at: Timestamp, updated_at: Timestamp, started_at: Nullable(Timestamp), finished_at: Nullable(Timestamp),
  ab_test: Nullable(AbTestResource),
  track_links: Type.Boolean({ description: 'The links of each message are its own short links, their clicks counted (docs/links.md)' }),
  template: Nullable(Type.Object({
    id: Type.String({ description: 'The rich template (tpl_…) sent instead of a body' }),
    revision: Type.Integer({ description: 'Its revision, pinned when the campaign was created' }),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'Fixed data every recipient\'s data starts from; `contact` is always the recipient\'s own' }),
  })),
  stats: Type.Optional(StatsSchema),
}, { $id: 'Campaign' });
const CreateBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  audience: AudienceSchema,
  body: Type.Optional(Type.String({ maxLength: 1600, description: 'Text with merge fields: {{ contact.name }}, {{ contact.attributes.plan }}, {{ contact.name | default: "there" }}; left out with ab_test' })),
  media_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
  from: Type.Optional(Type.String({ maxLength: 32 })),
  messaging_service_id: Type.Optional(Type.String({ maxLength: 64 })),
  category: Type.Optional(Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { default: 'marketing' })),
  send_at: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601 with a zone; absent: now' })),
  send_at_local: Type.Optional(Type.String({ maxLength: 64, description: 'A local date-time without zone (2026-12-04T10:00): each recipient\'s message goes at that time in their zone (stored zone, else the number\'s). Not with send_at' })),
  send_at_local_fallback_zone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone for recipients porm cannot place (default UTC); only with send_at_local' })),
  send_rate: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Messages per second (default 10), never above the route\'s limit' })),
  draft: Type.Optional(Type.Boolean({ description: 'Create without sending; POST /v1/campaigns/{id}/start sends it' })),
  ab_test: Type.Optional(AbTestBody),
  track_links: Type.Optional(Type.Boolean({ default: true, description: 'Shorten the body\'s http(s) links into short links of each message and count their clicks (default true; a template campaign\'s messages count taps on their hosted page instead)' })),
  template: Type.Optional(Type.String({ maxLength: 64, description: 'A saved rich template (tpl_…) of your account, sent instead of body: each recipient\'s data is template_data with `contact` set to their contact (name, phone, time_zone, locale, tags, attributes)' })),
  template_data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Fixed data for the template, the same for every recipient; only with template' })),
}, { additionalProperties: false });
const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'cmp_…' }) });
const DryRunResource = Type.Object({
  object: Type.Literal('campaign_dry_run'), audience: Type.Integer(), would_send: Type.Integer(), excluded: Counts,
  sample: Type.Array(Type.Object({ phone: Type.String(), reason: Type.String() }), { description: 'Up to 20 excluded recipients and why' }),
  messages: Type.Array(Type.Object({
    phone: Type.String(), channel: Nullable(Type.String({ description: 'A template\'s delivery form (porm, mms, sms) as channel auto picks it for this recipient; null for a body' })),
    text: Type.String({ description: 'The body with its merge fields filled, or the template\'s SMS text bound with the recipient\'s data (its page link is an example: each message gets its own)' }),
  }), { description: 'Up to 20 would-send recipients and what each would get (empty for an A/B test)' }),
  send_times: Type.Optional(Type.Record(Type.String(), Type.Integer(), { description: 'send_at_local campaigns: would-send recipients by the instant their message would go ("now": their local time has passed)' })),
});

export function campaignRoutes(services: Services): FastifyPluginAsyncTypebox {
  const campaigns = services.campaigns;
  return async (app) => {
    app.addSchema(CampaignResource);
    const tags = ['campaigns'];
    app.post('/v1/campaigns', {
      schema: { summary: 'Create a campaign (sent now, at send_at, at send_at_local in each recipient\'s zone, or kept as a draft)', tags, body: CreateBody, response: { 201: Type.Ref('Campaign'), 422: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      const created = await campaigns.create(accountOf(request), {
        name: b.name, ...(b.body !== undefined ? { body: b.body } : {}), ...(b.ab_test !== undefined ? { abTest: b.ab_test } : {}), audience: { lists: b.audience.lists, segments: b.audience.segments, excludeLists: b.audience.exclude_lists },
        ...(b.media_ids !== undefined ? { mediaIds: b.media_ids } : {}), ...(b.from !== undefined ? { from: b.from } : {}),
        ...(b.messaging_service_id !== undefined ? { messagingServiceId: b.messaging_service_id } : {}), ...(b.category !== undefined ? { category: b.category } : {}),
        ...(b.send_at !== undefined ? { sendAt: b.send_at } : {}),
        ...(b.send_at_local !== undefined ? { sendAtLocal: b.send_at_local } : {}),
        ...(b.send_at_local_fallback_zone !== undefined ? { sendAtLocalFallbackZone: b.send_at_local_fallback_zone } : {}), ...(b.send_rate !== undefined ? { sendRate: b.send_rate } : {}), ...(b.draft !== undefined ? { draft: b.draft } : {}),
        ...(b.track_links !== undefined ? { trackLinks: b.track_links } : {}),
        ...(b.template !== undefined ? { template: b.template } : {}), ...(b.template_data !== undefined ? { templateData: b.template_data } : {}),
      });
      return reply.code(201).header('location', `/v1/campaigns/${created.id}`).send(campaignResource(created));
    });
    app.get('/v1/campaigns', {
      schema: { summary: 'Your campaigns, newest first', tags, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: PageOf(Type.Ref('Campaign')), ...errorResponses } },
    }, async (request) => {
      const page = await campaigns.list(accountOf(request), request.query.limit ?? 50, request.query.cursor);
      return { object: 'list' as const, data: page.data.map((c) => campaignResource(c)), next_cursor: page.nextCursor };
    });
    app.get('/v1/campaigns/:id', { schema: { summary: 'One campaign with its figures', tags, params: Params, response: { 200: Type.Ref('Campaign'), ...errorResponses } } },
      async (request) => {
        const account = accountOf(request);
        const campaign = await campaigns.get(account, request.params.id);
        return campaignResource(campaign, await campaigns.stats(account, campaign.id));
      });
    const moves = [['start', 'Send a draft'], ['pause', 'Pause the fan-out'], ['resume', 'Resume a paused campaign where it stopped'], ['cancel', 'Stop the campaign for good']] as const;
    for (const [move, summary] of moves) {
      app.post(`/v1/campaigns/:id/${move}`, { schema: { summary, tags, params: Params, response: { 200: Type.Ref('Campaign'), 409: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...errorResponses } } },
        async (request) => campaignResource(await campaigns[move](accountOf(request), request.params.id)));
    }
    app.post('/v1/campaigns/:id/dry-run', { schema: { summary: 'Who would get the campaign now, and who is excluded and why (nothing is sent)', tags, params: Params, response: { 200: DryRunResource, ...errorResponses } } },
      async (request) => {
        const r = await campaigns.dryRun(accountOf(request), request.params.id);
        return { object: 'campaign_dry_run' as const, audience: r.audience, would_send: r.wouldSend, excluded: r.excluded, sample: r.sample, messages: r.messages, ...(r.sendTimes !== undefined ? { send_times: r.sendTimes } : {}) };
      });
  };
}
