import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Selectable } from 'kysely';
import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { decodeCursor, encodeCursor, type Page } from '../../messages/query-service.ts';
import { isHttpUrl } from '../../messages/validate.ts';
import { csvCell } from '../../compliance/consent/csv.ts';
import { defaultProgramId, findProgram } from '../../compliance/programs/program-store.ts';
import type { ContactImportsTable } from '../tables.ts';
import { countryOf } from '../phone.ts';
import { requireLists } from '../contact-writes.ts';
import { decodeText } from './decode.ts';
import { csvRecords } from './records.ts';
import { checkOptions, mapHeader, MAX_HEADER_COLUMNS, type CheckedOptions, type ImportOptions } from './options.ts';
import { rowContact, type RowContact, type RowError } from './row.ts';
import { commitBatch, type BatchContext } from './commit-batch.ts';

// CSV imports of contacts: an import resource with counts and status, the file streamed through
// decode → frame → parse → check → batched write units (memory stays one batch), stoppable between
// batches, with a per-row error report. The API spools the upload to a file and runs the import in
// the background; the CLI runs it in the foreground with a progress bar.

export type ImportStatus = 'importing' | 'completed' | 'canceled' | 'failed';

export interface ContactImport {
  id: string;
  accountId: string;
  status: ImportStatus;
  fileName: string | null;
  options: CheckedOptions;
  rowsRead: number;
  created: number;
  updated: number;
  skipped: number;
  duplicates: number;
  invalid: number;
  consents: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** Rows the file was counted to hold when uploaded (null: not counted). */
  rowsExpected: number | null;
}

export interface ImportProgress { rowsRead: number; bytesRead: number }

/**
 * Rows per write unit. Each unit is one commit, an fsync under synchronous=FULL (~3 ms here): at
 * 1,000 rows that was a tenth of the import's time at its goal of 50,000 rows/s. 2,500 rows hold
 * the single SQLite writer for tens of milliseconds, as a burst of API group commits does.
 */
export const BATCH_ROWS = 2500;

function importFromRow(r: Selectable<ContactImportsTable>): ContactImport {
  return {
    id: r.id, accountId: r.account_id, status: r.status as ImportStatus, fileName: r.file_name, options: JSON.parse(r.options_json) as CheckedOptions,
    rowsRead: r.rows_read, created: r.created, updated: r.updated, skipped: r.skipped, duplicates: r.duplicates, invalid: r.invalid, consents: r.consents,
    errorCode: r.error_code, errorMessage: r.error_message, createdAt: r.created_at, updatedAt: r.updated_at, finishedAt: r.finished_at, rowsExpected: r.rows_expected === null ? null : Number(r.rows_expected),
  };
}

export class ContactImports {
  /** Imports this process runs in the background (the API's), so close() can wait for them. */
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Checks the options (list, program, country) and stores the import, status importing. */
  async create(accountId: string, fileName: string | null, options: ImportOptions, rowsExpected: number | null = null): Promise<ContactImport> {
    const checked = checkOptions(options);
    countryOf(checked.defaultCountry);
    if (checked.consent?.url !== undefined && !isHttpUrl(checked.consent.url)) throw new PormError('PORM_INVALID_URL', 'the form\'s absolute http(s) URL', [{ field: '/consent/url', code: 'PORM_INVALID_URL', message: 'an absolute http(s) URL' }]);
    const now = this.clock.now();
    const id = newId('imp', now);
    await this.store.write(async (tx) => {
      if (checked.listId !== null) await requireLists(tx, accountId, [checked.listId], '/list');
      if (checked.consent !== null) {
        const programId = checked.consent.programId ?? defaultProgramId(accountId);
        if (!(await findProgram(tx, accountId, programId))) throw new PormError('PORM_PROGRAM_NOT_FOUND', 'no such program in this account', [{ field: '/consent/program_id', code: 'PORM_PROGRAM_NOT_FOUND', message: 'no such program in this account' }]);
      }
      await tx.insertInto('contact_imports').values({
        id, account_id: accountId, status: 'importing', file_name: fileName === null ? null : fileName.slice(0, 255), options_json: JSON.stringify(checked),
        rows_read: 0, created: 0, updated: 0, skipped: 0, duplicates: 0, invalid: 0, consents: 0, error_code: null, error_message: null, created_at: now, updated_at: now, finished_at: null, rows_expected: rowsExpected,
      }).execute();
    });
    return this.get(accountId, id);
  }

  async get(accountId: string, id: string): Promise<ContactImport> {
    const row = await this.store.db.selectFrom('contact_imports').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new PormError('PORM_IMPORT_NOT_FOUND');
    return importFromRow(row);
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<ContactImport>> {
    let q = this.store.db.selectFrom('contact_imports').selectAll().where('account_id', '=', accountId);
    if (cursor) q = q.where('id', '<', decodeCursor(cursor, 'imp'));
    const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = rows.slice(0, limit).map(importFromRow);
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** Stops the import before its next batch; rows already committed stay. */
  async cancel(accountId: string, id: string): Promise<ContactImport> {
    const now = this.clock.now();
    const result = await this.store.write((tx) => tx.updateTable('contact_imports').set({ status: 'canceled', updated_at: now, finished_at: now })
      .where('account_id', '=', accountId).where('id', '=', id).where('status', '=', 'importing').executeTakeFirst());
    if (Number(result.numUpdatedRows) === 0) {
      await this.get(accountId, id);
      throw new PormError('PORM_IMPORT_NOT_RUNNING');
    }
    return this.get(accountId, id);
  }

  /** Reads and commits the whole file; resolves with the import as it ended. */
  async run(accountId: string, id: string, source: AsyncIterable<Buffer>, onProgress?: (p: ImportProgress) => void): Promise<ContactImport> {
    const current = await this.get(accountId, id);
    const options = current.options;
    const country = countryOf(options.defaultCountry);
    let bytesRead = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        bytesRead += chunk.length;
        yield chunk;
      }
    }
    const ctx: BatchContext = {
      importId: id, accountId, onDuplicate: options.onDuplicate, listId: options.listId, now: 0,
      consent: options.consent === null ? null : { programId: options.consent.programId ?? defaultProgramId(accountId), wording: options.consent.wording, source: options.consent.source ?? 'import', url: options.consent.url ?? null },
    };
    let fields: ReturnType<typeof mapHeader> | undefined;
    let pending: Array<RowContact | RowError> = [];
    let rowsRead = 0;
    const flush = async (): Promise<boolean> => {
      if (this.closing) {
        await this.finish(id, 'failed', 'PORM_IMPORT_INTERRUPTED', 'porm stopped during the import; the rows committed before stay: import the file again (with on_duplicate update) to finish it');
        return false;
      }
      if (pending.length === 0) return true;
      ctx.now = this.clock.now();
      const counts = await commitBatch(this.store, ctx, pending);
      rowsRead += pending.length;
      pending = [];
      onProgress?.({ rowsRead, bytesRead });
      return counts !== undefined;
    };
    try {
      for await (const batch of csvRecords(decodeText(counted(), options.encoding))) {
        for (const item of batch) {
          if (fields === undefined) {
            if (item.kind === 'error' || item.cells.length > MAX_HEADER_COLUMNS || item.cells.every((c) => c.trim() === '')) {
              throw new PormError('PORM_IMPORT_BAD_HEADER', item.kind === 'error' ? `the header is not valid CSV: ${item.reason}` : `the header has ${item.cells.length} columns; at most ${MAX_HEADER_COLUMNS}`);
            }
            fields = mapHeader(item.cells, options.columns);
            continue;
          }
          pending.push(item.kind === 'error' ? { line: item.line, value: item.value, code: item.code, reason: item.reason } : rowContact(item.line, item.cells, fields, country));
          if (pending.length >= BATCH_ROWS && !(await flush())) return this.get(accountId, id);
        }
      }
      if (fields === undefined) throw new PormError('PORM_IMPORT_BAD_HEADER', 'the file is empty: it needs a header and rows');
      if (!(await flush())) return this.get(accountId, id);
      await this.finish(id, 'completed', null, null);
    } catch (err) {
      const code = err instanceof PormError ? err.code : 'PORM_INTERNAL';
      await this.finish(id, 'failed', code, err instanceof Error ? err.message.slice(0, 1000) : String(err));
      if (!(err instanceof PormError)) throw err;
    }
    return this.get(accountId, id);
  }

  /** For the API: runs the import of a spooled file in the background, deleting the file afterwards. */
  runInBackground(accountId: string, id: string, path: string, onError: (err: unknown) => void): void {
    const task = this.run(accountId, id, createReadStream(path, { highWaterMark: 256 * 1024 }))
      .catch(onError)
      .finally(() => rm(path, { force: true }));
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** Stops background imports at their next batch (marked failed, PORM_IMPORT_INTERRUPTED) and waits for them. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.running]);
  }

  /** The error report as CSV lines (header first), row order, read in chunks; cells neutralised against formula injection. */
  async *errorsCsv(accountId: string, id: string): AsyncGenerator<string> {
    await this.get(accountId, id);
    yield ['row', 'value', 'code', 'reason'].map(csvCell).join(',');
    let after = -1;
    for (;;) {
      const rows = await this.store.db.selectFrom('contact_import_errors').selectAll().where('import_id', '=', id).where('seq', '>', after).orderBy('seq').limit(1000).execute();
      for (const r of rows) yield [r.row, r.value, r.code, r.reason].map(csvCell).join(',');
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** The first rows of the error report, in row order (the dashboard's import page; the whole report is errorsCsv). */
  async errorRows(accountId: string, id: string, limit: number): Promise<Array<{ row: number; value: string; code: string; reason: string }>> {
    await this.get(accountId, id);
    const rows = await this.store.db.selectFrom('contact_import_errors').select(['row', 'value', 'code', 'reason']).where('import_id', '=', id).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ row: Number(r.row), value: r.value, code: r.code, reason: r.reason }));
  }

  private async finish(id: string, status: ImportStatus, code: string | null, message: string | null): Promise<void> {
    const now = this.clock.now();
    await this.store.write((tx) => tx.updateTable('contact_imports').set({ status, error_code: code, error_message: message, updated_at: now, finished_at: now })
      .where('id', '=', id).where('status', '=', 'importing').execute());
  }
}
