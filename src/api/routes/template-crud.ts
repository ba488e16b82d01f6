import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { TemplateService, TemplateSummary } from '../../rich/templates/template-service.ts';
import type { RichStats } from '../../rich/analytics/rich-stats.ts';
import type { DeviceContext } from '../../rich/bound/model.ts';
import { previewTemplate } from '../../rich/preview/preview.ts';
import { accountOf } from '../auth.ts';
import { FreeObject, PageQuery, errorResponses } from '../schemas/common.ts';
import { FormAnswerPage, MessageStats, RichEventPage, TemplatePage, TemplatePreview, TemplateRevised, TemplateRevision, TemplateStats, TemplateWithRevisions } from '../schemas/template-schemas.ts';

// Template documents that fail validation or binding answer 422 (docs/errors.md).
const templateErrors = { ...errorResponses, 422: { $ref: 'Problem#' } } as const;

export const TemplateBody = Type.Object({
  document: FreeObject,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'What changed in this revision' })),
}, { additionalProperties: false });

const PreviewBody = Type.Object({
  data: Type.Optional(FreeObject),
  revision: Type.Optional(Type.Integer({ minimum: 1 })),
  device: Type.Optional(FreeObject),
}, { additionalProperties: false });

const InlinePreviewBody = Type.Object({ template: FreeObject, data: Type.Optional(FreeObject), device: Type.Optional(FreeObject) }, { additionalProperties: false });

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const RevisionParams = Type.Object({ id: Type.String({ maxLength: 64 }), revision: Type.Integer({ minimum: 1 }) });

function summaryResource(t: TemplateSummary) {
  return { id: t.id, object: 'template' as const, name: t.name, latest_revision: t.latestRevision, created_at: new Date(t.createdAt).toISOString(), updated_at: new Date(t.updatedAt).toISOString() };
}

/** Only the device vocabulary's keys, with the right types: a preview cannot smuggle anything else into the renderer. */
export function deviceOf(raw: Record<string, unknown> | undefined): DeviceContext | undefined {
  if (!raw) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ['locale', 'language', 'local_time', 'time_of_day', 'country', 'region']) if (typeof raw[k] === 'string') out[k] = (raw[k] as string).slice(0, 35);
  for (const k of ['weekday', 'screen_width']) if (typeof raw[k] === 'number' && Number.isFinite(raw[k])) out[k] = raw[k];
  for (const k of ['dark_mode', 'location_granted']) if (typeof raw[k] === 'boolean') out[k] = raw[k];
  if (typeof raw.capability === 'object' && raw.capability !== null) {
    out.capability = Object.fromEntries(Object.entries(raw.capability).filter(([k, v]) => /^[a-z]{1,20}$/.test(k) && typeof v === 'boolean'));
  }
  return out as DeviceContext;
}

/** /v1/templates: create, list, read, revise, preview; engagement per template and per message. */
/** What previews need from the server: its clock and its public base URL (known once it listens). */
export interface PreviewContext {
  now: () => number;
  baseUrl: () => string;
}

export function templateCrudRoutes(templates: TemplateService, stats: RichStats, context: PreviewContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['templates'];

    app.post('/v1/templates', { schema: { summary: 'Create a rich-message template (revision 1)', tags, body: TemplateBody, response: { 201: TemplateRevised, ...templateErrors } } }, async (request, reply) => {
      const t = await templates.create(accountOf(request), request.body);
      return reply.code(201).header('location', `/v1/templates/${t.id}`).send({ ...summaryResource(t), revision: t.revision.revision, document: t.revision.document });
    });

    app.get('/v1/templates', { schema: { summary: 'List templates', tags, querystring: Type.Object(PageQuery), response: { 200: TemplatePage, ...errorResponses } } }, async (request) => {
      const page = await templates.list(accountOf(request), { limit: request.query.limit ?? 50, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) });
      return { object: 'list' as const, data: page.data.map(summaryResource), next_cursor: page.nextCursor };
    });

    app.get('/v1/templates/:id', { schema: { summary: 'Get a template: its latest document and every revision', tags, params: IdParams, response: { 200: TemplateWithRevisions, ...errorResponses } } }, async (request) => {
      const account = accountOf(request);
      const rev = await templates.revision(account, request.params.id, null);
      const t = await templates.get(account, request.params.id);
      const revisions = await templates.revisions(account, request.params.id);
      return {
        ...summaryResource(t), document: rev.document,
        revisions: revisions.map((r) => ({ revision: r.revision, note: r.note, created_at: new Date(r.createdAt).toISOString() })),
      };
    });

    app.patch('/v1/templates/:id', { schema: { summary: 'Revise a template: every message that follows it shows the new revision at its next open', tags, params: IdParams, body: TemplateBody, response: { 200: TemplateRevised, ...templateErrors } } }, async (request) => {
      const t = await templates.revise(accountOf(request), request.params.id, request.body);
      return { ...summaryResource(t), revision: t.revision.revision, document: t.revision.document };
    });

    app.get('/v1/templates/:id/revisions/:revision', { schema: { summary: 'Get one revision of a template', tags, params: RevisionParams, response: { 200: TemplateRevision, ...errorResponses } } }, async (request) => {
      const rev = await templates.revision(accountOf(request), request.params.id, request.params.revision);
      return { object: 'template_revision' as const, template_id: rev.templateId, revision: rev.revision, note: rev.note, created_at: new Date(rev.createdAt).toISOString(), document: rev.document };
    });

    app.post('/v1/templates/:id/preview', { schema: { summary: 'Render the porm page, MMS slides and SMS text of a template with sample or given data', tags, params: IdParams, body: PreviewBody, response: { 200: TemplatePreview, ...templateErrors } } }, async (request) => {
      const account = accountOf(request);
      const t = await templates.get(account, request.params.id);
      const revision = request.body.revision ?? t.latestRevision;
      await templates.revision(account, t.id, revision);
      const compiled = await templates.compiledRevision(t.id, revision);
      const device = deviceOf(request.body.device as Record<string, unknown> | undefined);
      return previewTemplate(compiled, { revision, now: context.now(), baseUrl: context.baseUrl(), ...(request.body.data ? { data: request.body.data as Record<string, unknown> } : {}), ...(device ? { device } : {}) });
    });

    app.post('/v1/templates/preview', { schema: { summary: 'Preview an inline template document without saving it', tags, body: InlinePreviewBody, response: { 200: TemplatePreview, ...templateErrors } } }, async (request) => {
      const doc = templates.validate(request.body.template, '/template');
      const device = deviceOf(request.body.device as Record<string, unknown> | undefined);
      return previewTemplate(templates.compile(doc), { revision: 0, now: context.now(), baseUrl: context.baseUrl(), ...(request.body.data ? { data: request.body.data as Record<string, unknown> } : {}), ...(device ? { device } : {}) });
    });

    app.get('/v1/templates/:id/stats', { schema: { summary: 'Engagement: opens, render success, clicks per action, submissions', tags, params: IdParams, response: { 200: TemplateStats, ...errorResponses } } }, async (request) =>
      ({ object: 'engagement_stats' as const, template_id: request.params.id, ...await stats.forTemplate(accountOf(request), request.params.id) }));

    app.get('/v1/templates/:id/answers', { schema: { summary: 'Form answers to a template, newest first', tags, params: IdParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }), response: { 200: FormAnswerPage, ...errorResponses } } }, async (request) => {
      const account = accountOf(request);
      await templates.get(account, request.params.id);
      return { object: 'list' as const, data: await stats.templateAnswers(account, request.params.id, request.query.limit ?? 100), next_cursor: null };
    });

    app.get('/v1/messages/:id/interactions', { schema: { summary: 'What the recipient did with a rich message: opens (with the revision seen), renders, clicks, answers', tags: ['messages'], params: IdParams, response: { 200: RichEventPage, ...errorResponses } } }, async (request) =>
      ({ object: 'list' as const, data: await stats.messageEvents(accountOf(request), request.params.id), next_cursor: null }));

    app.get('/v1/messages/:id/answers', { schema: { summary: 'Form answers given on a rich message', tags: ['messages'], params: IdParams, response: { 200: FormAnswerPage, ...errorResponses } } }, async (request) =>
      ({ object: 'list' as const, data: await stats.messageAnswers(accountOf(request), request.params.id), next_cursor: null }));

    app.get('/v1/messages/:id/stats', { schema: { summary: 'Engagement with one rich message', tags: ['messages'], params: IdParams, response: { 200: MessageStats, ...errorResponses } } }, async (request) =>
      ({ object: 'engagement_stats' as const, message_id: request.params.id, ...await stats.forMessage(accountOf(request), request.params.id) }));
  };
}
