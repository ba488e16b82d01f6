import { Command } from 'commander';
import type { Campaign, CampaignInput } from '../campaigns/model.ts';
import { campaignResource } from '../campaigns/campaign-resource.ts';
import { accountFor, withServices } from './context.ts';
import { jsonArgument } from './json-argument.ts';
import { fail, printJson, printLine, printTable } from './output.ts';
import { campaignAnalyticsCommand } from './campaign-analytics-command.ts';

// `porm campaigns`: the same service as /v1/campaigns (docs/campaigns.md). A campaign created or
// started here is stored with its fan-out job; the running `porm start` (its worker role) sends it.
// Errors go to main.ts's handler, which prints them with their code (as JSON with --json).

interface Common { account?: string; json?: boolean }
interface CreateFlags extends Common {
  body?: string;
  abTest?: string;
  template?: string;
  templateData?: string;
  list?: string[];
  segment?: string[];
  excludeList?: string[];
  from?: string;
  messagingService?: string;
  media?: string[];
  category?: string;
  sendAt?: string;
  sendAtLocal?: string;
  fallbackZone?: string;
  rate?: string;
  draft?: boolean;
  /** false with --no-track-links. */
  trackLinks?: boolean;
}

const repeatable = (v: string, prev: string[] = []): string[] => [...prev, v];

/** --rate as an integer, refused here (as the API's schema would) rather than passed on as NaN. */
function rateOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const rate = Number(text);
  if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) fail(`--rate must be a whole number of messages per second, 1 to 100000 (got ${text})`);
  return rate;
}

function categoryOf(text: string | undefined): CampaignInput['category'] {
  if (text === undefined || text === 'marketing' || text === 'transactional') return text;
  return fail(`--category is marketing or transactional (got ${text})`);
}

function inputFrom(name: string, flags: CreateFlags): CampaignInput {
  const category = categoryOf(flags.category);
  const rate = rateOf(flags.rate);
  const contents = [flags.body, flags.abTest, flags.template].filter((c) => c !== undefined).length;
  if (contents !== 1) fail('give the text with --body, variants with --ab-test, or a rich template with --template (one of them)');
  return {
    name, ...(flags.body !== undefined ? { body: flags.body } : {}),
    ...(flags.template !== undefined ? { template: flags.template } : {}),
    ...(flags.templateData !== undefined ? { templateData: jsonArgument(flags.templateData, '--template-data') } : {}),
    ...(flags.abTest !== undefined ? { abTest: jsonArgument(flags.abTest, '--ab-test') } : {}),
    audience: { lists: flags.list ?? [], segments: flags.segment ?? [], excludeLists: flags.excludeList ?? [] },
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    ...(flags.messagingService !== undefined ? { messagingServiceId: flags.messagingService } : {}),
    ...(flags.media !== undefined ? { mediaIds: flags.media } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(flags.sendAt !== undefined ? { sendAt: flags.sendAt } : {}),
    ...(flags.sendAtLocal !== undefined ? { sendAtLocal: flags.sendAtLocal } : {}),
    ...(flags.fallbackZone !== undefined ? { sendAtLocalFallbackZone: flags.fallbackZone } : {}),
    ...(rate !== undefined ? { sendRate: rate } : {}),
    ...(flags.draft === true ? { draft: true } : {}),
    ...(flags.trackLinks === false ? { trackLinks: false } : {}),
  };
}

const when = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
const row = (c: Campaign): Record<string, string> => ({ id: c.id, name: c.name, status: c.status, send_at: c.sendAtLocal !== null ? `${c.sendAtLocal} local` : when(c.sendAt), rate: `${c.effectiveRate}/s` });
const counts = (byKey: Record<string, number>): string => Object.entries(byKey).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

function withAccount(sub: Command): Command {
  return sub.option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON');
}

export function campaignsCommand(): Command {
  const campaigns = new Command('campaigns').description('campaigns: create, list, show, dry-run, start, pause, resume, cancel');
  withAccount(campaigns.command('create')
    .description('one personalised message to lists and segments: sent now, at --send-at, or kept as a --draft')
    .argument('<name>')
    .option('--body <text>', 'the text, with merge fields: {{ contact.name | default: "there" }}, {{ contact.attributes.plan }}')
    .option('--ab-test <json>', 'an A/B test instead of --body: JSON as the API\'s ab_test, or @file.json')
    .option('--template <tpl_…>', 'a rich template instead of --body, bound for each recipient with {"contact": …} over --template-data')
    .option('--template-data <json>', 'with --template: fixed data for every recipient, a JSON object or @file.json')
    .option('--list <lst_…>', 'a list whose members get it (repeatable)', repeatable)
    .option('--segment <seg_…>', 'a segment whose matches get it (repeatable)', repeatable)
    .option('--exclude-list <lst_…>', 'a list whose members never get it (repeatable)', repeatable)
    .option('--from <number>', 'the sender number')
    .option('--messaging-service <mg_…>', 'a messaging service to pick the sender from')
    .option('--media <med_…>', 'a media id to attach (repeatable)', repeatable)
    .option('--category <kind>', 'marketing (default) or transactional')
    .option('--send-at <iso>', 'when to start, ISO 8601 with a zone (default: now)')
    .option('--send-at-local <date-time>', 'send at this local time in each recipient\'s zone, without zone: 2026-12-04T10:00')
    .option('--fallback-zone <zone>', 'with --send-at-local: the zone for recipients porm cannot place (default UTC)')
    .option('--rate <n>', 'messages per second (default 10), never above the route\'s limit')
    .option('--draft', 'store it without sending; `porm campaigns start` sends it')
    .option('--no-track-links', 'leave the body\'s links as written (by default each message gets its own short links, their clicks counted)'))
    .action(async (name: string, flags: CreateFlags, command: Command) => {
      await withServices(command, async (services) => {
        const created = await services.campaigns.create(await accountFor(services, flags.account), inputFrom(name, flags));
        if (flags.json) return printJson(campaignResource(created));
        printLine(`created ${created.name} (${created.id}): ${created.status}, ${created.effectiveRate}/s`);
      });
    });
  withAccount(campaigns.command('list', { isDefault: true })
    .description('campaigns, newest first').option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50))
    .action(async (flags: Common & { limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        const page = await services.campaigns.list(await accountFor(services, flags.account), Math.min(Math.max(flags.limit || 1, 1), 200));
        if (flags.json) return printJson(page.data.map((c) => campaignResource(c)));
        printTable(page.data.map(row), ['id', 'name', 'status', 'send_at', 'rate']);
      });
    });
  withAccount(campaigns.command('show')
    .description('one campaign with its figures: recipients, messages by status, exclusions by reason').argument('<campaign>', 'cmp_…'))
    .action(async (id: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const campaign = await services.campaigns.get(accountId, id);
        const stats = await services.campaigns.stats(accountId, campaign.id);
        if (flags.json) return printJson(campaignResource(campaign, stats));
        printTable([row(campaign)], ['id', 'name', 'status', 'send_at', 'rate']);
        printLine(`recipients ${stats.recipients}, queued ${stats.queued}`);
        printLine(`messages: ${counts(stats.messages)}`);
        printLine(`excluded: ${counts(stats.excluded)}`);
      });
    });
  withAccount(campaigns.command('dry-run')
    .description('who would get the campaign now, and who is excluded and why (nothing is sent)').argument('<campaign>', 'cmp_…'))
    .action(async (id: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        const r = await services.campaigns.dryRun(await accountFor(services, flags.account), id);
        if (flags.json) return printJson({ object: 'campaign_dry_run', audience: r.audience, would_send: r.wouldSend, excluded: r.excluded, sample: r.sample, messages: r.messages });
        printLine(`audience ${r.audience}, would send ${r.wouldSend}`);
        printLine(`excluded: ${counts(r.excluded)}`);
        if (r.sample.length > 0) printTable(r.sample, ['phone', 'reason']);
      });
    });
  const moves = [['start', 'send a draft'], ['pause', 'pause the fan-out'], ['resume', 'resume a paused campaign where it stopped'], ['cancel', 'stop the campaign for good']] as const;
  for (const [move, summary] of moves) {
    withAccount(campaigns.command(move).description(summary).argument('<campaign>', 'cmp_…'))
      .action(async (id: string, flags: Common, command: Command) => {
        await withServices(command, async (services) => {
          const campaign = await services.campaigns[move](await accountFor(services, flags.account), id);
          if (flags.json) return printJson(campaignResource(campaign));
          printLine(`${campaign.name} (${campaign.id}): ${campaign.status}`);
        });
      });
  }
  campaigns.addCommand(campaignAnalyticsCommand());
  return campaigns;
}
