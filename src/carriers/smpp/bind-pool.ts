import type { Logger } from 'pino';
import type { Pdu } from '../../sms/pdu/index.ts';
import type { CarrierHealth } from '../carrier.ts';
import { RecentErrors } from '../recent-errors.ts';
import { reconnectDelay } from './backoff.ts';
import { SmppBindError, SmppSession, type BindCommand, type SessionOptions, type SmppBindErrorCode } from './session.ts';
import type { SmppCarrierConfig } from './smpp-type.ts';

// The binds of one connector. Each bind is a loop: connect, bind, serve until the connection
// goes, wait (backoff with jitter, reset after a bind that held), again, until the pool closes.
// In transmitter+receiver mode each bind is two sessions; submits use the transmitters.

interface Slot {
  session: SmppSession | undefined;
  bind: BindCommand;
  /** Which of the configured binds this session belongs to (two sessions per bind in transmitter+receiver mode). */
  index: number;
}

export class BindPool {
  private readonly slots: Slot[] = [];
  private closing = false;
  private next = 0;
  private readonly loops: Promise<void>[] = [];
  private readonly stateWaiters = new Set<() => void>();
  private readonly sleepers = new Set<() => void>();
  /** Why the last bind attempt failed, until a bind succeeds: what a message fails with if its retries run out. */
  private lastFailure: SmppBindErrorCode | undefined;
  /** Failed binds and lost ones, for the connector's health on the dashboard. */
  private readonly errors = new RecentErrors();
  private readonly healthListeners = new Set<() => void>();

  constructor(private readonly config: SmppCarrierConfig, private readonly log: Logger, private readonly onRequest: (pdu: Pdu) => Promise<number>) {
    const binds: BindCommand[] = config.bindMode === 'transceiver' ? ['bind_transceiver'] : ['bind_transmitter', 'bind_receiver'];
    for (let i = 0; i < config.binds; i++) for (const bind of binds) this.slots.push({ session: undefined, bind, index: i });
  }

  start(): void {
    for (const [i, slot] of this.slots.entries()) this.loops.push(this.run(slot, i));
  }

  /** Sessions bound now that can submit. */
  transmitters(): SmppSession[] {
    return this.slots.filter((s) => s.bind !== 'bind_receiver' && s.session?.isOpen === true).map((s) => s.session!);
  }

  /** Binds up (every session of the bind open) of those configured, and the last bind errors. */
  health(): CarrierHealth {
    const up = new Set(this.slots.map((s) => s.index));
    for (const s of this.slots) if (s.session?.isOpen !== true) up.delete(s.index);
    return { binds: { up: up.size, configured: this.config.binds }, errors: this.errors.list() };
  }

  /** Calls `listener` whenever a bind comes up, is lost or fails. */
  onHealthChange(listener: () => void): void {
    this.healthListeners.add(listener);
  }

  private healthChanged(): void {
    for (const l of this.healthListeners) l();
  }

  /** The code of the last failed bind attempt, while no bind has succeeded since. */
  lastBindErrorCode(): SmppBindErrorCode | undefined {
    return this.lastFailure;
  }

  /** The transmitter with the most room (round-robin among equals), or undefined when none has any. */
  pick(now: number): SmppSession | undefined {
    const tx = this.transmitters();
    let best: SmppSession | undefined;
    let room = 0;
    for (let k = 0; k < tx.length; k++) {
      const s = tx[(this.next + k) % tx.length]!;
      const free = s.freeSlots(now);
      if (free > room) {
        best = s;
        room = free;
      }
    }
    this.next++;
    return best;
  }

  /** Resolves when a session binds, a window slot frees, or after `ms`. */
  async change(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let woken: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      woken = resolve;
      timer = setTimeout(resolve, ms);
      this.stateWaiters.add(resolve);
      for (const s of this.transmitters()) void s.whenSlotFrees().then(resolve);
    });
    clearTimeout(timer);
    // Woken by a freed slot or the timer, not by notify(): its waiter would otherwise stay in the
    // set until the next bind comes or goes. Under load every submit that finds the windows full
    // waits here, and a campaign of 1,000,000 SMS kept ~10 MB of such closures (bench/campaign.ts).
    this.stateWaiters.delete(woken!);
  }

  /** Waits for change() not yet woken (for tests: it is 0 once every wait has ended). */
  get changeWaiters(): number {
    return this.stateWaiters.size;
  }

  private notify(): void {
    const waiters = [...this.stateWaiters];
    this.stateWaiters.clear();
    for (const w of waiters) w();
  }

  private async run(slot: Slot, index: number): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      const log = this.log.child({ bind: index, command: slot.bind });
      let closed!: Promise<string>;
      try {
        let onClose!: (reason: string) => void;
        closed = new Promise<string>((resolve) => { onClose = resolve; });
        slot.session = await SmppSession.open(this.sessionOptions(slot.bind, log, onClose));
        if (this.closing) {
          await slot.session.close();
          return;
        }
        this.lastFailure = undefined;
        log.info({ host: this.config.host, port: this.config.port, tls: this.config.tls !== false }, 'SMPP bound');
        this.notify();
        this.healthChanged();
        const boundAt = Date.now();
        const reason = await closed;
        slot.session = undefined;
        if (this.closing) return;
        log.warn({ reason }, 'SMPP bind lost; reconnecting');
        this.errors.add('PORM_SMPP_BIND_LOST', `${slot.bind} (bind ${slot.index + 1}): ${reason}`, Date.now());
        this.healthChanged();
        // A bind that held a while starts the backoff over; one that drops at once keeps climbing.
        if (Date.now() - boundAt > this.config.reconnect.initialMs * 4) attempt = 0;
      } catch (err) {
        slot.session = undefined;
        if (this.closing) return;
        const status = err instanceof SmppBindError ? err.status : undefined;
        const code = err instanceof SmppBindError ? err.code : 'PORM_SMPP_CONNECT_FAILED';
        this.lastFailure = code;
        this.errors.add(code, `${slot.bind} (bind ${slot.index + 1}): ${err instanceof Error ? err.message : String(err)}`, Date.now());
        this.healthChanged();
        log.error({ err: err instanceof Error ? err.message : String(err), status, code, attempt }, 'SMPP bind failed; retrying with backoff');
      }
      await this.sleep(reconnectDelay(attempt++, this.config.reconnect));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private sessionOptions(bind: BindCommand, log: Logger, onClose: (reason: string) => void): SessionOptions {
    const c = this.config;
    return {
      host: c.host, port: c.port, tls: c.tls, tlsInsecure: c.tlsInsecure, bind, systemId: c.systemId, password: c.password, systemType: c.systemType,
      windowSize: c.windowSize, requestTimeoutMs: c.requestTimeoutMs, bindTimeoutMs: c.bindTimeoutMs,
      enquireLinkIntervalMs: c.enquireLinkIntervalMs, enquireLinkMissedLimit: c.enquireLinkMissedLimit, log,
      onRequest: this.onRequest,
      onClose: (reason) => {
        onClose(reason);
        this.notify();
      },
    };
  }

  /** Unbinds every session gracefully and stops reconnecting. */
  async close(): Promise<void> {
    this.closing = true;
    for (const s of [...this.sleepers]) s();
    await Promise.all(this.slots.map((s) => s.session?.close()));
    this.notify();
    await Promise.all(this.loops);
  }
}
