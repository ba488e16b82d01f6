import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services.ts';
import { campaignFigures, variantFigures } from '../../campaigns/analytics.ts';
import { analyticsResource, seriesCsv } from '../../campaigns/analytics-resource.ts';
import { accountOf } from '../auth.ts';
import { Nullable, Timestamp, errorResponses } from '../schemas/common.ts';

// GET /v1/campaigns/{id}/analytics(.csv) (docs/campaigns.md#figures): what a campaign did —
// delivery, clicks, replies, opt-outs, conversions and revenue — and the same over time.

const Counts = Type.Record(Type.String(), Type.Integer());
const Money = Type.Record(Type.String(), Type.String(), { description: 'Per ISO 4217 currency, a decimal amount ("49.9")' });
const Rate = (what: string) => Nullable(Type.Number({ description: `${what}, 0 to 1 (4 decimals); null while the divisor is 0` }));
const Bucket = Type.Object({
  start: Timestamp, sent: Type.Integer(), delivered: Type.Integer(), clicks: Type.Integer({ description: 'Taps by people (bots left out)' }),
  opt_outs: Type.Integer(), conversions: Type.Integer(),
});
const Figures = {
  recipients: Type.Integer({ description: 'Contacts the fan-out has handled' }), queued: Type.Integer({ description: 'Of them, those a message was accepted for' }),
  excluded: Type.Record(Type.String(), Type.Integer(), { description: 'Excluded recipients by error code' }),
  sent: Type.Integer({ description: 'Messages that reached the carrier' }), delivered: Type.Integer(),
  failed: Type.Object({ total: Type.Integer(), by_code: Counts }, { description: 'Messages that ended failed or undelivered, by error code' }),
  delivery_rate: Rate('delivered / sent'),
  clicks: Type.Object({
    unique: Type.Integer({ description: 'Recipients who tapped a link at least once' }), total: Type.Integer({ description: 'Taps by people' }),
    bots: Type.Integer({ description: 'Link previews, scanners and prefetches, left out of the other figures' }),
  }),
  click_through_rate: Rate('unique clicks / delivered'),
  replies: Type.Integer({ description: 'Inbound messages from recipients to the campaign\'s sender within 7 days of their message (keywords porm answered left out)' }),
  opt_outs: Type.Integer({ description: 'Recipients who opted out within 7 days of their message' }), opt_out_rate: Rate('opt-outs / delivered'),
  conversions: Type.Integer({ description: 'Conversions attributed to the campaign\'s messages (by click or delivery)' }),
  revenue: Money, revenue_per_send: Money,
};
const AnalyticsResource = Type.Object({
  object: Type.Literal('campaign_analytics'), campaign_id: Type.String(),
  ...Figures,
  variants: Type.Optional(Type.Record(Type.String(), Type.Object(Figures), { description: 'With an A/B test: the same figures for each variant\'s recipients (the winner\'s include everyone it was sent to after the test)' })),
  interval: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
  series: Type.Array(Bucket, { description: 'UTC buckets from the first with activity to the last, empty ones included' }),
}, { $id: 'CampaignAnalytics' });
const Params = Type.Object({ id: Type.String({ maxLength: 64, description: 'cmp_…' }) });
const Query = Type.Object({
  // One enum rather than a union of literals, so a bad value is told "must be equal to one of the allowed values".
  interval: Type.Optional(Type.Unsafe<'hour' | 'day'>({ type: 'string', enum: ['hour', 'day'], default: 'day', description: 'The series\' bucket: hour or day (UTC)' })),
}, { additionalProperties: false });

export function campaignAnalyticsRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(AnalyticsResource);
    const tags = ['campaigns'];
    const figures = async (accountId: string, id: string, interval: 'hour' | 'day' | undefined) => {
      // Another account's campaign is not found, exactly like one that does not exist.
      const campaign = await services.campaigns.get(accountId, id);
      const query = { accountId, campaignId: campaign.id, interval: interval ?? 'day' } as const;
      const variants = campaign.ab === null ? undefined : await variantFigures(services.store.db, query, campaign.ab.test.variants.map((v) => v.name));
      return { campaign, figures: await campaignFigures(services.store.db, query), variants };
    };
    app.get('/v1/campaigns/:id/analytics', {
      schema: { summary: 'A campaign\'s figures: delivery, clicks, replies, opt-outs, conversions and revenue, and a series over time', tags, params: Params, querystring: Query, response: { 200: Type.Ref('CampaignAnalytics'), ...errorResponses } },
    }, async (request) => {
      const r = await figures(accountOf(request), request.params.id, request.query.interval);
      return analyticsResource(r.campaign.id, r.figures, r.variants);
    });
    app.get('/v1/campaigns/:id/analytics.csv', {
      schema: {
        summary: 'A campaign\'s series as CSV: one row per bucket (start, sent, delivered, clicks, opt_outs, conversions)', tags, params: Params, querystring: Query,
        response: { 200: { description: 'RFC 4180 CSV; cells a spreadsheet would run as formulas are prefixed with \'', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses },
      },
    }, async (request, reply) => {
      const r = await figures(accountOf(request), request.params.id, request.query.interval);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${r.campaign.id}-analytics.csv"`).send(seriesCsv(r.figures));
    });
  };
}
