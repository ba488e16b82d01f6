import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';

// The clock of distributed mode. Processes on several machines share leases, schedules and
// retry times through the database, and a machine whose clock is minutes off would otherwise
// read another worker's live lease as expired (and take the job while it is still being sent),
// let its own leases look expired to everyone else, or send a scheduled message minutes early.
// So every porm process on a shared database runs on the database server's clock: this machine's
// clock plus the offset to the server, measured at start and again every minute (half the round
// trip allowed for). A failed measurement keeps the last offset: the database being away for a
// moment must not stop the clock.

const RESYNC_MS = 60_000;
/** An offset larger than this is worth a warning: the machine's NTP is broken. */
const WARN_OFFSET_MS = 1000;

export class ServerClock implements Clock {
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;
  private warned = false;

  private constructor(private readonly local: Clock, private readonly serverTime: () => Promise<number>, private readonly log: Logger | undefined) {}

  /** Measured once before it is handed out (so the first lease is already on server time), then kept in step. */
  static async start(local: Clock, serverTime: () => Promise<number>, log?: Logger): Promise<ServerClock> {
    const clock = new ServerClock(local, serverTime, log);
    await clock.sync();
    clock.timer = setInterval(() => void clock.sync().catch(() => undefined), RESYNC_MS);
    clock.timer.unref();
    return clock;
  }

  now(): number {
    return Math.round(this.local.now() + this.offset);
  }

  /** The server's clock minus this machine's, in ms, as last measured. */
  get offsetMs(): number {
    return this.offset;
  }

  async sync(): Promise<void> {
    const before = this.local.now();
    const server = await this.serverTime();
    const after = this.local.now();
    this.offset = server + (after - before) / 2 - after;
    if (Math.abs(this.offset) > WARN_OFFSET_MS && !this.warned) {
      this.warned = true;
      this.log?.warn({ offsetMs: Math.round(this.offset) }, "this machine's clock is off the database server's: porm keeps time by the server's; fix NTP here");
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
