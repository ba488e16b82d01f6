import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { InboundService } from '../../inbound/inbound-service.ts';
import { safeRequest, isOutboundError, type OutboundPolicy } from '../../net/index.ts';
import { standardDialect } from '../../webhooks/dialects/standard/index.ts';
import { subscribes } from '../../webhooks/event-types.ts';
import type { EndpointCache } from '../../webhooks/endpoint-cache.ts';
import type { ContactDirectory } from '../contacts/contact-capabilities.ts';
import { renderProof } from '../contacts/render-proof.ts';
import { MAX_ANSWERS_BYTES, validateAnswers, type Answer, type RawAnswers } from '../forms/validate-answers.ts';
import { findAction, findForm } from './lookup.ts';
import type { PageService, PageView } from './page-service.ts';

export interface DeviceReport {
  kind: 'render' | 'click';
  ok?: boolean;
  durationMs?: number;
  revision?: number;
  actionId?: string;
  error?: string;
  capabilities?: Record<string, boolean>;
  screenWidth?: number;
  locale?: string;
  /** navigator.webdriver, as the assembler reported it. */
  webdriver?: boolean;
}

/** Device events stored per message; past it, reports are accepted and dropped (a page link is not a write quota). */
export const MAX_DEVICE_EVENTS_PER_MESSAGE = 500;
const POSTBACK_TIMEOUT_MS = 5_000;
const MAX_REPLY_CHARS = 500;
const DEFAULT_REPLY = 'Thanks, we got your answer.';

/**
 * What a recipient does on the page that reaches the sender: form answers (validated again on the
 * server, one per recipient unless the form allows more), postbacks (a signed webhook the sender
 * answers synchronously; the answer is kept, so a replayed press does not call the sender twice),
 * quick replies (stored as inbound messages) and the device's own render reports.
 */
export class PageActions {
  constructor(
    private readonly store: Store,
    private readonly pages: PageService,
    private readonly inbound: InboundService,
    private readonly contacts: ContactDirectory,
    private readonly endpoints: EndpointCache,
    private readonly outbound: OutboundPolicy,
    private readonly clock: Clock,
  ) {}

  async submitForm(token: string, formId: string, raw: RawAnswers): Promise<{ id: string; answers: Record<string, Answer> }> {
    if (Buffer.byteLength(JSON.stringify(raw)) > MAX_ANSWERS_BYTES) throw new PormError('PORM_RICH_FORM_TOO_LARGE', `answers are larger than ${MAX_ANSWERS_BYTES} bytes`);
    const view = await this.pages.view(token, true);
    const form = findForm(view.bound, formId);
    if (!form) throw new PormError('PORM_RICH_ACTION_NOT_FOUND', `no form ${formId} in this message`);
    const checked = validateAnswers(form, raw);
    if (!checked.ok) throw new PormError('PORM_RICH_FORM_INVALID', checked.errors[0]!.message, checked.errors);
    const now = this.clock.now();
    const id = newId('fsb', now);
    await this.store.write(async (tx) => {
      if (!form.multipleAnswers) {
        const prior = await tx.selectFrom('form_submissions').select('id').where('message_id', '=', view.message.id).where('form_id', '=', formId).executeTakeFirst();
        if (prior) throw new PormError('PORM_RICH_FORM_ALREADY_ANSWERED', `form ${formId} takes one answer per recipient and already has one`);
      }
      await tx.insertInto('form_submissions').values({
        id, account_id: view.message.accountId, message_id: view.message.id, template_id: view.rich.templateId, revision: view.revision,
        form_id: formId, answers_json: JSON.stringify(checked.answers), created_at: now,
      }).execute();
      await this.pages.record(view, { kind: 'submit', actionId: formId, data: { submission_id: id, form_id: formId, answers: checked.answers } }, tx);
    });
    this.pages.invalidate(token);
    return { id, answers: checked.answers };
  }

  /** Presses being sent to the sender now, by message and action: a second press waits for the first. */
  private readonly inFlight = new Map<string, Promise<{ answer: string; replayed: boolean }>>();

  async postback(token: string, actionId: string): Promise<{ answer: string; replayed: boolean }> {
    const key = `${token} ${actionId}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending.then((r) => ({ ...r, replayed: true }));
    const press = this.press(token, actionId).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, press);
    return press;
  }

  private async press(token: string, actionId: string): Promise<{ answer: string; replayed: boolean }> {
    const view = await this.pages.view(token, true);
    const action = findAction(view.bound, actionId);
    if (action?.kind !== 'postback') throw new PormError('PORM_RICH_ACTION_NOT_FOUND');
    const prior = Object.hasOwn(view.postbackAnswers, actionId) ? view.postbackAnswers[actionId] : undefined;
    if (prior !== undefined) return { answer: prior, replayed: true };
    const eventId = newId('evt', this.clock.now());
    const answer = await this.askSender(view, eventId, actionId, action.payload);
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      // Only an answered press is kept: a failed one may be tried again and reach the sender then.
      if (answer.ok) {
        const raced = await tx.selectFrom('postback_answers').select('answer').where('message_id', '=', view.message.id).where('action_id', '=', actionId).executeTakeFirst();
        if (raced) return;
        await tx.insertInto('postback_answers').values({ message_id: view.message.id, action_id: actionId, answer: answer.text, at: now }).execute();
      }
      await this.pages.record(view, { kind: 'postback', actionId, ok: answer.ok, data: { payload: action.payload, reply: answer.text, delivery: answer.delivery } }, tx);
    });
    this.pages.invalidate(token);
    // The reader sees this detail: it must not show the sender's endpoint (that stays in the event).
    if (!answer.ok) throw new PormError('PORM_RICH_POSTBACK_FAILED', answer.text);
    return { answer: answer.text, replayed: false };
  }

  async quickReply(token: string, replyId: string): Promise<void> {
    const view = await this.pages.view(token);
    const reply = view.bound.quickReplies.find((q) => q.id === replyId);
    if (!reply) throw new PormError('PORM_RICH_ACTION_NOT_FOUND');
    await this.inbound.receive({
      carrier: 'porm-page', from: view.message.to, to: view.message.from, subject: null, text: reply.payload,
      attachments: [], linkedId: view.message.id, dedupeKey: null,
      // The page belongs to one message, so its account: not whoever holds the number today.
      accountId: view.message.accountId,
    });
    await this.pages.record(view, { kind: 'quick_reply', actionId: replyId, data: { payload: reply.payload, label: reply.label } });
  }

  /** `userAgent`: the report's User-Agent header; with `report.webdriver` it decides whether the render proves the phone (render-proof.ts). */
  async device(token: string, report: DeviceReport, userAgent = ''): Promise<void> {
    const view = await this.pages.view(token);
    if (report.kind === 'click' && (!report.actionId || !findAction(view.bound, report.actionId))) throw new PormError('PORM_RICH_ACTION_NOT_FOUND');
    const count = await this.store.db.selectFrom('rich_events').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('message_id', '=', view.message.id).where('kind', 'in', ['render', 'click']).executeTakeFirst();
    if (Number(count?.n ?? 0) >= MAX_DEVICE_EVENTS_PER_MESSAGE) return;
    const now = this.clock.now();
    const proof = report.kind === 'render' && report.ok ? renderProof({ userAgent, webdriver: report.webdriver }) : null;
    await this.store.write(async (tx) => {
      await this.pages.record({ ...view, revision: report.revision ?? view.revision }, {
        kind: report.kind, actionId: report.actionId ?? null, ok: report.kind === 'render' ? report.ok ?? null : null, durationMs: report.durationMs ?? null,
        data: {
          ...(report.error ? { error: report.error } : {}), ...(report.screenWidth ? { screen_width: report.screenWidth } : {}),
          ...(report.locale ? { locale: report.locale } : {}), ...(report.capabilities ? { capabilities: report.capabilities } : {}),
          // Why a render did not teach porm the phone (a headless open, a scanner): visible in the interactions.
          ...(proof && !proof.ok ? { phone_not_learned: proof.reason, user_agent: userAgent.slice(0, 200) } : {}),
        },
      }, tx);
      if (proof?.ok) await this.contacts.learn(tx, view.message.accountId, view.message.to, report.capabilities ?? {}, now);
    });
  }

  /** Delivers the press to the sender's endpoints subscribed to rich.postback, signed; the first answer wins. */
  private async askSender(view: PageView, eventId: string, actionId: string, payload: string): Promise<{ ok: boolean; text: string; delivery: string }> {
    const endpoints = (await this.endpoints.forAccount(this.store.db, view.message.accountId)).filter((e) => subscribes(e.events, 'rich.postback'));
    if (endpoints.length === 0) return { ok: true, text: DEFAULT_REPLY, delivery: 'no endpoint subscribed to rich.postback' };
    const now = this.clock.now();
    const body = JSON.stringify({
      type: 'rich.postback', timestamp: new Date(now).toISOString(),
      data: { id: eventId, object: 'rich_event', kind: 'postback', message_id: view.message.id, to: view.message.to, from: view.message.from, template_id: view.rich.templateId, revision: view.revision, action_id: actionId, payload },
    });
    const secrets = await this.store.db.selectFrom('webhook_endpoints').select(['id', 'secret']).where('id', 'in', endpoints.map((e) => e.id)).execute();
    let last = '';
    for (const endpoint of endpoints) {
      const secret = secrets.find((s) => s.id === endpoint.id)?.secret;
      if (!secret) continue;
      const timestamp = Math.floor(now / 1000);
      try {
        const res = await safeRequest({
          url: endpoint.url, method: 'POST', body, followRedirects: false,
          // Signed like every /v1 webhook (the dialect of account endpoints), with the event id as webhook-id.
          headers: standardDialect.sign({ deliveryId: eventId, url: endpoint.url, body, timestamp }, secret),
        }, { ...this.outbound, timeoutMs: Math.min(this.outbound.timeoutMs, POSTBACK_TIMEOUT_MS), maxResponseBytes: 16 * 1024 });
        if (res.status >= 200 && res.status < 300) return { ok: true, text: replyText(res.body, res.headers['content-type']), delivery: `HTTP ${res.status} from ${endpoint.url}` };
        last = `HTTP ${res.status} from ${endpoint.url}`;
      } catch (err) {
        last = `${endpoint.url}: ${isOutboundError(err) ? `${err.code}: ${err.message}` : (err as Error).message}`;
      }
    }
    return { ok: false, text: 'Sorry, that did not go through. Please try again.', delivery: last };
  }
}

/** The sender's answer: JSON `{"reply": "…"}` (or `text`), or a short plain-text body. */
function replyText(body: Buffer, contentType: string | string[] | undefined): string {
  const raw = body.toString('utf8');
  let text = raw;
  if (String(contentType ?? '').includes('json')) {
    try {
      const parsed = JSON.parse(raw) as { reply?: unknown; text?: unknown };
      const value = parsed.reply ?? parsed.text;
      text = typeof value === 'string' ? value : '';
    } catch {
      text = '';
    }
  }
  // Control characters (other than tab and newline) are dropped: the reply is shown as text on a phone.
  text = [...text].filter((ch) => { const c = ch.codePointAt(0)!; return c === 9 || c === 10 || (c >= 32 && c !== 127); }).join('').trim();
  return text === '' ? DEFAULT_REPLY : [...text].slice(0, MAX_REPLY_CHARS).join('');
}
