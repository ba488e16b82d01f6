import type { FastifyReply } from 'fastify';
import type { DashboardKit, Form, Signed } from './kit.ts';
import { formOf, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import { allows } from '../../dashboard/roles.ts';
import { themeCss } from '../../rich/render/index.ts';
import { previewTemplate } from '../../rich/preview/preview.ts';
import { checkTemplateText, dataWarnings, deviceContext, deviceSettings, parseSampleData, saveBody, type DeviceSettings, type Issue } from '../../dashboard/template-form.ts';
import { prettyDocument, revisionDiff } from '../../dashboard/template-diff.ts';
import { editorPage, feedbackFragment, type EditorView, type Feedback } from '../../dashboard/pages/templates-editor.ts';
import { engagementPage, templateProblemPage, templatesPage } from '../../dashboard/pages/templates.ts';
import { revisionsPage } from '../../dashboard/pages/templates-revisions.ts';

// /dashboard/templates: the list, the editor with its checks and live preview, revisions and
// their diffs, engagement. Saving goes through TemplateService (the validator POST /v1/templates
// uses) and the API's body schema; previews through previewTemplate, as POST /v1/templates/preview.

/** What a new template starts from: the smallest useful document, so the preview shows something at once. */
const STARTER = {
  version: 1, name: 'new-template',
  theme: { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'system', cornerRadius: 12 },
  data: { first_name: { type: 'string', example: 'Ada', missing: 'default', default: 'there' } },
  components: [{ type: 'heading', text: 'Hello {{ first_name }}', level: 1 }, { type: 'text', text: 'Write your message here.' }],
};

const intOf = (v: string | undefined): number | null => (v !== undefined && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : null);

export function templatesRoutes({ app, page, services }: DashboardKit): void {
  const { templates, stats } = services.rich;
  const now = () => services.clock.now();

  async function feedbackFor(text: string, form: Form, revision: number): Promise<{ feedback: Feedback; device: DeviceSettings }> {
    const checked = checkTemplateText(text, templates);
    const sample = parseSampleData(form.data ?? '');
    const { settings, issues } = deviceSettings(form);
    const inputIssues = [...(sample.issue ? [sample.issue] : []), ...issues];
    let preview: Feedback['preview'] = null;
    let previewProblem: Feedback['previewProblem'] = null;
    if (checked.document && !sample.issue) {
      try {
        preview = await previewTemplate(templates.compile(checked.document), {
          revision, now: now(), baseUrl: services.publicUrl.value, device: deviceContext(settings, now()), ...(sample.data ? { data: sample.data } : {}),
        });
      } catch (err) {
        previewProblem = problem(err);
      }
    }
    const warned = preview ? dataWarnings(preview.warnings, sample.data ? form.data ?? '' : null) : [];
    return { feedback: { errors: checked.errors, warnings: checked.warnings, inputIssues, preview, dataWarnings: warned, previewProblem }, device: settings };
  }

  const frameOf = (signed: Signed, title = 'Templates') => ({ title, user: signed.user, csrf: signed.csrf });

  /** The editor for what was posted (a failed save, or the Preview button without script). */
  async function postedEditor(form: Form, signed: Signed, id: string | null, latest: number | null, extra: Issue[] = [], saveProblem?: { message: string; code: string }, base = intOf(form.base_revision)): Promise<string> {
    const text = form.document ?? '';
    const { feedback, device } = await feedbackFor(text, form, latest ?? 0);
    const view: EditorView = {
      id, name: form.name ?? '', note: form.note ?? '', text, dataText: form.data ?? '', device, latestRevision: latest, baseRevision: base,
      canSave: allows(signed.user.role, 'member'), feedback: { ...feedback, inputIssues: [...extra, ...feedback.inputIssues] }, problem: saveProblem,
    };
    return editorPage(frameOf(signed), view);
  }

  /** Creates or revises from the form; on any problem the editor comes back with it, the text kept. */
  async function save(form: Form, signed: Signed, reply: FastifyReply, id: string | null): Promise<string | undefined> {
    const account = signed.user.accountId;
    const current = id === null ? null : await templates.get(account, id);
    const text = form.document ?? '';
    const checked = checkTemplateText(text, templates);
    const body = saveBody(checked.parsed, form.name ?? '', form.note ?? '');
    const refuse = async (status: number, p: { message: string; code: string }, extra: Issue[] = [], base?: number) => {
      reply.code(status);
      return postedEditor(form, signed, id, current?.latestRevision ?? null, extra, p, base);
    };
    const first = checked.errors[0];
    if (first) {
      const code = first.code === 'PORM_INVALID_JSON' ? 'PORM_INVALID_JSON' : 'PORM_RICH_TEMPLATE_INVALID';
      return refuse(code === 'PORM_INVALID_JSON' ? 400 : 422, { message: `Not saved: ${checked.errors.length} error${checked.errors.length === 1 ? '' : 's'} in the document (listed under Checks).`, code });
    }
    if (body.errors.length > 0) return refuse(400, { message: `Not saved: ${body.errors[0]!.message}`, code: body.errors[0]!.code }, body.errors);
    try {
      const expected = intOf(form.base_revision);
      const saved = id === null ? await templates.create(account, body.body) : await templates.revise(account, id, { ...body.body, ...(expected !== null ? { expectedRevision: expected } : {}) });
      await reply.redirect(`/dashboard/templates/${saved.id}?saved=${saved.revision.revision}`, 303);
      return undefined;
    } catch (err) {
      const p = problem(err);
      if (p.code === 'PORM_RICH_TEMPLATE_CHANGED' && id !== null) {
        // The next Save replaces the newer revision on purpose: the form now starts from it.
        const latest = (await templates.get(account, id)).latestRevision;
        return refuse(p.status, { code: p.code, message: `Not saved: revision ${latest} was saved while you edited (see Revisions). Your text is kept; Save again to make it revision ${latest + 1}.` }, [], latest);
      }
      return refuse(p.status, p);
    }
  }

  async function notFound(reply: FastifyReply, signed: Signed, err: unknown): Promise<string> {
    const p = problem(err);
    reply.code(p.status);
    return templateProblemPage(frameOf(signed), p);
  }

  page('/dashboard/templates', 'read-only', async (request, signed, reply) => {
    const { cursor } = request.query as { cursor?: string };
    const canCreate = allows(signed.user.role, 'member');
    try {
      const list = await templates.list(signed.user.accountId, { limit: 50, ...(cursor ? { cursor } : {}) });
      const totals = await stats.totalsByTemplate(signed.user.accountId, list.data.map((t) => t.id));
      const rows = list.data.map((t) => ({ ...t, ...(totals.get(t.id) ?? { renders: 0, clicks: 0 }) }));
      return templatesPage(frameOf(signed), { rows, nextCursor: list.nextCursor, canCreate });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return templatesPage(frameOf(signed), { rows: [], nextCursor: null, canCreate }, p);
    }
  });

  page('/dashboard/templates/new', 'member', async (request, signed) => {
    const text = prettyDocument(STARTER);
    const { feedback, device } = await feedbackFor(text, {}, 0);
    return editorPage(frameOf(signed), { id: null, name: '', note: '', text, dataText: '', device, latestRevision: null, baseRevision: null, canSave: true, feedback });
  });
  page('/dashboard/templates/new', 'member', async (request, signed, reply) => save(formOf(request), signed, reply, null), 'POST');

  // The Preview button (without script: the whole editor again) and the live preview's fragment.
  page('/dashboard/templates/preview', 'read-only', async (request, signed, reply) => {
    const form = formOf(request);
    const id = form.template_id ? form.template_id.slice(0, 64) : null;
    let latest: number | null = null;
    if (id !== null) {
      try {
        latest = (await templates.get(signed.user.accountId, id)).latestRevision;
      } catch (err) {
        return notFound(reply, signed, err);
      }
    }
    if (form.fragment === '1') {
      const { feedback, device } = await feedbackFor(form.document ?? '', form, latest ?? 0);
      return feedbackFragment(feedback, device).value;
    }
    return postedEditor(form, signed, id, latest);
  }, 'POST');

  page('/dashboard/templates/:id', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    const q = request.query as { saved?: string; revision?: string };
    try {
      const t = await templates.get(signed.user.accountId, id);
      const asked = intOf(q.revision);
      if (q.revision !== undefined && asked === null) throw new PormError('PORM_RICH_REVISION_NOT_FOUND', 'revision must be a revision number');
      const rev = await templates.revision(signed.user.accountId, id, asked);
      const text = prettyDocument(rev.document);
      const { feedback, device } = await feedbackFor(text, {}, rev.revision);
      const saved = intOf(q.saved);
      return editorPage(frameOf(signed), {
        id, name: t.name, note: '', text, dataText: '', device, latestRevision: t.latestRevision, baseRevision: t.latestRevision, canSave: allows(signed.user.role, 'member'), feedback,
        ...(saved !== null && saved <= t.latestRevision ? { saved } : {}), ...(rev.revision !== t.latestRevision ? { openedRevision: rev.revision } : {}),
      });
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });
  page('/dashboard/templates/:id', 'member', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      return await save(formOf(request), signed, reply, id);
    } catch (err) {
      return notFound(reply, signed, err);
    }
  }, 'POST');

  page('/dashboard/templates/:id/revisions', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    const q = request.query as { from?: string; to?: string };
    const account = signed.user.accountId;
    let template;
    try {
      template = await templates.get(account, id);
    } catch (err) {
      return notFound(reply, signed, err);
    }
    const revisions = await templates.revisions(account, id);
    const to = intOf(q.to) ?? template.latestRevision;
    const from = intOf(q.from) ?? Math.max(1, to - 1);
    const view = { template, revisions, from, to, diff: null };
    if ((q.from !== undefined && intOf(q.from) === null) || (q.to !== undefined && intOf(q.to) === null)) {
      reply.code(400);
      return revisionsPage(frameOf(signed), view, { message: 'from and to are revision numbers', code: 'PORM_INVALID_FIELD' });
    }
    if (template.latestRevision < 2 && q.from === undefined) return revisionsPage(frameOf(signed), view);
    try {
      const [a, b] = await Promise.all([templates.revision(account, id, from), templates.revision(account, id, to)]);
      return revisionsPage(frameOf(signed), { ...view, diff: revisionDiff(a.document, b.document) });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return revisionsPage(frameOf(signed), view, p);
    }
  });

  page('/dashboard/templates/:id/engagement', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const t = await templates.get(signed.user.accountId, id);
      return engagementPage(frameOf(signed), t, await stats.forTemplate(signed.user.accountId, id));
    } catch (err) {
      return notFound(reply, signed, err);
    }
  });

  // The preview frame's theme: a pure function of the query (themeCss re-validates every value,
  // so nothing in the query reaches the CSS as text), public and cacheable like the other assets.
  app.get('/dashboard/assets/rich-theme.css', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const radius = Number(q.r);
    const css = themeCss({
      primaryColor: q.p ?? '', backgroundColor: q.b ?? '', textColor: q.t ?? '', accentColor: q.a ?? '', onPrimaryColor: q.o ?? '', font: q.f ?? '', cornerRadius: Number.isFinite(radius) ? radius : 12,
    });
    return reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(css);
  });
}

