import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import type { JobQueue } from '../../queue/queue.ts';
import type { EndpointCache } from '../../webhooks/endpoint-cache.ts';
import type { Message, RichRef } from '../../messages/model.ts';
import { messageFromRow } from '../../messages/rows.ts';
import type { BoundMessage } from '../bound/model.ts';
import type { RichComposer } from '../send/compose-outgoing.ts';
import { buildIcs, barcodeSvg } from '../fallback/index.ts';
import { queueAccountEvent } from '../../webhooks/account-event.ts';
import { findAction, findCaptionsUrl, findCode, findImageUrl } from './lookup.ts';
import { redirectTarget } from './redirect-target.ts';

export type RichEventKind = 'open' | 'render' | 'click' | 'submit' | 'postback' | 'quick_reply';

const WEBHOOK_TYPE: Record<RichEventKind, string> = {
  open: 'rich.opened', render: 'rich.rendered', click: 'rich.clicked', submit: 'rich.form_submitted', postback: 'rich.postback', quick_reply: 'rich.quick_reply',
};

/** A message's page as it is now: the current (or pinned) revision bound for its recipient. */
export interface PageView {
  message: Message;
  rich: RichRef;
  bound: BoundMessage;
  revision: number;
  answeredForms: Set<string>;
  postbackAnswers: Record<string, string>;
}

export interface RichEventInput {
  kind: RichEventKind;
  actionId?: string | null;
  ok?: boolean | null;
  durationMs?: number | null;
  data?: Record<string, unknown> | null;
}

const TOKEN = /^[0-9A-Za-z]{22}$/;
const VIEW_TTL_MS = 5_000;
const VIEW_CACHE = 1_000;
const MAX_FALLBACK_REVISIONS = 10;

/**
 * The hosted page's server side: finds a message by its page token, binds its current revision
 * (briefly cached: a page loads its stylesheet, images and codes right after the HTML), records
 * what the recipient does, and tells the sender by webhook.
 */
export class PageService {
  private readonly views = new Map<string, { at: number; view: PageView }>();

  constructor(
    private readonly store: Store,
    private readonly composer: RichComposer,
    private readonly queue: JobQueue,
    private readonly endpoints: EndpointCache,
    private readonly clock: Clock,
  ) {}

  async view(token: string, fresh = false): Promise<PageView> {
    if (!TOKEN.test(token)) throw new PormError('PORM_RICH_PAGE_NOT_FOUND');
    const hit = this.views.get(token);
    if (!fresh && hit && this.clock.now() - hit.at < VIEW_TTL_MS) return hit.view;
    const row = await this.store.db.selectFrom('messages').selectAll().where('page_token', '=', token).executeTakeFirst();
    if (!row) throw new PormError('PORM_RICH_PAGE_NOT_FOUND');
    const message = messageFromRow(row);
    const rich = message.rich!;
    let { result, revision } = await this.composer.bind(message, rich);
    // A later revision may not bind for this recipient (it added a slot that blocks): the page
    // then shows the newest revision that does, rather than breaking every page already sent.
    for (let back = revision - 1; !result.ok && rich.pinnedRevision === null && back >= Math.max(1, revision - MAX_FALLBACK_REVISIONS); back--) {
      ({ result, revision } = await this.composer.bind(message, rich, back));
    }
    if (!result.ok) throw new PormError('PORM_RICH_PAGE_NOT_FOUND', 'this message cannot be shown right now');
    const answered = await this.store.db.selectFrom('form_submissions').select('form_id').distinct().where('message_id', '=', message.id).execute();
    const postbacks = await this.store.db.selectFrom('postback_answers').select(['action_id', 'answer']).where('message_id', '=', message.id).execute();
    const view: PageView = {
      message, rich, bound: result.message, revision,
      answeredForms: new Set(answered.map((a) => a.form_id)),
      postbackAnswers: Object.fromEntries(postbacks.map((p) => [p.action_id, p.answer])),
    };
    if (this.views.size >= VIEW_CACHE) this.views.delete(this.views.keys().next().value!);
    this.views.set(token, { at: this.clock.now(), view });
    return view;
  }

  /** Forgets a cached view (after an answer, or a new revision), so the next load binds again. */
  invalidate(token: string): void {
    this.views.delete(token);
  }

  async record(view: PageView, event: RichEventInput, tx?: Db): Promise<string> {
    const now = this.clock.now();
    const id = newId('evt', now);
    const unit = async (db: Db): Promise<void> => {
      await db.insertInto('rich_events').values({
        id, account_id: view.message.accountId, message_id: view.message.id, template_id: view.rich.templateId, revision: view.revision,
        kind: event.kind, action_id: event.actionId ?? null, ok: event.ok === undefined || event.ok === null ? null : event.ok ? 1 : 0,
        duration_ms: event.durationMs ?? null, data_json: event.data ? JSON.stringify(event.data) : null, at: now,
      }).execute();
      // A postback's webhook is the synchronous call the sender answers (PageActions); queueing
      // another would reach the sender twice for one press.
      if (event.kind === 'postback') return;
      await queueAccountEvent(db, this.queue, this.endpoints, {
        accountId: view.message.accountId, messageId: view.message.id, type: WEBHOOK_TYPE[event.kind], at: now, subject: { kind: 'rich_event', id },
      });
    };
    if (tx) await unit(tx);
    else await this.store.write(unit);
    return id;
  }

  /** Where a tracked link goes, after counting the click. */
  async click(token: string, actionId: string, count = true): Promise<string> {
    const view = await this.view(token);
    const action = findAction(view.bound, actionId);
    const target = action ? redirectTarget(action, view.message.from) : undefined;
    if (!action || !target) throw new PormError('PORM_RICH_ACTION_NOT_FOUND');
    if (count) await this.record(view, { kind: 'click', actionId, data: { kind: action.kind } });
    return target;
  }

  async calendar(token: string, actionId: string): Promise<{ filename: string; body: string }> {
    const view = await this.view(token);
    const action = findAction(view.bound, actionId);
    if (action?.kind !== 'add_to_calendar') throw new PormError('PORM_RICH_ACTION_NOT_FOUND');
    await this.record(view, { kind: 'click', actionId, data: { kind: action.kind } });
    const body = buildIcs({ uid: `${view.message.id}-${actionId}@porm`, title: action.title, start: action.start, end: action.end, location: action.location, description: action.description }, this.clock.now());
    const filename = `${action.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'event'}.ics`;
    return { filename, body };
  }

  async code(token: string, key: string): Promise<string> {
    const view = await this.view(token);
    const code = findCode(view.bound, key);
    if (!code) throw new PormError('PORM_RICH_ACTION_NOT_FOUND', 'no code with this key');
    return barcodeSvg(code.format, code.value);
  }

  async captionsUrl(token: string, videoKey: string): Promise<{ accountId: string; url: string }> {
    const view = await this.view(token);
    const url = findCaptionsUrl(view.bound, videoKey);
    if (!url) throw new PormError('PORM_RICH_ACTION_NOT_FOUND', 'no captions for this video');
    return { accountId: view.message.accountId, url };
  }

  async imageUrl(token: string, key: string): Promise<{ accountId: string; url: string }> {
    const view = await this.view(token);
    const url = findImageUrl(view.bound, key);
    if (!url) throw new PormError('PORM_RICH_ACTION_NOT_FOUND', 'no image with this key');
    return { accountId: view.message.accountId, url };
  }
}
