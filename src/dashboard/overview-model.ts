import type { CarrierActivity, DayRow, RecentError } from './overview-stats.ts';
import { DAY } from './overview-stats.ts';
import { combinedState, type ConnectorState, type LiveHealth, type MessageState } from './connector-health-model.ts';

// What the overview shows, computed from the grouped rows (pure: no I/O).

export interface Totals { accepted: number; sent: number; delivered: number; failed: number; clicks: number; optOuts: number; rate: number | null }
export interface DaySeries { days: number[]; sent: number[]; delivered: number[]; failed: number[] }
export interface FailureSeries { days: number[]; codes: Array<{ code: string; counts: number[] }> }

const SENT = new Set(['sent', 'delivered', 'undelivered']);
const FAILED = new Set(['failed', 'undelivered']);

/** Sent: reached a carrier. Failed: failed or undelivered. The rate: delivered of those that ended. */
export function totals(rows: readonly DayRow[], from: number, extra: { clicks: number; optOuts: number }): Totals {
  let accepted = 0;
  let sent = 0;
  let delivered = 0;
  let failed = 0;
  for (const r of rows) {
    if (r.day < from) continue;
    accepted += r.n;
    if (SENT.has(r.status)) sent += r.n;
    if (r.status === 'delivered') delivered += r.n;
    if (FAILED.has(r.status)) failed += r.n;
  }
  return { accepted, sent, delivered, failed, ...extra, rate: delivered + failed === 0 ? null : delivered / (delivered + failed) };
}

export function dayList(firstDay: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => firstDay + i * DAY);
}

export function daySeries(rows: readonly DayRow[], days: readonly number[]): DaySeries {
  const at = new Map(days.map((d, i) => [d, i]));
  const zero = () => days.map(() => 0);
  const out: DaySeries = { days: [...days], sent: zero(), delivered: zero(), failed: zero() };
  for (const r of rows) {
    const i = at.get(r.day);
    if (i === undefined) continue;
    if (SENT.has(r.status)) out.sent[i]! += r.n;
    if (r.status === 'delivered') out.delivered[i]! += r.n;
    if (FAILED.has(r.status)) out.failed[i]! += r.n;
  }
  return out;
}

/** Failures per day by error code: the `top` commonest codes, the rest as "other". */
export function failureSeries(rows: readonly DayRow[], days: readonly number[], top = 5): FailureSeries {
  const at = new Map(days.map((d, i) => [d, i]));
  const failures = rows.filter((r) => FAILED.has(r.status) && at.has(r.day));
  const byCode = new Map<string, number>();
  for (const r of failures) byCode.set(r.errorCode ?? 'none', (byCode.get(r.errorCode ?? 'none') ?? 0) + r.n);
  const kept = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([code]) => code);
  const codes = [...kept, ...(byCode.size > kept.length ? ['other'] : [])].map((code) => ({ code, counts: days.map(() => 0) }));
  const index = new Map(codes.map((c, i) => [c.code, i]));
  for (const r of failures) {
    const code = r.errorCode ?? 'none';
    const c = codes[index.get(code) ?? index.get('other')!]!;
    c.counts[at.get(r.day)!]! += r.n;
  }
  return { days: [...days], codes };
}

export interface ConnectorHealth {
  name: string;
  type: string;
  /** The live report and the account's messages together (connector-health-model.ts#combinedState). */
  state: ConnectorState;
  last24h: { handled: number; delivered: number; failed: number };
  /** The account's messages per minute over the last 15 minutes. */
  perMinute: number;
  /** The account's own failures by code. */
  errors: Array<{ code: string; count: number; lastAt: number }>;
  /** What the processes running the connector report; undefined where none ever did. */
  live: LiveHealth | undefined;
}

export function connectorHealth(
  connectors: ReadonlyArray<{ name: string; type: string }>, activity: readonly CarrierActivity[], errors: readonly RecentError[], live: ReadonlyMap<string, LiveHealth>,
): ConnectorHealth[] {
  return connectors.map(({ name, type }) => {
    const mine = activity.filter((a) => a.carrier === name);
    const handled = mine.reduce((s, a) => s + a.n, 0);
    const delivered = mine.filter((a) => a.status === 'delivered').reduce((s, a) => s + a.n, 0);
    const failed = mine.filter((a) => FAILED.has(a.status)).reduce((s, a) => s + a.n, 0);
    const perMinute = mine.reduce((s, a) => s + a.recent, 0) / 15;
    const codes = new Map<string, { count: number; lastAt: number }>();
    for (const e of errors.filter((x) => x.carrier === name)) {
      const c = codes.get(e.errorCode) ?? { count: 0, lastAt: 0 };
      codes.set(e.errorCode, { count: c.count + 1, lastAt: Math.max(c.lastAt, e.at) });
    }
    const share = handled === 0 ? 0 : failed / handled;
    const messages: MessageState = handled === 0 ? 'idle' : share > 0.5 ? 'failing' : share > 0.1 ? 'degraded' : 'ok';
    return {
      name, type, state: combinedState(messages, live.get(name)), live: live.get(name),
      last24h: { handled, delivered, failed }, perMinute,
      errors: [...codes].map(([code, c]) => ({ code, ...c })).sort((a, b) => b.lastAt - a.lastAt).slice(0, 3),
    };
  });
}
