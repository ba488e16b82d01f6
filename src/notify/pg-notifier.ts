import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { assertPayload, NOTIFY_CHANNELS, type Notifier, type NotifyChannel, type NotifyListener } from './notifier.ts';
import { pgChannelName } from './pg-channel.ts';

export interface PgNotifierOptions {
  url: string;
  schema: string;
  log?: Logger | undefined;
  /** First and largest wait before reconnecting after the connection was lost. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/**
 * The Notifier over PostgreSQL LISTEN/NOTIFY, on one dedicated connection per process (outside
 * the pool: a LISTEN lasts as long as its session, and pooled connections are shared). Lost
 * connections (a PostgreSQL restart, pg_terminate_backend, a network cut) are re-made with
 * backoff, every channel listened to again, and onResume listeners told. Notifications are sent
 * on the same connection, tagged with this process's origin so it can skip its own. Not usable
 * behind PgBouncer in transaction pooling mode (LISTEN needs a session): point `databaseUrl`
 * at PostgreSQL or a session-mode pool.
 */
export class PgNotifier implements Notifier {
  private readonly origin = randomBytes(6).toString('hex');
  private readonly listeners = new Map<NotifyChannel, Set<NotifyListener>>();
  private readonly resumeListeners = new Set<() => void>();
  private readonly byPgName = new Map<string, NotifyChannel>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client | undefined> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private everConnected = false;
  private downSince: number | undefined;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The last statement sent on the LISTEN connection: each waits for the one before (see onConnection). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PgNotifierOptions) {
    for (const channel of NOTIFY_CHANNELS) this.byPgName.set(pgChannelName(options.schema, channel), channel);
  }

  async publish(channel: NotifyChannel, payload: string): Promise<void> {
    assertPayload(payload);
    if (this.closed) return;
    const task = (async () => {
      const client = this.client ?? await this.connect();
      if (!client) return; // down: the reconnect loop runs; this hint is lost, polling covers it
      await this.onConnection(() => client.query('select pg_notify($1, $2)', [pgChannelName(this.options.schema, channel), `${this.origin}:${payload}`]));
    })().catch((err: unknown) => this.options.log?.debug({ err, channel }, 'notification not sent'));
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    await task;
  }

  subscribe(channel: NotifyChannel, listener: NotifyListener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      if (this.client) void this.listen(this.client, channel).catch((err: unknown) => this.options.log?.warn({ err, channel }, 'LISTEN failed'));
      else void this.connect();
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  /** The backend pid of the LISTEN connection (tests terminate it to prove reconnection). */
  get backendPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await Promise.allSettled([...this.inFlight]);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client | undefined> {
    // A bounded connect: a publish waiting on it (and close(), which waits for publishes) never hangs on an unreachable host.
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, connectionTimeoutMillis: 5000, application_name: this.options.applicationName ?? 'porm-notifier' });
    // Errors on an idle client arrive as events; without a handler they would crash the process.
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, undefined));
    client.on('notification', (msg) => this.deliver(msg.channel, msg.payload));
    try {
      await client.connect();
      for (const channel of this.listeners.keys()) await this.listen(client, channel);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (!this.closed) this.scheduleReconnect(err);
      return undefined;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return undefined;
    }
    this.client = client;
    this.failures = 0;
    if (this.everConnected) this.options.log?.info({ downMs: this.downSince === undefined ? undefined : Date.now() - this.downSince }, 'notifier reconnected to PostgreSQL');
    this.everConnected = true;
    this.downSince = undefined;
    // At the first connection too: a hint sent between a subscriber's start and our LISTEN was missed.
    for (const listener of this.resumeListeners) safely(listener, this.options.log);
    return client;
  }

  private async listen(client: pg.Client, channel: NotifyChannel): Promise<void> {
    // The name is porm's own (schema names are checked identifiers), so quoting it is enough.
    await this.onConnection(() => client.query(`listen "${pgChannelName(this.options.schema, channel)}"`));
  }

  /**
   * One statement at a time on the connection: publishes folded less than a round trip apart (and
   * a LISTEN for a new channel) would otherwise be sent while another is still running, which pg
   * queues today but deprecates (it throws from pg 9 on).
   */
  private onConnection<T>(statement: () => Promise<T>): Promise<T> {
    const run = this.tail.then(statement, statement);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private lost(client: pg.Client, err: Error | undefined): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.downSince = Date.now();
    this.options.log?.warn({ err }, 'notifier lost its PostgreSQL connection; reconnecting (workers poll meanwhile)');
    client.end().catch(() => undefined);
    this.scheduleReconnect(err);
  }

  private scheduleReconnect(err: unknown): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    this.failures++;
    const min = this.options.reconnectMinMs ?? 100;
    const max = this.options.reconnectMaxMs ?? 5000;
    const wait = Math.min(max, min * 2 ** Math.min(this.failures - 1, 16)) * (0.5 + Math.random() / 2);
    if (this.failures === 1 && !this.everConnected) this.options.log?.warn({ err }, 'notifier cannot reach PostgreSQL; retrying (workers poll meanwhile)');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      // Only while someone listens: a process that only publishes reconnects at its next publish.
      if (this.listeners.size > 0) void this.connect();
    }, wait);
    this.reconnectTimer.unref();
  }

  /** Anyone allowed to NOTIFY in this database can send here: a foreign or malformed payload is dropped. */
  private deliver(pgName: string, raw: string | undefined): void {
    const channel = this.byPgName.get(pgName);
    if (!channel || raw === undefined) return;
    const colon = raw.indexOf(':');
    if (colon <= 0) return;
    if (raw.slice(0, colon) === this.origin) return;
    const payload = raw.slice(colon + 1);
    for (const listener of this.listeners.get(channel) ?? []) safely(() => listener(payload), this.options.log);
  }
}

function safely(fn: () => void, log: Logger | undefined): void {
  try {
    fn();
  } catch (err) {
    log?.error({ err }, 'notification listener failed');
  }
}
