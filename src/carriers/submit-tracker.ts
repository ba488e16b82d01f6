import type { Carrier, CarrierHealth, OutboundMessage, SubmitResult } from './carrier.ts';
import { RecentErrors } from './recent-errors.ts';

// Every outbound carrier as CarrierSet hands it out: submits pass through unchanged, and their
// outcomes are counted here (per second, for the last minute) with the last errors, so each
// connector's health has throughput and submit errors whatever its protocol. What the connector
// knows of itself (SMPP binds, why a bind failed) comes from its own health() and is merged in.

const WINDOW_S = 60;

export class SubmitTracker implements Carrier {
  private readonly seconds = new Map<number, number>();
  private readonly errors = new RecentErrors();
  private lastOkAt: number | undefined;

  constructor(private readonly inner: Carrier, private readonly now: () => number = Date.now) {}

  get name(): string { return this.inner.name; }
  get type(): string { return this.inner.type; }
  get channels(): Carrier['channels'] { return this.inner.channels; }
  start(): Promise<void> { return this.inner.start(); }
  close(): Promise<void> { return this.inner.close(); }

  onHealthChange(listener: () => void): void {
    this.inner.onHealthChange?.(listener);
  }

  async submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult> {
    const result = await this.inner.submit(message, signal);
    this.record(result, this.now());
    return result;
  }

  /** Counts one answered submit; exported for tests of the counting itself. */
  record(result: SubmitResult, at: number): void {
    const second = Math.floor(at / 1000);
    this.seconds.set(second, (this.seconds.get(second) ?? 0) + 1);
    for (const s of this.seconds.keys()) if (s <= second - WINDOW_S) this.seconds.delete(s);
    switch (result.outcome) {
      case 'accepted':
        this.lastOkAt = at;
        break;
      case 'permanent':
        this.errors.add(result.carrierCode ?? result.errorCode, result.message, at);
        break;
      case 'transient':
        this.errors.add(result.carrierCode ?? result.exhaustedCode ?? 'PORM_CARRIER_UNAVAILABLE', result.message, at);
        break;
      case 'throttled':
        // Pacing, not a fault: porm waits and submits again.
        break;
    }
  }

  health(): CarrierHealth {
    const now = Math.floor(this.now() / 1000);
    let submits = 0;
    for (const [s, n] of this.seconds) if (s > now - WINDOW_S) submits += n;
    const own = this.inner.health?.() ?? {};
    const errors = [...(own.errors ?? []), ...this.errors.list()].sort((a, b) => b.at - a.at).slice(0, 5);
    return {
      ...(own.binds ? { binds: own.binds } : {}),
      submitsLastMinute: submits,
      ...(this.lastOkAt !== undefined ? { lastOkAt: this.lastOkAt } : {}),
      errors,
    };
  }
}
