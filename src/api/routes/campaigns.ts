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
});
const CampaignResource = Type.Object({
  id: Type.String(), object: Type.Literal('campaign'), name: Type.String(),
  status: Type.Union(['draft', 'scheduled', 'sending', 'paused', 'completed', 'canceled'].map((s) => Type.Literal(s))),
  audience: Type.Object({ lists: Type.Array(Type.String()), segments: Type.Array(Type.String()), exclude_lists: Type.Array(Type.String()) }),
  body: Type.String(), media_ids: Type.Array(Type.String()), from: Nullable(Type.String()), messaging_service_id: Nullable(Type.String()),
  category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]),
  send_at: Nullable(Timestamp), send_rate: Type.Integer(), effective_rate: Type.Integer({ description: 'send_rate capped by the route\'s limit' }),
  created_at: Timestamp, updated_at: Timestamp, started_at: Nullable(Timestamp), finished_at: Nullable(Timestamp),
  stats: Type.Optional(StatsSchema),
}, { $id: 'Campaign' });
const CreateBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  audience: AudienceSchema,
  body: Type.String({ maxLength: 1600, description: 'Text with merge fields: {{ contact.name }}, {{ contact.attributes.plan }}, {{ contact.name | default: "there" }}' }),
  media_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 10 })),
  from: Type.Optional(Type.String({ maxLength: 32 })),
  messaging_service_id: Type.Optional(Type.String({ maxLength: 64 })),
  category: Type.Optional(Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { default: 'marketing' })),
  send_at: Type.Optional(Type.String({ maxLength: 64, description: 'ISO 8601 with a zone; absent: now' })),
  send_rate: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Messages per second (default 10), never above the route\'s limit' })),
  draft: Type.Optional(Type.Boolean({ description: 'Create without sending; POST /v1/campaigns/{id}/start sends it' })),
}, { additionalProperties: false });
const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'cmp_…' }) });
const DryRunResource = Type.Object({
  object: Type.Literal('campaign_dry_run'), audience: Type.Integer(), would_send: Type.Integer(), excluded: Counts,
  sample: Type.Array(Type.Object({ phone: Type.String(), reason: Type.String() }), { description: 'Up to 20 excluded recipients and why' }),
});

export function campaignRoutes(services: Services): FastifyPluginAsyncTypebox {
  const campaigns = services.campaigns;
  return async (app) => {
    app.addSchema(CampaignResource);
    const tags = ['campaigns'];
    app.post('/v1/campaigns', {
      schema: { summary: 'Create a campaign (sent now, at send_at, or kept as a draft)', tags, body: CreateBody, response: { 201: Type.Ref('Campaign'), 422: Type.Ref('Problem'), ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      const created = await campaigns.create(accountOf(request), {
        name: b.name, body: b.body, audience: { lists: b.audience.lists, segments: b.audience.segments, excludeLists: b.audience.exclude_lists },
        ...(b.media_ids !== undefined ? { mediaIds: b.media_ids } : {}), ...(b.from !== undefined ? { from: b.from } : {}),
        ...(b.messaging_service_id !== undefined ? { messagingServiceId: b.messaging_service_id } : {}), ...(b.category !== undefined ? { category: b.category } : {}),
        ...(b.send_at !== undefined ? { sendAt: b.send_at } : {}), ...(b.send_rate !== undefined ? { sendRate: b.send_rate } : {}), ...(b.draft !== undefined ? { draft: b.draft } : {}),
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
        return { object: 'campaign_dry_run' as const, audience: r.audience, would_send: r.wouldSend, excluded: r.excluded, sample: r.sample };
      });
  };
}
