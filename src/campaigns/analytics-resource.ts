import { csvCell } from '../compliance/consent/csv.ts';
import type { CampaignFigures } from './analytics.ts';

// A campaign's figures as GET /v1/campaigns/{id}/analytics and `porm campaigns analytics --json`
// show them (snake_case, ISO times), and its series as CSV (one row per bucket).

const iso = (ms: number): string => new Date(ms).toISOString();

function figuresResource(f: CampaignFigures) {
  return {
    recipients: f.recipients, queued: f.queued, excluded: f.excluded,
    sent: f.sent, delivered: f.delivered, failed: { total: f.failed.total, by_code: f.failed.byCode }, delivery_rate: f.deliveryRate,
    clicks: f.clicks, click_through_rate: f.clickThroughRate,
    replies: f.replies, opt_outs: f.optOuts, opt_out_rate: f.optOutRate,
    conversions: f.conversions, revenue: f.revenue, revenue_per_send: f.revenuePerSend,
  };
}

/** `variants`: each A/B variant's figures (without a series), by name. */
export function analyticsResource(campaignId: string, f: CampaignFigures, variants?: ReadonlyArray<readonly [string, CampaignFigures]>) {
  return {
    object: 'campaign_analytics' as const, campaign_id: campaignId,
    ...figuresResource(f),
    ...(variants ? { variants: Object.fromEntries(variants.map(([name, v]) => [name, figuresResource(v)])) } : {}),
    interval: f.interval,
    series: f.series.map((b) => ({ start: iso(b.start), sent: b.sent, delivered: b.delivered, clicks: b.clicks, opt_outs: b.optOuts, conversions: b.conversions })),
  };
}

export const SERIES_CSV_COLUMNS = ['start', 'sent', 'delivered', 'clicks', 'opt_outs', 'conversions'] as const;

/** The series as RFC 4180 CSV, header first, one line per bucket; every cell quoted and neutralised against formula injection. */
export function seriesCsv(f: CampaignFigures): string {
  const lines = [SERIES_CSV_COLUMNS.map(csvCell).join(',')];
  for (const b of f.series) lines.push([iso(b.start), b.sent, b.delivered, b.clicks, b.optOuts, b.conversions].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
