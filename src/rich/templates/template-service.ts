import { EventEmitter } from 'node:events';
import { PormError, type FieldError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import { decodeCursor, encodeCursor, type Page } from '../../messages/query-service.ts';
import { validateTemplate, type TemplateDocError, type TemplateDocument } from '../format/index.ts';
import { compileDocument, type CompiledDocument } from '../expand/index.ts';
import type { Notifier } from '../../notify/notifier.ts';
import { parseRevisionNotice, revisionNotice } from './revision-notice.ts';

export interface TemplateSummary {
  id: string;
  name: string;
  latestRevision: number;
  inline: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateRevision {
  templateId: string;
  revision: number;
  document: TemplateDocument;
  note: string | null;
  createdAt: number;
}

export interface TemplateInput {
  document: unknown;
  name?: string;
  note?: string;
  /** The revision this change started from: when another has been saved since, nothing is saved (PORM_RICH_TEMPLATE_CHANGED). */
  expectedRevision?: number;
}

const COMPILED_CACHE = 500;

/** Template documents turned into the API's field errors: the JSON pointer is the field. */
export function templateInvalid(errors: readonly TemplateDocError[], prefix = ''): PormError {
  const fields: FieldError[] = errors.map((e) => ({
    field: `${prefix}${e.pointer}`, code: e.code,
    message: e.position ? `${e.message} (line ${e.position.line}, column ${e.position.col})` : e.message,
  }));
  return new PormError('PORM_RICH_TEMPLATE_INVALID', `the template has ${errors.length} error${errors.length === 1 ? '' : 's'}; the first: ${fields[0]?.field || '/'}: ${fields[0]?.message}`, fields);
}

/**
 * Templates and their revisions. A revision is never changed: revising appends one, and every
 * message that follows the template (is not pinned) shows the new one at its next open. Listeners
 * hear about revisions so open pages can update live. Compiled documents are cached per revision.
 */
export class TemplateService {
  private readonly compiled = new Map<string, CompiledDocument>();
  private readonly revised = new EventEmitter();
  private listeningRemote = false;

  /** With a `notifier`, pages open on other processes hear of revisions saved here, and the reverse. */
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly urlSchemes: readonly string[], private readonly notifier?: Notifier) {
    this.revised.setMaxListeners(0);
  }

  validate(document: unknown, prefix = '/document'): TemplateDocument {
    const result = validateTemplate(document, { urlSchemes: this.urlSchemes });
    if (!result.ok) throw templateInvalid(result.errors, prefix);
    return result.template;
  }

  async create(accountId: string, input: TemplateInput, inline = false): Promise<TemplateSummary & { revision: TemplateRevision }> {
    const document = this.validate(input.document, inline ? '/template' : '/document');
    const now = this.clock.now();
    const id = newId('tpl', now);
    const name = input.name ?? document.name;
    return this.store.write(async (tx) => {
      await tx.insertInto('templates').values({ id, account_id: accountId, name, latest_revision: 1, inline: inline ? 1 : 0, created_at: now, updated_at: now }).execute();
      const revision = await this.insertRevision(tx, id, 1, document, input.note ?? null, now);
      return { id, name, latestRevision: 1, inline, createdAt: now, updatedAt: now, revision };
    });
  }

  /** An inline template (sent with a message): stored like any template, hidden from lists, never revised. */
  async insertInline(tx: Db, accountId: string, document: TemplateDocument, now: number): Promise<string> {
    const id = newId('tpl', now);
    await tx.insertInto('templates').values({ id, account_id: accountId, name: document.name, latest_revision: 1, inline: 1, created_at: now, updated_at: now }).execute();
    await this.insertRevision(tx, id, 1, document, null, now);
    return id;
  }

  /** Appends a revision; messages that are not pinned show it from their next open on. */
  async revise(accountId: string, id: string, input: TemplateInput): Promise<TemplateSummary & { revision: TemplateRevision }> {
    const document = this.validate(input.document);
    const now = this.clock.now();
    const result = await this.store.write(async (tx) => {
      const row = await tx.selectFrom('templates').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      if (!row || row.inline) throw new PormError('PORM_RICH_TEMPLATE_NOT_FOUND');
      if (input.expectedRevision !== undefined && row.latest_revision !== input.expectedRevision) {
        throw new PormError('PORM_RICH_TEMPLATE_CHANGED', `revision ${row.latest_revision} was saved after revision ${input.expectedRevision}, which this change started from`);
      }
      const next = row.latest_revision + 1;
      const name = input.name ?? row.name;
      await tx.updateTable('templates').set({ latest_revision: next, name, updated_at: now }).where('id', '=', id).execute();
      const revision = await this.insertRevision(tx, id, next, document, input.note ?? null, now);
      return { id, name, latestRevision: next, inline: false, createdAt: row.created_at, updatedAt: now, revision };
    });
    this.revised.emit(id, result.latestRevision);
    // After the commit (write has resolved), so a page told of it can load it. Not awaited: the
    // answer to the request does not wait for a notifier that is reconnecting (publish rejects only an
    // oversized payload, which a notice of two short fields never is).
    void this.notifier?.publish('revisions', revisionNotice(id, result.latestRevision));
    return result;
  }

  async get(accountId: string, id: string): Promise<TemplateSummary> {
    const row = await this.store.db.selectFrom('templates').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_RICH_TEMPLATE_NOT_FOUND');
    return summary(row);
  }

  async list(accountId: string, options: { limit: number; cursor?: string }): Promise<Page<TemplateSummary>> {
    let q = this.store.db.selectFrom('templates').selectAll().where('account_id', '=', accountId).where('inline', '=', 0);
    if (options.cursor) q = q.where('id', '<', decodeCursor(options.cursor, 'tpl'));
    const rows = await q.orderBy('id', 'desc').limit(options.limit + 1).execute();
    const page = rows.slice(0, options.limit).map(summary);
    return { data: page, nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1]!.id) : null };
  }

  async revisions(accountId: string, id: string): Promise<Array<Omit<TemplateRevision, 'document'>>> {
    await this.get(accountId, id);
    const rows = await this.store.db.selectFrom('template_revisions').select(['template_id', 'revision', 'note', 'created_at'])
      .where('template_id', '=', id).orderBy('revision', 'desc').execute();
    return rows.map((r) => ({ templateId: r.template_id, revision: r.revision, note: r.note, createdAt: r.created_at }));
  }

  /** One revision of a template of this account; the latest when `revision` is null. */
  async revision(accountId: string, id: string, revision: number | null): Promise<TemplateRevision> {
    const t = await this.get(accountId, id);
    return this.revisionOf(id, revision ?? t.latestRevision);
  }

  async revisionOf(templateId: string, revision: number): Promise<TemplateRevision> {
    const row = await this.store.db.selectFrom('template_revisions').selectAll()
      .where('template_id', '=', templateId).where('revision', '=', revision).executeTakeFirst();
    if (!row) throw new PormError('PORM_RICH_REVISION_NOT_FOUND', `template ${templateId} has no revision ${revision}`);
    return { templateId, revision, document: JSON.parse(row.document_json) as TemplateDocument, note: row.note, createdAt: row.created_at };
  }

  async latestRevisionNumber(templateId: string): Promise<number> {
    const row = await this.store.db.selectFrom('templates').select('latest_revision').where('id', '=', templateId).executeTakeFirst();
    if (!row) throw new PormError('PORM_RICH_TEMPLATE_NOT_FOUND');
    return row.latest_revision;
  }

  /** The compiled form of a revision, compiled once and kept (revisions never change). */
  async compiledRevision(templateId: string, revision: number): Promise<CompiledDocument> {
    const key = `${templateId}@${revision}`;
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const rev = await this.revisionOf(templateId, revision);
    const compiled = compileDocument(rev.document, { urlSchemes: this.urlSchemes });
    if (this.compiled.size >= COMPILED_CACHE) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, compiled);
    return compiled;
  }

  compile(document: TemplateDocument): CompiledDocument {
    return compileDocument(document, { urlSchemes: this.urlSchemes });
  }

  /** Calls `listener(revision)` whenever the template gets a new revision; returns the unsubscribe. */
  onRevised(templateId: string, listener: (revision: number) => void): () => void {
    if (this.notifier && !this.listeningRemote) {
      // Subscribed once, by the first open page: worker processes, which never serve one, stay off the channel.
      this.listeningRemote = true;
      this.notifier.subscribe('revisions', (payload) => {
        const notice = parseRevisionNotice(payload);
        if (notice) this.revised.emit(notice.templateId, notice.revision);
      });
    }
    this.revised.on(templateId, listener);
    return () => this.revised.off(templateId, listener);
  }

  private async insertRevision(tx: Db, templateId: string, revision: number, document: TemplateDocument, note: string | null, now: number): Promise<TemplateRevision> {
    await tx.insertInto('template_revisions').values({ template_id: templateId, revision, document_json: JSON.stringify(document), note, created_at: now }).execute();
    return { templateId, revision, document, note, createdAt: now };
  }
}

function summary(row: { id: string; name: string; latest_revision: number; inline: number; created_at: number; updated_at: number }): TemplateSummary {
  return { id: row.id, name: row.name, latestRevision: row.latest_revision, inline: row.inline === 1, createdAt: row.created_at, updatedAt: row.updated_at };
}
