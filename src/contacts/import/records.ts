import { parse } from 'csv-parse/sync';

// CSV text to records, with row-level errors instead of a failed file. Records are framed here
// (a record ends at a line break outside quotes: an even number of quotes since its start, which
// is exact for RFC 4180, since an escaped quote is two) and parsed by csv-parse. Framing first is
// what lets one broken row be reported and skipped: csv-parse's own recovery after a quoting error
// loses the rows that follow. A record that grows past MAX_RECORD_CHARS (an unclosed quote, or a
// line of ten million cells) is reported at its first line; an unclosed quote's buffered lines are
// framed again from the next line, and an over-long single line is skipped to its end without
// being held in memory.

export const MAX_RECORD_CHARS = 64 * 1024;

export type CsvItem =
  | { kind: 'record'; line: number; cells: string[] }
  | { kind: 'error'; line: number; code: 'PORM_IMPORT_BAD_ROW'; value: string; reason: string };

interface Framed { line: number; text: string }
type BadRow = Extract<CsvItem, { kind: 'error' }>;
interface Line { no: number; text: string }

function quotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** Physical lines (without \r\n), 1-based; a line longer than MAX_RECORD_CHARS is reported and skipped to its end, never held whole. */
async function* physicalLines(chunks: AsyncIterable<string>): AsyncGenerator<Array<Line | BadRow>> {
  let carry = '';
  let no = 0;
  let discarding = false;
  for await (const chunk of chunks) {
    // One array per chunk: an await per line (three generators deep) cost more than the framing itself.
    const out: Array<Line | BadRow> = [];
    const text = carry + chunk;
    carry = '';
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (discarding) {
        discarding = false;
        continue;
      }
      no++;
      out.push({ no, text: line.endsWith('\r') ? line.slice(0, -1) : line });
    }
    const rest = text.slice(start);
    if (discarding) {
      if (out.length > 0) yield out;
      continue;
    }
    if (rest.length > MAX_RECORD_CHARS) {
      no++;
      out.push({ kind: 'error', line: no, code: 'PORM_IMPORT_BAD_ROW', value: rest.slice(0, 200), reason: `the row is longer than ${MAX_RECORD_CHARS} characters` });
      discarding = true;
      yield out;
      continue;
    }
    carry = rest;
    if (out.length > 0) yield out;
  }
  if (!discarding && carry !== '') {
    no++;
    yield [{ no, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry }];
  }
}

/**
 * Lines to framed records. A record spanning lines (a quoted line break) is parsed here: if it is
 * not valid CSV, or its quote never closes within MAX_RECORD_CHARS, its first line is reported and
 * the lines after it are framed again, so one stray quote costs one row.
 */
export async function* frameRecords(chunks: AsyncIterable<string>): AsyncGenerator<Framed | BadRow> {
  for await (const batch of frameRecordBatches(chunks)) yield* batch;
}

/** frameRecords, as arrays of what one chunk of text framed. */
async function* frameRecordBatches(chunks: AsyncIterable<string>): AsyncGenerator<Array<Framed | BadRow>> {
  const source = physicalLines(chunks)[Symbol.asyncIterator]();
  const pushback: Line[] = [];
  let lines: Array<Line | BadRow> = [];
  let at = 0;
  let out: Array<Framed | BadRow> = [];
  let pending: Line[] = [];
  let chars = 0;
  let open = false;
  const reject = (): BadRow => {
    const [first, ...rest] = pending;
    pushback.unshift(...rest);
    pending = [];
    chars = 0;
    open = false;
    return { kind: 'error', line: first!.no, code: 'PORM_IMPORT_BAD_ROW', value: first!.text.slice(0, 200), reason: 'a quote opened in this row is never closed' };
  };
  for (;;) {
    let line: Line | BadRow | undefined = pushback.shift();
    if (line === undefined) {
      if (at === lines.length) {
        if (out.length > 0) {
          yield out;
          out = [];
        }
        const next = await source.next();
        if (next.done) {
          // A quote still open at the end of the file: report its first line and frame the rest again.
          if (pending.length === 0) break;
          out.push(reject());
          continue;
        }
        lines = next.value;
        at = 0;
      }
      line = lines[at++]!;
    }
    if ('kind' in line) {
      // An over-long line inside an open quote ends that record too.
      if (pending.length > 0) out.push(reject());
      out.push(line);
      continue;
    }
    pending.push(line);
    chars += line.text.length + 1;
    if (quotes(line.text) % 2 === 1) open = !open;
    if (!open) {
      const text = pending.map((l) => l.text).join('\n');
      if (pending.length > 1 && typeof parseOne(text) === 'string') {
        out.push(reject());
        continue;
      }
      out.push({ line: pending[0]!.no, text });
      pending = [];
      chars = 0;
    } else if (chars > MAX_RECORD_CHARS) {
      out.push(reject());
    }
  }
  if (out.length > 0) yield out;
}

/** No quote and no CR (framing took the line's own CRLF off): nothing csv-parse would read as more than commas. */
function isPlain(text: string): boolean {
  return !text.includes('"') && !text.includes('\r');
}

function parseOne(text: string): string[] | string {
  try {
    const rows = parse(text, { relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch (err) {
    return err instanceof Error ? err.message.slice(0, 200) : 'not valid CSV';
  }
}

/**
 * Framed records to cells, parsed in batches (one csv-parse call per batch); a batch that does
 * not parse is parsed record by record to tell which row is broken. Empty lines are skipped.
 */
export async function* csvRecords(chunks: AsyncIterable<string>, batchSize = 500): AsyncGenerator<CsvItem[]> {
  let batch: Framed[] = [];
  const flush = (): CsvItem[] => {
    const framed = batch;
    batch = [];
    // A record with no quote and no CR is its text split at commas (what csv-parse makes of it,
    // records.test.ts checks): csv-parse is then asked only about the records that need it. It was
    // a tenth of an import's time.
    const quoted = framed.filter((f) => !isPlain(f.text));
    let rows: string[][] | undefined = [];
    if (quoted.length > 0) {
      try {
        rows = parse(quoted.map((f) => f.text).join('\n'), { relax_column_count: true }) as string[][];
      } catch {
        rows = undefined;
      }
    }
    if (rows && rows.length === quoted.length) {
      let next = 0;
      return framed.map((f) => ({ kind: 'record' as const, line: f.line, cells: isPlain(f.text) ? f.text.split(',') : rows[next++]! }));
    }
    return framed.map((f) => {
      const one = parseOne(f.text);
      return typeof one === 'string'
        ? { kind: 'error' as const, line: f.line, code: 'PORM_IMPORT_BAD_ROW' as const, value: f.text.slice(0, 200), reason: one }
        : { kind: 'record' as const, line: f.line, cells: one };
    });
  };
  const out: CsvItem[] = [];
  for await (const framed of frameRecordBatches(chunks)) {
    for (const item of framed) {
      if ('kind' in item) {
        out.push(...(batch.length > 0 ? flush() : []), item);
      } else if (item.text.trim() !== '') {
        batch.push(item);
        if (batch.length >= batchSize) out.push(...flush());
      }
      if (out.length >= batchSize) yield out.splice(0, out.length);
    }
  }
  if (batch.length > 0) out.push(...flush());
  if (out.length > 0) yield out;
}
