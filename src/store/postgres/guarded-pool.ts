import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { PormError } from '../../errors.ts';
import { connectionFailure, isStalePreparedPlan } from './pg-errors.ts';

// The pool as Kysely sees it: the same pg Pool, but a failure that is about the database rather
// than the query (server down or restarting, connection cut, no free connection in time) leaves
// as a PormError with a stable code, so the API answers 503 PORM_DATABASE_UNAVAILABLE/BUSY
// instead of a 500, whichever route, CLI command or worker met it. The driver's error is kept as
// `cause` for the log. Every other error (a constraint, a serialization failure) passes unchanged,
// so the store's retry of aborted units still sees its SQLSTATE.

export class DatabaseError extends PormError {
  constructor(kind: 'busy' | 'unavailable', cause: Error) {
    super(kind === 'busy' ? 'PORM_DATABASE_BUSY' : 'PORM_DATABASE_UNAVAILABLE',
      kind === 'busy' ? 'no database connection became free in time; retry the request' : `the database is unavailable (${cause.message}); retry the request`);
    this.name = 'DatabaseError';
    this.cause = cause;
  }
}

/** PostgreSQL refused a text value for a NUL character: invalid byte sequence (22021) in text, or an unsupported \u0000 escape (22P05) in jsonb. */
const NUL_TEXT_STATES = new Set(['22021', '22P05']);

export class InvalidTextError extends PormError {
  constructor(cause: Error) {
    super('PORM_INVALID_TEXT', 'a text value contains a NUL character (U+0000), which the database cannot store');
    this.name = 'InvalidTextError';
    this.cause = cause;
  }
}

function translate(err: unknown): unknown {
  const kind = connectionFailure(err);
  if (kind) return new DatabaseError(kind, err as Error);
  // Else a 500 for what is the request's fault; SQLite stores such text, and porm's own validation
  // refuses it where it matters (message bodies), so this is the net under every other field.
  if (err instanceof Error && NUL_TEXT_STATES.has(String((err as { code?: unknown }).code))) return new InvalidTextError(err);
  return err;
}

/**
 * Statement names by SQL text, shared by every connection of the process (a name must always mean
 * the same text: node-postgres refuses otherwise). A named statement is parsed and planned once
 * per connection, then only bound and executed: porm runs a few dozen texts over and over, and
 * parsing them anew was half the server's CPU per message in the distributed bench. A text is
 * named on its third run, so statements built for one-off list lengths stay unnamed and do not use
 * up the cap, which keeps this map and each server connection's statement cache bounded.
 */
const statementNames = new Map<string, string>();
const sightings = new Map<string, number>();
const MAX_NAMED_STATEMENTS = 2000;
const NAMED_AFTER_RUNS = 3;
const MAX_SIGHTINGS = 10_000;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

export function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined) return known;
  if (statementNames.size >= MAX_NAMED_STATEMENTS || !PREPARABLE.test(text)) return undefined;
  const runs = (sightings.get(text) ?? 0) + 1;
  if (runs < NAMED_AFTER_RUNS) {
    if (sightings.size >= MAX_SIGHTINGS) sightings.clear();
    sightings.set(text, runs);
    return undefined;
  }
  sightings.delete(text);
  const name = `porm_${statementNames.size}`;
  statementNames.set(text, name);
  return name;
}

class GuardedClient implements PostgresPoolClient {
  private broken: Error | undefined;
  private readonly onError = (err: Error): void => {
    this.broken = err;
  };

  constructor(private readonly client: pg.PoolClient) {
    // While checked out a client has no 'error' listener of the pool's: a connection that breaks
    // between two statements (the server restarted during a transaction) would be an uncaught
    // 'error' event and end the process. The next query on it fails anyway, and is translated.
    client.on('error', this.onError);
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return (this.client as unknown as PostgresPoolClient).query(sqlOrCursor);
    const name = statementName(sqlOrCursor);
    const query = name === undefined ? { text: sqlOrCursor, values: parameters as unknown[] } : { name, text: sqlOrCursor, values: parameters as unknown[] };
    return (this.client.query(query) as unknown as Promise<PostgresQueryResult<R>>).catch((err: unknown) => {
      if (isStalePreparedPlan(err)) this.broken = err as Error;
      throw translate(err);
    });
  }

  release(): void {
    this.client.removeListener('error', this.onError);
    // A broken connection is destroyed rather than handed to the next query.
    this.client.release(this.broken);
  }
}

export class GuardedPool implements PostgresPool {
  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    try {
      return new GuardedClient(await this.pool.connect());
    } catch (err) {
      throw translate(err);
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
