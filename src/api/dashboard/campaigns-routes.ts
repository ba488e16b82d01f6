import type { FastifyReply } from 'fastify';
import type { DashboardKit, Signed } from './kit.ts';
import { formOf, formValues, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import { campaignsPage } from '../../dashboard/pages/campaigns.ts';
import { EMPTY_WIZARD, wizardPage, type WizardChoices } from '../../dashboard/pages/campaigns-wizard.ts';
import { reviewPage } from '../../dashboard/pages/campaigns-review.ts';
import { campaignPage, FINAL_STATUSES, type CampaignView } from '../../dashboard/pages/campaigns-detail.ts';
import { campaignInputOf, fieldProblems, wizardValues, type WizardValues } from '../../dashboard/campaign-form.ts';
import { audienceOf, campaignProgress, handledCounts, progressOf } from '../../dashboard/campaign-progress.ts';
import { campaignFigures, variantFigures, type Interval } from '../../campaigns/analytics.ts';
import { seriesCsv } from '../../campaigns/analytics-resource.ts';
import type { Campaign } from '../../campaigns/model.ts';
import type { Problems } from '../../dashboard/pages/campaigns-form-parts.ts';

// /dashboard/campaigns: the list, the wizard (a draft through CampaignService.create, then the
// API's dry run and "Start"), a campaign's page with its live progress (progress.json), moves,
// figures, A/B results and chart. Every rule is the service's; pages only show its answers.

const CHOICES = 200;

/** A redirect after a POST (or to a draft's review); the page has answered. */
function go(reply: FastifyReply, url: string): undefined {
  void reply.redirect(url, 303);
  return undefined;
}
const TWO_DAYS = 2 * 86_400_000;

export function campaignsRoutes({ page, services }: DashboardKit): void {
  const { campaigns } = services;
  const frame = (signed: Signed, title: string) => ({ title, user: signed.user, csrf: signed.csrf });

  async function choices(accountId: string): Promise<WizardChoices> {
    const [lists, segments, numbers, pools, templates] = await Promise.all([
      services.contacts.lists.list(accountId, CHOICES), services.contacts.segments.list(accountId, CHOICES),
      services.numbers.list(accountId, CHOICES), services.messagingServices.list(accountId, CHOICES), services.rich.templates.list(accountId, { limit: CHOICES }),
    ]);
    return {
      lists: lists.data.map((l) => ({ id: l.id, name: l.name, members: l.memberCount })), segments: segments.data.map((s) => ({ id: s.id, name: s.name })),
      numbers: numbers.data.map((n) => n.number), services: pools.data.map((s) => ({ id: s.id, name: s.name })),
      templates: templates.data.map((t) => ({ id: t.id, name: t.name })),
    };
  }

  /** A figures query's interval: hours for a campaign of the last two days (a chart of days would be one point), else days. */
  const intervalOf = (c: Campaign, now: number): Interval => ((c.finishedAt ?? now) - (c.startedAt ?? c.createdAt) <= TWO_DAYS ? 'hour' : 'day');

  async function view(accountId: string, c: Campaign): Promise<CampaignView> {
    const now = services.clock.now();
    const query = { accountId, campaignId: c.id, interval: intervalOf(c, now) } as const;
    const [stats, progress, figures, variants] = await Promise.all([
      campaigns.stats(accountId, c.id), campaignProgress(services.store, c, now), campaignFigures(services.store.db, query),
      c.ab === null ? Promise.resolve(undefined) : variantFigures(services.store.db, query, c.ab.test.variants.map((v) => v.name)),
    ]);
    return { campaign: c, stats, progress, figures, variants };
  }

  /** Another account's campaign is not found, like one that does not exist: the list with the code. */
  async function notFound(reply: FastifyReply, signed: Signed, err: unknown): Promise<string> {
    const p = problem(err);
    reply.code(p.status);
    return campaignsPage(frame(signed, 'Campaigns'), [], null, p);
  }

  page('/dashboard/campaigns', 'read-only', async (request, signed, reply) => {
    const { cursor } = request.query as { cursor?: string };
    try {
      const list = await campaigns.list(signed.user.accountId, 50, cursor);
      const counts = await handledCounts(services.store, signed.user.accountId, list.data.map((c) => c.id));
      // Only campaigns not completed have their audience counted (one query each; a page rarely holds many).
      const now = services.clock.now();
      const audiences = await Promise.all(list.data.map((c) => audienceOf(services.store, c, now)));
      const rows = list.data.map((c, i) => ({ campaign: c, progress: progressOf(c, counts.get(c.id) ?? { handled: 0, queued: 0 }, audiences[i] ?? null) }));
      return campaignsPage(frame(signed, 'Campaigns'), rows, list.nextCursor);
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });

  const showWizard = async (signed: Signed, values: WizardValues, problems: Problems) => wizardPage(frame(signed, 'New campaign'), await choices(signed.user.accountId), values, problems);

  page('/dashboard/campaigns/new', 'member', async (_request, signed) => showWizard(signed, EMPTY_WIZARD, {}));

  page('/dashboard/campaigns/new', 'member', async (request, signed, reply) => {
    const form = formOf(request);
    const values = wizardValues((name) => form[name], (name) => formValues(request, name));
    try {
      const created = await campaigns.create(signed.user.accountId, campaignInputOf(values));
      return go(reply, `/dashboard/campaigns/${created.id}/review`);
    } catch (err) {
      if (!(err instanceof PormError)) throw err;
      reply.code(err.status);
      return showWizard(signed, values, fieldProblems(err));
    }
  }, 'POST');

  page('/dashboard/campaigns/:id/review', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const c = await campaigns.get(signed.user.accountId, id);
      if (c.status !== 'draft') return go(reply, `/dashboard/campaigns/${c.id}`);
      return reviewPage(frame(signed, c.name), c, await campaigns.dryRun(signed.user.accountId, c.id));
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });

  page('/dashboard/campaigns/:id', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      return campaignPage(frame(signed, ''), await view(signed.user.accountId, await campaigns.get(signed.user.accountId, id)));
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });

  // What the page's script polls: the status and the progress bar's figures.
  page('/dashboard/campaigns/:id/progress.json', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const c = await campaigns.get(signed.user.accountId, id);
      const [progress, stats] = await Promise.all([campaignProgress(services.store, c, services.clock.now()), campaigns.stats(signed.user.accountId, c.id)]);
      void reply.code(200).header('content-type', 'application/json; charset=utf-8').send({ status: c.status, final: FINAL_STATUSES.includes(c.status), ...progress, messages: stats.messages });
    } catch (err) {
      const p = problem(err);
      void reply.code(p.status).header('content-type', 'application/json; charset=utf-8').send({ code: p.code, message: p.message });
    }
    return undefined;
  });

  page('/dashboard/campaigns/:id/analytics.csv', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const c = await campaigns.get(signed.user.accountId, id);
      const figures = await campaignFigures(services.store.db, { accountId: signed.user.accountId, campaignId: c.id, interval: intervalOf(c, services.clock.now()) });
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${c.id}-analytics.csv"`).send(seriesCsv(figures));
      return undefined;
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });

  for (const move of ['start', 'pause', 'resume', 'cancel'] as const) {
    page(`/dashboard/campaigns/:id/${move}`, 'member', async (request, signed, reply) => {
      const { id } = request.params as { id: string };
      const accountId = signed.user.accountId;
      try {
        const moved = await campaigns[move](accountId, id);
        return go(reply, move === 'cancel' && moved.startedAt === null ? '/dashboard/campaigns' : `/dashboard/campaigns/${moved.id}`);
      } catch (err) {
        const p = problem(err);
        reply.code(p.status);
        let c: Campaign;
        try {
          c = await campaigns.get(accountId, id);
        } catch (missing) {
          return notFound(reply, signed, missing);
        }
        // A refused start (an audience now empty) stays on the review; a refused move on the campaign's page.
        if (c.status === 'draft') return reviewPage(frame(signed, c.name), c, await campaigns.dryRun(accountId, c.id), p);
        return campaignPage(frame(signed, ''), await view(accountId, c), p);
      }
    }, 'POST');
  }
}
