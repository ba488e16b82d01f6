import type { FastifyRequest } from 'fastify';
import type { DashboardKit } from './kit.ts';
import { formOf, formValues, problem } from './kit.ts';
import type { Signed } from './kit.ts';
import { errorRegistry } from '../../errors.ts';
import { allows } from '../../dashboard/roles.ts';
import { refusalPage } from '../../dashboard/pages/layout.ts';
import { MAX_SEGMENT_ROWS, ruleOf, type SegmentRow } from '../../dashboard/segment-form.ts';
import { segmentPage, segmentsPage, type BuilderView } from '../../dashboard/pages/contacts-segments.ts';

// /dashboard/segments: the builder over the same SegmentService as /v1/segments. Its rows become
// the rules document in src/dashboard/segment-form.ts; counting and saving are the service's
// preview and create (one rule check, one compiler). /dashboard/segments/count is what the
// builder's script asks while the rules change: the session's account only.

const EMPTY_ROW: SegmentRow = { field: 'attribute', key: '', op: 'eq', value: '' };

function rowsOf(request: FastifyRequest): SegmentRow[] {
  const fields = formValues(request, 'field');
  const keys = formValues(request, 'key');
  const ops = formValues(request, 'op');
  const values = formValues(request, 'value');
  return fields.slice(0, MAX_SEGMENT_ROWS).map((field, i) => ({ field, key: keys[i] ?? '', op: ops[i] ?? 'eq', value: values[i] ?? '' }));
}

export function segmentsRoutes({ page, services }: DashboardKit): void {
  const { segments, lists } = services.contacts;

  const render = async ({ user, csrf }: Signed, view: Omit<BuilderView, 'lists'>, cursor?: string, p?: Parameters<typeof segmentsPage>[4]): Promise<string> => {
    const [listed, known] = await Promise.all([segments.list(user.accountId, 50, cursor), lists.list(user.accountId, 200)]);
    return segmentsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, { ...view, lists: known.data }, p);
  };

  page('/dashboard/segments', 'read-only', async (request, signed, reply) => {
    const cursor = (request.query as Record<string, string | undefined>).cursor;
    try {
      return await render(signed, { rows: [EMPTY_ROW], match: 'all', name: '' }, cursor);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return render(signed, { rows: [EMPTY_ROW], match: 'all', name: '' }, undefined, p);
    }
  });

  // Counting, adding and removing rows change nothing, so read-only users may post them (the
  // builder without JavaScript); saving is the member role's.
  page('/dashboard/segments', 'read-only', async (request, signed, reply) => {
    const form = formOf(request);
    if (form.action === 'save' && !allows(signed.user.role, 'member')) {
      reply.code(403);
      return refusalPage({ title: '', user: signed.user, csrf: signed.csrf }, 'PORM_DASHBOARD_FORBIDDEN', errorRegistry.PORM_DASHBOARD_FORBIDDEN.title);
    }
    let rows = rowsOf(request);
    const match = form.match === 'any' ? 'any' : 'all';
    const name = form.name ?? '';
    const remove = Number(form.remove);
    if (form.remove !== undefined && Number.isInteger(remove)) {
      rows = rows.filter((_r, i) => i !== remove);
      return render(signed, { rows: rows.length > 0 ? rows : [EMPTY_ROW], match, name });
    }
    if (form.action === 'add') return render(signed, { rows: rows.length < MAX_SEGMENT_ROWS ? [...rows, EMPTY_ROW] : rows, match, name });
    try {
      const rule = ruleOf(rows, match);
      if (form.action === 'save') {
        const saved = await segments.create(signed.user.accountId, { name, rule });
        await reply.redirect(`/dashboard/segments/${saved.id}`, 303);
        return undefined;
      }
      return await render(signed, { rows, match, name, count: await segments.preview(signed.user.accountId, rule) });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return render(signed, { rows: rows.length > 0 ? rows : [EMPTY_ROW], match, name }, undefined, p);
    }
  }, 'POST');

  // The live count: JSON in ({csrf, rule}), JSON out ({count} or the rule's error with its pointer).
  page('/dashboard/segments/count', 'read-only', async (request, { user }, reply) => {
    const body = request.body as { rule?: unknown } | null;
    try {
      const { count } = await segments.preview(user.accountId, body?.rule);
      await reply.send({ count });
    } catch (err) {
      const p = problem(err);
      await reply.code(p.status).send({ code: p.code, message: p.message, ...(p.field ? { field: p.field } : {}) });
    }
    return undefined;
  }, 'POST');

  page('/dashboard/segments/:id', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const segment = await segments.get(signed.user.accountId, id);
      const { count } = await segments.preview(signed.user.accountId, segment.rule);
      return segmentPage({ title: '', user: signed.user, csrf: signed.csrf }, segment, count);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return render(signed, { rows: [EMPTY_ROW], match: 'all', name: '' }, undefined, p);
    }
  });
}
