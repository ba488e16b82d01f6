import { PormError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';

export interface RichEventResource {
  id: string;
  object: 'rich_event';
  kind: string;
  message_id: string;
  template_id: string;
  revision: number;
  action_id: string | null;
  ok: boolean | null;
  duration_ms: number | null;
  data: Record<string, unknown> | null;
  at: string;
}

export interface AnswerResource {
  id: string;
  object: 'form_submission';
  message_id: string;
  template_id: string;
  revision: number;
  form_id: string;
  answers: Record<string, unknown>;
  created_at: string;
}

export interface EngagementStats {
  messages: number;
  opened_messages: number;
  opens: number;
  open_rate: number | null;
  renders: { ok: number; failed: number; success_rate: number | null; median_ms: number | null };
  actions: Array<{ action_id: string; clicks: number; unique_messages: number; click_through_rate: number | null }>;
  forms: Array<{ form_id: string; submissions: number }>;
  quick_replies: number;
  postbacks: number;
  opens_by_revision: Array<{ revision: number; opens: number }>;
}

type EventRow = { id: string; kind: string; message_id: string; template_id: string; revision: number; action_id: string | null; ok: number | null; duration_ms: number | null; data_json: string | null; at: number };

export function eventResource(r: EventRow): RichEventResource {
  return {
    id: r.id, object: 'rich_event', kind: r.kind, message_id: r.message_id, template_id: r.template_id, revision: r.revision, action_id: r.action_id,
    ok: r.ok === null ? null : r.ok === 1, duration_ms: r.duration_ms, data: r.data_json === null ? null : (JSON.parse(r.data_json) as Record<string, unknown>),
    at: new Date(r.at).toISOString(),
  };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * Engagement with rich messages, per message or per template: opens (and which revision each
 * open saw), render success and time, clicks per action with click-through rate (messages with a
 * click on it ÷ messages opened), form submissions, postbacks and quick replies.
 */
export class RichStats {
  constructor(private readonly store: Store) {}

  async messageEvents(accountId: string, messageId: string): Promise<RichEventResource[]> {
    await this.checkMessage(accountId, messageId);
    const rows = await this.store.db.selectFrom('rich_events').selectAll().where('message_id', '=', messageId).orderBy('at').orderBy('id').limit(1000).execute();
    return rows.map(eventResource);
  }

  async messageAnswers(accountId: string, messageId: string): Promise<AnswerResource[]> {
    await this.checkMessage(accountId, messageId);
    const rows = await this.store.db.selectFrom('form_submissions').selectAll().where('message_id', '=', messageId).orderBy('id').execute();
    return rows.map(answerResource);
  }

  async templateAnswers(accountId: string, templateId: string, limit: number): Promise<AnswerResource[]> {
    const rows = await this.store.db.selectFrom('form_submissions').selectAll().where('account_id', '=', accountId).where('template_id', '=', templateId)
      .orderBy('id', 'desc').limit(limit).execute();
    return rows.map(answerResource);
  }

  async forMessage(accountId: string, messageId: string): Promise<EngagementStats> {
    await this.checkMessage(accountId, messageId);
    return this.compute({ column: 'message_id', value: messageId }, 1);
  }

  async forTemplate(accountId: string, templateId: string): Promise<EngagementStats> {
    const t = await this.store.db.selectFrom('templates').select('id').where('id', '=', templateId).where('account_id', '=', accountId).executeTakeFirst();
    if (!t) throw new PormError('PORM_RICH_TEMPLATE_NOT_FOUND');
    const sent = await this.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('template_id', '=', templateId).executeTakeFirst();
    return this.compute({ column: 'template_id', value: templateId }, Number(sent?.n ?? 0));
  }

  /**
   * Renders and clicks of many templates of this account in one grouped query (a list of
   * templates shows them; the per-template page has the full figures from forTemplate).
   */
  async totalsByTemplate(accountId: string, templateIds: readonly string[]): Promise<Map<string, { renders: number; clicks: number }>> {
    const out = new Map(templateIds.map((id) => [id, { renders: 0, clicks: 0 }]));
    if (templateIds.length === 0) return out;
    const rows = await this.store.db.selectFrom('rich_events')
      .innerJoin('templates', 'templates.id', 'rich_events.template_id')
      .select(['rich_events.template_id', 'rich_events.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('templates.account_id', '=', accountId).where('rich_events.template_id', 'in', [...templateIds]).where('rich_events.kind', 'in', ['render', 'click'])
      .groupBy(['rich_events.template_id', 'rich_events.kind']).execute();
    for (const r of rows) {
      const t = out.get(r.template_id);
      if (t) t[r.kind === 'render' ? 'renders' : 'clicks'] = Number(r.n);
    }
    return out;
  }

  private async compute(scope: { column: 'message_id' | 'template_id'; value: string }, messages: number): Promise<EngagementStats> {
    const db = this.store.db;
    const base = () => db.selectFrom('rich_events').where(scope.column, '=', scope.value);
    const kinds = await base().select(['kind', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('message_id').distinct().as('m')]).groupBy('kind').execute();
    const byKind = new Map(kinds.map((k) => [k.kind, { n: Number(k.n), m: Number(k.m) }]));
    const renders = await base().select(['ok', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'render').groupBy('ok').execute();
    const durations = await base().select('duration_ms').where('kind', '=', 'render').where('ok', '=', 1).where('duration_ms', 'is not', null).orderBy('duration_ms').limit(100_000).execute();
    const clicks = await base().select(['action_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('message_id').distinct().as('m')])
      .where('kind', '=', 'click').groupBy('action_id').orderBy('action_id').execute();
    const forms = await base().select(['action_id', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'submit').groupBy('action_id').orderBy('action_id').execute();
    const revisions = await base().select(['revision', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'open').groupBy('revision').orderBy('revision').execute();
    const ok = Number(renders.find((r) => r.ok === 1)?.n ?? 0);
    const failed = Number(renders.find((r) => r.ok === 0)?.n ?? 0);
    const opened = byKind.get('open')?.m ?? 0;
    const median = durations.length === 0 ? null : Number(durations[Math.floor(durations.length / 2)]!.duration_ms);
    return {
      messages, opened_messages: opened, opens: byKind.get('open')?.n ?? 0, open_rate: ratio(opened, messages),
      renders: { ok, failed, success_rate: ratio(ok, ok + failed), median_ms: median },
      actions: clicks.map((c) => ({ action_id: c.action_id ?? '', clicks: Number(c.n), unique_messages: Number(c.m), click_through_rate: ratio(Number(c.m), opened) })),
      forms: forms.map((f) => ({ form_id: f.action_id ?? '', submissions: Number(f.n) })),
      quick_replies: byKind.get('quick_reply')?.n ?? 0,
      postbacks: byKind.get('postback')?.n ?? 0,
      opens_by_revision: revisions.map((r) => ({ revision: r.revision, opens: Number(r.n) })),
    };
  }

  private async checkMessage(accountId: string, messageId: string): Promise<void> {
    const row = await this.store.db.selectFrom('messages').select(['template_id']).where('id', '=', messageId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_MESSAGE_NOT_FOUND');
    if (row.template_id === null) throw new PormError('PORM_RICH_NOT_TEMPLATED');
  }
}

function answerResource(r: { id: string; message_id: string; template_id: string; revision: number; form_id: string; answers_json: string; created_at: number }): AnswerResource {
  return {
    id: r.id, object: 'form_submission', message_id: r.message_id, template_id: r.template_id, revision: r.revision, form_id: r.form_id,
    answers: JSON.parse(r.answers_json) as Record<string, unknown>, created_at: new Date(r.created_at).toISOString(),
  };
}
