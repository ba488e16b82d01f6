import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { Carrier } from './carrier.ts';

// Each process that runs connectors tells the others how they are (the dashboard runs in API
// processes, connectors in workers, possibly on other machines): every `intervalMs`, and soon
// after a bind comes up or goes down, it upserts one row per connector under its own instance id.
// Only this instance ever writes its rows, and each write replaces the row whole (no read first),
// so many writers never race; a slow write cannot overwrite a newer one (updated_at guards it).

export const REPORT_INTERVAL_MS = 10_000;
/** Rows nobody has updated for this long are deleted (their instance is gone). */
export const PRUNE_AFTER_MS = 3_600_000;
const PRUNE_EVERY_MS = 300_000;

export interface ReportedConnector {
  name: string;
  /** The configured type (`smpp`, `sandbox-smsc`, …), as the dashboard names it. */
  type: string;
  carrier: Carrier;
}

export interface HealthReporterOptions {
  intervalMs?: number;
  /** How long to gather changes (several binds coming up together) before a prompt report. */
  debounceMs?: number;
}

export class HealthReporter {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private lastPrune = 0;
  private readonly startedAt: number;

  constructor(
    private readonly store: Store,
    private readonly connectors: readonly ReportedConnector[],
    readonly instance: string,
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly options: HealthReporterOptions = {},
  ) {
    this.startedAt = now();
  }

  start(): void {
    if (this.connectors.length === 0) return;
    for (const c of this.connectors) c.carrier.onHealthChange?.(() => this.reportSoon());
    this.timer = setInterval(() => void this.report(), this.options.intervalMs ?? REPORT_INTERVAL_MS);
    this.timer.unref();
    void this.report();
  }

  private reportSoon(): void {
    if (this.closed || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.report();
    }, this.options.debounceMs ?? 200);
    this.soon.unref();
  }

  /** Writes every connector's row now; a report asked for while one runs follows it. Never throws. */
  async report(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.write().catch((err: unknown) => this.log.warn({ err }, 'connector health not reported'));
      } while (this.again && !this.closed);
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async write(): Promise<void> {
    const at = this.now();
    const rows = this.connectors.map(({ name, type, carrier }) => {
      const h = carrier.health?.() ?? {};
      return {
        connector: name, instance: this.instance, type,
        binds_up: h.binds?.up ?? null, binds_configured: h.binds?.configured ?? null,
        submits_last_minute: h.submitsLastMinute ?? 0, last_ok_at: h.lastOkAt ?? null,
        errors_json: JSON.stringify(h.errors ?? []), started_at: this.startedAt, updated_at: at,
      };
    });
    const prune = at - this.lastPrune >= PRUNE_EVERY_MS;
    await this.store.write(async (tx) => {
      await tx.insertInto('connector_health').values(rows)
        .onConflict((oc) => oc.columns(['connector', 'instance']).doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'), binds_up: eb.ref('excluded.binds_up'), binds_configured: eb.ref('excluded.binds_configured'),
          submits_last_minute: eb.ref('excluded.submits_last_minute'), last_ok_at: eb.ref('excluded.last_ok_at'),
          errors_json: eb.ref('excluded.errors_json'), started_at: eb.ref('excluded.started_at'), updated_at: eb.ref('excluded.updated_at'),
        })).where('connector_health.updated_at', '<=', (eb) => eb.ref('excluded.updated_at')))
        .execute();
      if (prune) await tx.deleteFrom('connector_health').where('updated_at', '<', at - PRUNE_AFTER_MS).execute();
    });
    if (prune) this.lastPrune = at;
  }

  /** Stops reporting and removes this instance's rows: a process that stopped cleanly is not shown as stale. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.soon);
    await this.running;
    if (this.connectors.length === 0) return;
    await this.store.write((tx) => tx.deleteFrom('connector_health').where('instance', '=', this.instance).execute())
      .catch((err: unknown) => this.log.warn({ err }, 'connector health rows of this process not removed'));
  }
}
