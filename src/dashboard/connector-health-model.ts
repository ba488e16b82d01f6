import type { HealthError } from '../carriers/carrier.ts';

// Connector health as the dashboard shows it, from the rows each process running connectors
// reports (src/carriers/health-report.ts), combined with the state the account's own messages
// give (pure: no I/O). A row not updated for STALE_MS belongs to a process that stopped or hangs:
// it counts as a stale instance, and its binds and throughput are left out.

export const STALE_MS = 60_000;

export interface InstanceReport {
  connector: string;
  instance: string;
  bindsUp: number | null;
  bindsConfigured: number | null;
  submitsLastMinute: number;
  lastOkAt: number | null;
  errors: readonly HealthError[];
  updatedAt: number;
}

export interface LiveHealth {
  /** Instances that reported within STALE_MS, and those that did not. */
  instances: number;
  staleInstances: number;
  /** Summed over live instances; null where the connector holds no binds (or none is live). */
  binds: { up: number; configured: number } | null;
  submitsPerMinute: number;
  lastOkAt: number | null;
  /** Newest first, from every instance still listed (stale ones too: why it stopped can be there). */
  errors: HealthError[];
}

export type MessageState = 'idle' | 'ok' | 'degraded' | 'failing';
export type ConnectorState = MessageState | 'down' | 'stale';

export function liveHealth(rows: readonly InstanceReport[], now: number, keepErrors = 3): Map<string, LiveHealth> {
  const out = new Map<string, LiveHealth>();
  for (const r of rows) {
    const h = out.get(r.connector) ?? { instances: 0, staleInstances: 0, binds: null, submitsPerMinute: 0, lastOkAt: null, errors: [] };
    out.set(r.connector, h);
    h.errors.push(...r.errors);
    if (now - r.updatedAt > STALE_MS) {
      h.staleInstances++;
      continue;
    }
    h.instances++;
    h.submitsPerMinute += r.submitsLastMinute;
    if (r.lastOkAt !== null) h.lastOkAt = Math.max(h.lastOkAt ?? 0, r.lastOkAt);
    if (r.bindsConfigured !== null) h.binds = { up: (h.binds?.up ?? 0) + (r.bindsUp ?? 0), configured: (h.binds?.configured ?? 0) + r.bindsConfigured };
  }
  for (const h of out.values()) h.errors = h.errors.sort((a, b) => b.at - a.at).slice(0, keepErrors);
  return out;
}

/**
 * One state from both sources, the worst first: down (live instances, no bind up), failing (most
 * of the account's messages failed), stale (no instance reports any more), degraded (some binds
 * down, an error since the last accepted submit, or a tenth of the messages failed), then the
 * messages' own ok or idle. Without any report (nothing ran the connector yet) the messages decide.
 */
export function combinedState(messages: MessageState, live: LiveHealth | undefined): ConnectorState {
  if (!live) return messages;
  if (live.instances > 0 && live.binds !== null && live.binds.configured > 0 && live.binds.up === 0) return 'down';
  if (messages === 'failing') return 'failing';
  if (live.instances === 0) return 'stale';
  const bindsShort = live.binds !== null && live.binds.up < live.binds.configured;
  const newestError = live.errors[0]?.at ?? 0;
  const erringSinceOk = live.binds === null && newestError > (live.lastOkAt ?? 0);
  if (bindsShort || erringSinceOk || messages === 'degraded') return 'degraded';
  return messages;
}
