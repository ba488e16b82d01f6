// Terminal output helpers: humans get aligned text, scripts get --json. Errors of every command
// go through printError: `porm: <message> [PORM_…]` on stderr, or under --json one JSON object
// {"error": {"code", "message", "fields"?}} on stderr, so stdout holds only results.
import type { ErrorCode } from '../errors.ts';

export interface Output {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printTable(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  printLine(line(columns.map((c) => c.toUpperCase())));
  for (const row of rows) printLine(line(columns.map((c) => row[c] ?? '')));
}

/** One error as the CLI reports it. */
export interface CliError {
  readonly code: string;
  readonly message: string;
  /** The invalid fields of a validation error, as the API lists them. */
  readonly fields?: ReadonlyArray<{ readonly field: string; readonly code: string; readonly message: string }>;
}

let jsonErrors = false;

/** From now on errors are printed as JSON (the command runs with --json) or as text. */
export function setJsonErrors(on: boolean): void {
  jsonErrors = on;
}

export function isJsonErrors(): boolean {
  return jsonErrors;
}

export function printError(error: CliError): void {
  const fields = error.fields ?? [];
  if (jsonErrors) {
    const body = { code: error.code, message: error.message, ...(fields.length > 0 ? { fields } : {}) };
    process.stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return;
  }
  // The code ends the first line, so that it stays next to the summary of a multi-line message.
  const [first, ...more] = error.message.split('\n');
  const lines = [`porm: ${first} [${error.code}]`, ...more, ...fields.map((f) => `  ${f.field}: ${f.message} (${f.code})`)];
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** Reports an error with its code and exits (1, or 2 for invalid configuration). */
export function fail(message: string, code: ErrorCode = 'PORM_CLI_USAGE'): never {
  printError({ code, message });
  process.exit(code === 'PORM_CONFIG_INVALID' ? 2 : 1);
}

const PORM_CODE = /^PORM_[A-Z0-9_]+$/;
const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM']);

/**
 * Any thrown error as the CLI reports it. Duck-typed rather than by class, so that this module
 * loads nothing: PormError, MediaError, AvError and PduError all carry a PORM_ code.
 */
export function cliErrorOf(err: unknown): CliError {
  if (typeof err !== 'object' || err === null) return { code: 'PORM_INTERNAL', message: String(err) };
  const { code, message, name, fields } = err as { code?: unknown; message?: unknown; name?: unknown; fields?: unknown };
  const text = typeof message === 'string' ? message : String(err);
  if (typeof code === 'string' && PORM_CODE.test(code)) {
    return { code, message: text, ...(Array.isArray(fields) && fields.length > 0 ? { fields: fields as NonNullable<CliError['fields']> } : {}) };
  }
  if (name === 'ConfigError') return { code: 'PORM_CONFIG_INVALID', message: text };
  if (typeof code === 'string' && FILE_ERRORS.has(code)) return { code: 'PORM_CLI_FILE_UNREADABLE', message: text };
  return { code: 'PORM_INTERNAL', message: text };
}

/** Reports any thrown error with its code and exits; as text, an unexpected one (a bug) also shows its stack. */
export function explain(err: unknown): never {
  const error = cliErrorOf(err);
  printError(error);
  if (error.code === 'PORM_INTERNAL' && !jsonErrors && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(error.code === 'PORM_CONFIG_INVALID' ? 2 : 1);
}

/**
 * `porm … | head` closes the pipe early: stop quietly (exit 0) instead of dying on EPIPE with a
 * stack trace. Node ignores SIGPIPE, so the failed write arrives as an 'error' event.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
