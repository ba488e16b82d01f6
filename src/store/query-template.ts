import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './schema.ts';

const MARK = Symbol('porm.placeholder');

interface Placeholder {
  readonly [MARK]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && MARK in value;
}

/** Runs compiled SQL synchronously on a connection; stores that have one register it for their Db. */
export type DirectExecutor = (sql: string, parameters: readonly unknown[]) => QueryResult<unknown>;

const directExecutors = new WeakMap<Db, DirectExecutor>();

/**
 * Lets templates skip Kysely's driver layer (connection mutex, promises) for a Db whose engine
 * can run statements synchronously. Only store/ calls this; other engines simply don't.
 */
export function registerDirectExecutor(db: Db, executor: DirectExecutor): void {
  directExecutors.set(db, executor);
}

/** The synchronous executor registered for `db`, if any. */
export function directExecutorOf(db: Db): DirectExecutor | undefined {
  return directExecutors.get(db);
}

/** Runs compiled SQL on `db`'s direct executor when it has one, else through Kysely (rows-template.ts shares it). */
export function runCompiled<R>(db: Db, sql: string, values: unknown[]): Promise<QueryResult<R>> {
  const direct = directExecutors.get(db);
  if (direct) {
    try {
      return Promise.resolve(direct(sql, values) as QueryResult<R>);
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return db.executeQuery<R>(CompiledQuery.raw(sql, values));
}

/**
 * A query built with Kysely once and then reused with new values.
 *
 * Kysely builds and compiles an AST on every call, which costs ten times more than SQLite
 * running a small statement; on the hot paths (accepting a message, moving it through its
 * states) that dominated the CPU profile. A template is written with the normal builder,
 * using `p.name` where values go, compiled once per database (so each dialect gets its own
 * SQL and placeholders), and afterwards only its parameters change.
 */
export function queryTemplate<P extends Record<string, unknown>, R = unknown>(
  build: (db: Db, p: { [K in keyof P]: P[K] }) => Compilable<R>,
): (db: Db, params: P) => Promise<QueryResult<R>> {
  const compiled = new WeakMap<Db, { sql: string; names: string[]; fixed: unknown[] }>();
  // Reading any property gives its placeholder. Spreading gives nothing, so templates name every column.
  const placeholders = new Proxy({}, { get: (_t, name) => ({ [MARK]: String(name) }) }) as { [K in keyof P]: P[K] };
  return (db, params) => {
    let entry = compiled.get(db);
    if (!entry) {
      const query = build(db, placeholders).compile();
      // Parameters that are not placeholders (constants in the template) keep their value.
      const names = query.parameters.map((v) => (isPlaceholder(v) ? v[MARK] : ''));
      entry = { sql: query.sql, names, fixed: query.parameters.map((v) => (isPlaceholder(v) ? undefined : v)) };
      compiled.set(db, entry);
    }
    const { sql, names, fixed } = entry;
    const values = names.map((name, i) => (name === '' ? fixed[i] : params[name]));
    return runCompiled<R>(db, sql, values);
  };
}
