import { Command } from 'commander';
import { campaignFigures, variantFigures, type Interval } from '../campaigns/analytics.ts';
import { analyticsResource, seriesCsv } from '../campaigns/analytics-resource.ts';
import { accountFor, withServices } from './context.ts';
import { fail, printJson, printLine, printTable } from './output.ts';

// `porm campaigns analytics <cmp_…>`: the figures GET /v1/campaigns/{id}/analytics answers
// (docs/campaigns.md#figures), from the same queries; --csv prints the series as the .csv does.

interface Flags { account?: string; json?: boolean; csv?: boolean; interval: string }

function intervalOf(text: string): Interval {
  if (text === 'hour' || text === 'day') return text;
  return fail(`--interval is hour or day (got ${text})`);
}

const percent = (r: number | null): string => (r === null ? '-' : `${(r * 100).toFixed(2)}%`);
const counts = (byKey: Record<string, number | string>): string => Object.entries(byKey).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

export function campaignAnalyticsCommand(): Command {
  return new Command('analytics')
    .description('a campaign\'s figures: delivery, clicks, replies, opt-outs, conversions, revenue, and a series over time')
    .argument('<campaign>', 'cmp_…')
    .option('--interval <hour|day>', 'the series\' bucket (UTC)', 'day')
    .option('--csv', 'print the series as CSV (one row per bucket)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: Flags, command: Command) => {
      const interval = intervalOf(flags.interval);
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const campaign = await services.campaigns.get(accountId, id);
        const query = { accountId, campaignId: campaign.id, interval };
        const f = await campaignFigures(services.store.db, query);
        const variants = campaign.ab === null ? undefined : await variantFigures(services.store.db, query, campaign.ab.test.variants.map((v) => v.name));
        if (flags.json) return printJson(analyticsResource(campaign.id, f, variants));
        if (flags.csv) return void process.stdout.write(seriesCsv(f));
        printLine(`${campaign.name} (${campaign.id}): ${campaign.status}`);
        printLine(`recipients ${f.recipients}, queued ${f.queued}, excluded: ${counts(f.excluded)}`);
        printLine(`sent ${f.sent}, delivered ${f.delivered} (${percent(f.deliveryRate)}), failed ${f.failed.total}${f.failed.total > 0 ? ` (${counts(f.failed.byCode)})` : ''}`);
        printLine(`clicks: ${f.clicks.unique} unique, ${f.clicks.total} total, ${f.clicks.bots} by bots; click-through ${percent(f.clickThroughRate)}`);
        printLine(`replies ${f.replies}, opt-outs ${f.optOuts} (${percent(f.optOutRate)})`);
        printLine(`conversions ${f.conversions}, revenue: ${counts(f.revenue)}, per send: ${counts(f.revenuePerSend)}`);
        for (const [name, v] of variants ?? []) {
          printLine(`variant ${name}${campaign.ab?.winner === name ? ' (winner)' : ''}: recipients ${v.recipients}, delivered ${v.delivered}, unique clicks ${v.clicks.unique}, conversions ${v.conversions}, opt-outs ${v.optOuts}`);
        }
        if (f.series.length > 0) {
          printTable(f.series.map((b) => ({
            start: new Date(b.start).toISOString(), sent: String(b.sent), delivered: String(b.delivered), clicks: String(b.clicks), opt_outs: String(b.optOuts), conversions: String(b.conversions),
          })), ['start', 'sent', 'delivered', 'clicks', 'opt_outs', 'conversions']);
        }
      });
    });
}
