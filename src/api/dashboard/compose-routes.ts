import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { DashboardKit, Signed } from './kit.ts';
import { problem as kitProblem } from './kit.ts';
import { composeFormReader, uploadOf } from './compose-form.ts';
import { composeCampaign, composeFieldOf } from './compose-campaign.ts';
import { PormError, type FieldError } from '../../errors.ts';
import { isMediaError } from '../../media/errors.ts';
import type { Services } from '../../services.ts';
import type { SendCommand } from '../../messages/commands.ts';
import { normalizePhone, validateSend } from '../../messages/validate.ts';
import { requestHash } from '../v1/request-hash.ts';
import { compileBody, mergeData } from '../../campaigns/personalise.ts';
import { localSendAt, parseLocalDateTime } from '../../campaigns/local-schedule.ts';
import { contactTimeZone } from '../../contacts/contact-zone.ts';
import { fitPreview, type ProfileFit } from '../../dashboard/compose-fit.ts';
import { composePage, sentPage, type AttachedMedia, type ComposeChoices, type ComposeValues, type FieldProblem, type SentRow } from '../../dashboard/pages/compose.ts';

// /dashboard/compose (members): a message to one or more numbers, from the account's numbers or
// messaging services, with text and merge fields, uploaded media and a fitting preview, or a rich
// template with its data, now or at a time. Everything goes through the API's services: media
// through MediaService, sending through SendService (its validation, ownership and compliance
// checks), fitting through the pipeline's MessageFitter. To a list or a segment, the form becomes a
// one-off campaign (compose-campaign.ts), so campaigns' compliance, fan-out and no-duplicates hold.

const PATH = '/dashboard/compose';
const MAX_RECIPIENTS = 50;

type Fields = Record<string, string | string[] | undefined>;
const first = (f: Fields, name: string): string => { const v = f[name]; return (Array.isArray(v) ? v[0] : v) ?? ''; };
const all = (f: Fields, name: string): string[] => { const v = f[name]; return v === undefined ? [] : Array.isArray(v) ? v : [v]; };
const newKey = (): string => randomBytes(18).toString('base64url');

/** A command field's pointer (or the error's code, when it names none) as the form field showing it. */
function fieldOf(pointer: string | undefined, code: string, typedFrom: boolean): string {
  const head = pointer?.split('/')[1];
  if (head === 'to') return 'to';
  if (head === 'from') return typedFrom ? 'from' : 'sender';
  if (head === 'messagingServiceId' || code.startsWith('PORM_MESSAGING_SERVICE') || code === 'PORM_SENDER_NOT_OWNED') return typedFrom ? 'from' : 'sender';
  if (head === 'body' || head === 'subject' || head === 'trackLinks') return 'body';
  if (head === 'media' || code.startsWith('PORM_MEDIA') || code === 'PORM_INVALID_MEDIA_REFERENCE' || code === 'PORM_INVALID_MULTIPART') return 'file';
  if (head === 'sendAt' || code === 'PORM_INVALID_SEND_AT') return 'send_at';
  if (head === 'data' || code.startsWith('PORM_RICH_DATA')) return 'data';
  if (head === 'template' || head === 'templateRevision' || head === 'channel' || code.startsWith('PORM_RICH_TEMPLATE')) return 'template';
  return '';
}

/** Any error a send or an upload can throw, as the page shows it; bugs are rethrown. */
function problemOf(err: unknown, typedFrom: boolean): FieldProblem & { status: number } {
  if (isMediaError(err)) return { field: 'file', code: err.code, message: err.message, status: err.status };
  const p = kitProblem(err);
  const field = err instanceof PormError ? err.fields[0]?.field : undefined;
  return { field: fieldOf(field, p.code, typedFrom), code: p.code, message: p.message, status: p.status };
}

async function choicesOf(services: Services, accountId: string): Promise<ComposeChoices> {
  const [numbers, pools, templates, lists, segments] = await Promise.all([
    services.numbers.list(accountId, 100), services.messagingServices.list(accountId, 100), services.rich.templates.list(accountId, { limit: 100 }),
    services.contacts.lists.list(accountId, 200), services.contacts.segments.list(accountId, 200),
  ]);
  return {
    lists: lists.data.map((l) => ({ id: l.id, name: l.name, members: l.memberCount })), segments: segments.data.map((g) => ({ id: g.id, name: g.name })),
    numbers: numbers.data.map((n) => n.number), services: pools.data.map((s) => ({ id: s.id, name: s.name })),
    templates: templates.data.filter((t) => !t.inline).map((t) => ({ id: t.id, name: t.name })), maxUploadBytes: services.config.media.maxUploadBytes,
  };
}

function valuesOf(f: Fields, choices: ComposeChoices): ComposeValues {
  const key = first(f, 'key');
  const sender = first(f, 'sender');
  const audience = first(f, 'audience');
  return {
    audience: audience === 'list' || audience === 'segment' ? audience : 'numbers', list: first(f, 'list').slice(0, 64), segment: first(f, 'segment').slice(0, 64),
    category: first(f, 'category') === 'transactional' ? 'transactional' : 'marketing',
    to: first(f, 'to').slice(0, 2000), sender: sender === '' || choices.numbers.includes(sender) || choices.services.some((s) => s.id === sender) ? sender : '',
    from: first(f, 'from').slice(0, 32), body: first(f, 'body').slice(0, 4000), template: first(f, 'template').slice(0, 64), data: first(f, 'data').slice(0, 32_000),
    sendAt: first(f, 'send_at').slice(0, 32), sendZone: first(f, 'send_zone') === 'recipient' ? 'recipient' : 'utc',
    key: /^[A-Za-z0-9_-]{16,64}$/.test(key) ? key : newKey(), media: [],
  };
}

function emptyValues(choices: ComposeChoices): ComposeValues {
  return { audience: 'numbers', list: '', segment: '', category: 'marketing', to: '', sender: choices.numbers[0] ?? '', from: '', body: '', template: '', data: '', sendAt: '', sendZone: 'utc', key: newKey(), media: [] };
}

/** The send_at of one recipient's command: the form's wall time in UTC or in the recipient's zone (as campaigns' send_at_local reads it). */
async function sendAtFor(services: Services, accountId: string, values: ComposeValues, to: string): Promise<string | undefined> {
  if (values.sendAt === '') return undefined;
  const withSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(values.sendAt) ? `${values.sendAt}:00` : values.sendAt;
  const wall = parseLocalDateTime(withSeconds);
  // Not a date-time: SendService says so, with its code and an example.
  if (wall === undefined) return values.sendAt;
  if (values.sendZone === 'utc') return new Date(wall).toISOString();
  const phone = normalizePhone(to);
  if (!phone) return new Date(wall).toISOString();
  return new Date(await localSendAt(wall, phone, await contactTimeZone(services.store.db, accountId, phone), 'UTC')).toISOString();
}

/** The recipient's data for the body's merge fields: their contact, when the account has one. */
async function mergeFor(services: Services, accountId: string, to: string): Promise<Record<string, unknown>> {
  const phone = normalizePhone(to);
  if (!phone) return { contact: { phone: to } };
  try {
    return mergeData(await services.contacts.contacts.get(accountId, phone));
  } catch (err) {
    if (err instanceof PormError && err.code === 'PORM_CONTACT_NOT_FOUND') return { contact: { phone } };
    throw err;
  }
}

function templateData(values: ComposeValues): Record<string, unknown> | undefined {
  if (values.data.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(values.data);
  } catch (err) {
    throw new PormError('PORM_INVALID_JSON', `template data: ${(err as Error).message}`, [{ field: '/data', code: 'PORM_INVALID_JSON', message: 'not valid JSON' }]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PormError('PORM_INVALID_FIELD', 'template data must be a JSON object', [{ field: '/data', code: 'PORM_INVALID_FIELD', message: 'must be a JSON object' }]);
  return parsed as Record<string, unknown>;
}

/** The send commands of the form, one per recipient, each checked by the send path's own validateSend before anything is sent. */
async function commandsOf(services: Services, accountId: string, values: ComposeValues): Promise<SendCommand[]> {
  const recipients = [...new Set(values.to.split(/[\s,;]+/).filter((t) => t !== ''))];
  if (recipients.length === 0) throw new PormError('PORM_MISSING_FIELD', 'add at least one recipient', [{ field: '/to', code: 'PORM_MISSING_FIELD', message: 'add at least one recipient' }]);
  if (recipients.length > MAX_RECIPIENTS) throw new PormError('PORM_INVALID_FIELD', `at most ${MAX_RECIPIENTS} numbers; send to more with a campaign`, [{ field: '/to', code: 'PORM_INVALID_FIELD', message: `at most ${MAX_RECIPIENTS} numbers` }]);
  const pooled = values.sender.startsWith('mgs_');
  const from = pooled ? '' : values.sender !== '' ? values.sender : values.from.trim();
  const data = values.template !== '' ? templateData(values) : undefined;
  const merged = values.template === '' && values.body.includes('{{') ? compileBody(values.body) : null;
  const now = services.clock.now();
  const commands: SendCommand[] = [];
  for (const [i, to] of recipients.entries()) {
    const sendAt = await sendAtFor(services, accountId, values, to);
    const body = merged ? merged.render(await mergeFor(services, accountId, to)).text : values.body;
    const fields: Omit<SendCommand, 'idempotency'> = {
      accountId, to, from,
      ...(values.template === '' || body !== '' ? { body } : {}),
      ...(values.media.length > 0 ? { media: values.media.map((m) => ({ id: m.id })) } : {}),
      ...(pooled ? { messagingServiceId: values.sender } : {}),
      ...(values.template !== '' ? { template: values.template } : {}),
      ...(data !== undefined ? { data } : {}),
      ...(sendAt !== undefined ? { sendAt } : {}),
    };
    const { errors } = validateSend(fields, now);
    if (errors.length > 0) throw new PormError(errors[0]!.code, recipients.length > 1 ? `${to}: ${errors[0]!.message}` : errors[0]!.message, errors as FieldError[]);
    // The form's key makes a second click, a reload or a resend after a lost answer send nothing new.
    commands.push({ ...fields, idempotency: { key: `dashboard:${values.key}:${i}`, requestHash: requestHash(fields) } });
  }
  return commands;
}

/** The attached media still kept, each the account's own (another account's id is PORM_MEDIA_NOT_FOUND), then the new upload. */
async function attachments(services: Services, accountId: string, request: FastifyRequest, f: Fields): Promise<AttachedMedia[]> {
  const removed = new Set(all(f, 'remove'));
  const ids = [...new Set(all(f, 'media'))].filter((id) => !removed.has(id)).slice(0, 10);
  const objects = await Promise.all(ids.map(async (id) => {
    try {
      return await services.media.get(accountId, id.slice(0, 64));
    } catch (err) {
      if (err instanceof PormError) throw new PormError(err.code, `attached media ${id.slice(0, 64)} is not in this account`, [{ field: '/media', code: err.code, message: 'not in this account' }]);
      throw err;
    }
  }));
  const upload = uploadOf(request);
  if (upload && 'problem' in upload) throw upload.problem;
  if (upload) objects.push(await services.media.upload(accountId, upload.upload));
  return objects.map((m) => ({ id: m.id, filename: m.filename, contentType: m.contentType, size: m.size, url: relative(services.mediaUrls.urlFor(m.sha256)) }));
}

/** A URL of this server as a path, so the page's img-src 'self' holds whatever publicUrl says. */
function relative(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

export function composeRoutes({ app, page, services }: DashboardKit): void {
  composeFormReader(app, services, PATH);
  const frame = ({ user, csrf }: Signed) => ({ title: 'Compose', user, csrf });

  page(PATH, 'member', async (_request, signed) => {
    const choices = await choicesOf(services, signed.user.accountId);
    return composePage(frame(signed), choices, emptyValues(choices), []);
  }, 'GET');

  page(PATH, 'member', async (request, signed, reply) => {
    const accountId = signed.user.accountId;
    const f = (request.body ?? {}) as Fields;
    const choices = await choicesOf(services, accountId);
    const values = valuesOf(f, choices);
    const typedFrom = values.sender === '';
    let fits: ProfileFit[] = [];
    const again = async (err: unknown): Promise<string> => {
      const p = problemOf(err, typedFrom);
      reply.code(p.status);
      return composePage(frame(signed), choices, values, fits, p);
    };
    try {
      values.media = await attachments(services, accountId, request, f);
    } catch (err) {
      return again(err);
    }
    if (first(f, 'action') !== 'send') {
      try {
        fits = await fitPreview(services, accountId, values.body, values.media.map((m) => ({ kind: 'id' as const, id: m.id })));
      } catch (err) {
        return again(err);
      }
      return composePage(frame(signed), choices, values, fits);
    }
    if (values.audience !== 'numbers') {
      // A list or a segment: a one-off campaign, started now or at its time; its page shows the fan-out live.
      try {
        const campaign = await composeCampaign(services, accountId, values);
        await reply.redirect(`/dashboard/campaigns/${campaign.id}`, 303);
        return undefined;
      } catch (err) {
        if (!(err instanceof PormError)) throw err;
        const field = composeFieldOf(err.fields[0]?.field, err.code, typedFrom);
        reply.code(err.status);
        return composePage(frame(signed), choices, values, fits, { field, code: err.code, message: err.fields[0]?.message ?? err.message });
      }
    }
    let commands: SendCommand[];
    try {
      commands = await commandsOf(services, accountId, values);
    } catch (err) {
      return again(err);
    }
    const rows: SentRow[] = [];
    for (const command of commands) {
      try {
        rows.push({ to: command.to, id: (await services.send.send(command)).message.id });
      } catch (err) {
        // Nothing sent yet: the form comes back with the error by its field.
        if (rows.length === 0) return again(err);
        const p = problemOf(err, typedFrom);
        rows.push({ to: command.to, problem: p });
      }
    }
    if (rows.length === 1 && rows[0]!.id) {
      await reply.redirect(`/dashboard/messages/${rows[0]!.id}`, 303);
      return undefined;
    }
    return sentPage(frame(signed), rows);
  }, 'POST');

  // What the message page's live-status script polls: the status and the timeline, for this account only.
  page('/dashboard/messages/:id/live', 'read-only', async (request, signed, reply) => {
    const { id } = request.params as { id: string };
    try {
      const m = await services.messages.get(signed.user.accountId, id.slice(0, 64));
      await reply.type('application/json; charset=utf-8').send({ status: m.status, error_code: m.errorCode, events: m.events.map((e) => ({ seq: e.seq, type: e.type, at: new Date(e.at).toISOString() })) });
    } catch (err) {
      const p = kitProblem(err);
      await reply.code(p.status).type('application/json; charset=utf-8').send({ code: p.code });
    }
    return undefined;
  });
}
