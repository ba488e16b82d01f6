import type { FastifyReply } from 'fastify';
import type { DashboardKit, Signed } from './kit.ts';
import { formOf, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { recentOptOuts, standingReport } from '../../compliance/standing-report.ts';
import { compliancePage, lookupErrorPage } from '../../dashboard/pages/compliance.ts';
import { lookupPage } from '../../dashboard/pages/compliance-lookup.ts';
import { suppressionsPage, type SuppressionsView } from '../../dashboard/pages/compliance-suppressions.ts';
import { programPage, programsPage } from '../../dashboard/pages/compliance-programs.ts';
import { PROGRAM_FIELDS, programFormOf, programPatchOf, programProblems, type ProgramForm } from '../../dashboard/program-form.ts';
import type { Problems } from '../../dashboard/pages/campaigns-form-parts.ts';

// /dashboard/compliance: recent opt-outs, the consent lookup (the send path's own checks for one
// number), suppression lists (admins add and lift), programs with quiet hours and caps (admins
// change them). Every write goes through the services /v1 uses.

const OPT_OUTS = 50;
const PAGE = 50;

/** A refusal's field errors by the top of their pointer (/to → to), the first for each. */
function problemsOf(err: unknown): Problems {
  if (!(err instanceof PormError)) throw err;
  const out: Problems = {};
  for (const e of err.fields) out[e.field.split('/')[1] ?? ''] ??= { message: e.message || err.message, code: e.code };
  if (Object.keys(out).length === 0) out[''] = { message: err.message, code: err.code };
  return out;
}

function go(reply: FastifyReply, url: string): undefined {
  void reply.redirect(url, 303);
  return undefined;
}

export function complianceRoutes({ page, services }: DashboardKit): void {
  const { programs, consents, check } = services.compliance;
  const frame = (signed: Signed, title: string) => ({ title, user: signed.user, csrf: signed.csrf });
  const programNames = async (accountId: string) => new Map((await programs.list(accountId)).map((p) => [p.id, p.name]));

  page('/dashboard/compliance', 'read-only', async (_request, signed) => {
    const accountId = signed.user.accountId;
    const [optOuts, list] = await Promise.all([recentOptOuts(services.store.db, accountId, OPT_OUTS), programs.list(accountId)]);
    return compliancePage(frame(signed, 'Compliance'), optOuts, list);
  });

  page('/dashboard/compliance/lookup', 'read-only', async (request, signed, reply) => {
    const q = request.query as Record<string, unknown>;
    // A repeated or missing parameter is text like any other: the service says what is wrong with it.
    const values = { to: typeof q.to === 'string' ? q.to.slice(0, 64) : '', from: typeof q.from === 'string' ? q.from.slice(0, 64) : '' };
    try {
      const report = await standingReport(services.store.db, check, signed.user.accountId, values, services.clock.now());
      return lookupPage(frame(signed, ''), report, await programNames(signed.user.accountId));
    } catch (err) {
      const problems = problemsOf(err);
      reply.code((err as PormError).status);
      return lookupErrorPage(frame(signed, ''), values, problems);
    }
  });

  async function suppressionsView(accountId: string, query: { to?: string; cursor?: string }, values: SuppressionsView['values'], done?: string): Promise<{ view: SuppressionsView; problems: Problems; status: number }> {
    const filter = (query.to ?? '').trim().slice(0, 64);
    const base = { filter, programs: await programs.list(accountId), values, ...(done ? { done } : {}) };
    try {
      const to = filter === '' ? undefined : normalizePhone(filter);
      if (to === null || (filter !== '' && to === undefined)) throw new PormError('PORM_INVALID_PHONE_NUMBER', 'not an E.164 number', [{ field: '/filter', code: 'PORM_INVALID_PHONE_NUMBER', message: 'an E.164 number such as +14155550100' }]);
      const page = await consents.suppressions(accountId, { limit: PAGE, ...(to ? { to } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
      return { view: { ...base, rows: page.data, nextCursor: page.nextCursor }, problems: {}, status: 200 };
    } catch (err) {
      return { view: { ...base, rows: [], nextCursor: null }, problems: problemsOf(err), status: (err as PormError).status };
    }
  }

  page('/dashboard/compliance/suppressions', 'read-only', async (request, signed, reply) => {
    const q = request.query as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const { view, problems, status } = await suppressionsView(signed.user.accountId, { ...(text(q.to) ? { to: text(q.to)! } : {}), ...(text(q.cursor) ? { cursor: text(q.cursor)! } : {}) }, {}, text(q.done));
    reply.code(status);
    return suppressionsPage(frame(signed, ''), view, problems);
  });

  page('/dashboard/compliance/suppressions', 'admin', async (request, signed, reply) => {
    const form = formOf(request);
    const values = { to: form.to ?? '', reason: form.reason ?? '', program_id: form.program_id ?? '' };
    try {
      const s = await consents.addSuppression(signed.user.accountId, { to: values.to, reason: values.reason, ...(values.program_id !== '' ? { programId: values.program_id } : {}) });
      return go(reply, `/dashboard/compliance/suppressions?${new URLSearchParams({ done: `${s.recipient} is suppressed.` }).toString()}`);
    } catch (err) {
      const problems = problemsOf(err);
      reply.code((err as PormError).status);
      const { view } = await suppressionsView(signed.user.accountId, {}, values);
      return suppressionsPage(frame(signed, ''), view, problems);
    }
  }, 'POST');

  page('/dashboard/compliance/suppressions/remove', 'admin', async (request, signed, reply) => {
    const form = formOf(request);
    try {
      await consents.removeSuppression(signed.user.accountId, form.to ?? '', form.program_id ? form.program_id : undefined);
      return go(reply, `/dashboard/compliance/suppressions?${new URLSearchParams({ done: `The suppression of ${normalizePhone(form.to ?? '') ?? ''} is lifted.` }).toString()}`);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      const { view } = await suppressionsView(signed.user.accountId, {}, {});
      return suppressionsPage(frame(signed, ''), view, { '': p });
    }
  }, 'POST');

  page('/dashboard/compliance/programs', 'read-only', async (_request, signed) => programsPage(frame(signed, ''), await programs.list(signed.user.accountId)));

  page('/dashboard/compliance/programs/:id', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    const saved = (request.query as Record<string, unknown>).saved === '1';
    try {
      const p = await programs.get(signed.user.accountId, id);
      return programPage(frame(signed, ''), p, programFormOf(p), {}, saved);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return programsPage(frame(signed, ''), await programs.list(signed.user.accountId), p);
    }
  });

  page('/dashboard/compliance/programs/:id', 'admin', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    const raw = formOf(request);
    const form: ProgramForm = Object.fromEntries(PROGRAM_FIELDS.flatMap((k) => (raw[k] !== undefined ? [[k, raw[k]]] : [])));
    try {
      const updated = await programs.update(signed.user.accountId, id, programPatchOf(form));
      return go(reply, `/dashboard/compliance/programs/${updated.id}?saved=1`);
    } catch (err) {
      if (!(err instanceof PormError)) throw err;
      reply.code(err.status);
      let current;
      try {
        current = await programs.get(signed.user.accountId, id);
      } catch (missing) {
        return programsPage(frame(signed, ''), await programs.list(signed.user.accountId), problem(missing));
      }
      return programPage(frame(signed, ''), current, form, programProblems(err));
    }
  }, 'POST');
}
