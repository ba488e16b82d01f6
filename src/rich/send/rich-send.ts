import { PormError, type FieldError } from '../../errors.ts';
import { randomBase62 } from '../../ids.ts';
import type { Db } from '../../store/schema.ts';
import type { RichChannel, RichRef } from '../../messages/model.ts';
import type { SendCommand } from '../../messages/commands.ts';
import type { Clock } from '../../clock.ts';
import { jsonDepthExceeds } from '../../messages/validate.ts';
import type { TemplateDocument } from '../format/index.ts';
import type { CompiledDocument } from '../expand/index.ts';
import { buildSmsText } from '../fallback/index.ts';
import { pageUrl, type PublicBaseUrl } from '../page-url.ts';
import type { TemplateService } from '../templates/template-service.ts';
import type { ContactDirectory } from '../contacts/contact-capabilities.ts';

/** The template fields of a send command. */
export type RichSendInput = Pick<SendCommand, 'template' | 'templateRevision' | 'data' | 'channel'>;

export interface PreparedRich {
  ref: RichRef;
  /** An inline template, stored with the message (hidden from template lists). */
  inline: TemplateDocument | null;
  /** The SMS text of the message as bound now: the message's `body` in the API. */
  previewBody: string;
}

export const MAX_DATA_BYTES = 64 * 1024;
export const MAX_DATA_DEPTH = 16;
/** 22 base62 characters: 130 bits, unguessable, short enough for an SMS. */
export const PAGE_TOKEN_LENGTH = 22;

/**
 * Turns a send request that names a template into what the message stores: the template
 * reference, the recipient's data, the delivery form and the page token. It binds the template
 * once now, so data that blocks the send (or breaks the caps) is refused before anything is stored.
 */
export class RichSender {
  constructor(private readonly templates: TemplateService, private readonly contacts: ContactDirectory, private readonly baseUrl: PublicBaseUrl, private readonly clock: Clock) {}

  async prepare(accountId: string, messageId: string, to: string, input: RichSendInput): Promise<PreparedRich> {
    const data = input.data ?? {};
    checkData(data);
    let compiled: CompiledDocument;
    let templateId = '';
    let inline: TemplateDocument | null = null;
    let revision = 0;
    if (typeof input.template === 'string') {
      const t = await this.templates.get(accountId, input.template).catch((err: unknown) => {
        if (err instanceof PormError) throw new PormError(err.code, err.message, [{ field: '/template', code: err.code, message: err.message }]);
        throw err;
      });
      if (t.inline) throw new PormError('PORM_RICH_TEMPLATE_NOT_FOUND');
      revision = input.templateRevision ?? t.latestRevision;
      if (revision > t.latestRevision) throw new PormError('PORM_RICH_REVISION_NOT_FOUND', `template ${t.id} has ${t.latestRevision} revision(s)`, [{ field: '/templateRevision', code: 'PORM_RICH_REVISION_NOT_FOUND', message: 'no such revision' }]);
      templateId = t.id;
      compiled = await this.templates.compiledRevision(t.id, revision);
    } else if (input.template !== undefined) {
      if (input.templateRevision !== undefined) throw new PormError('PORM_VALIDATION_FAILED', 'template_revision applies to saved templates only', [{ field: '/templateRevision', code: 'PORM_VALIDATION_FAILED', message: 'inline templates have one revision' }]);
      inline = this.templates.validate(input.template, '/template');
      compiled = this.templates.compile(inline);
      revision = 1;
    } else {
      throw new PormError('PORM_MISSING_FIELD', 'template is required');
    }
    const bound = compiled.bind({ data, revision, variantSeed: messageId, now: this.clock.now() });
    if (!bound.ok) {
      const e = bound.error;
      throw new PormError(e.code, e.message, e.fields.map((f) => ({ ...f, field: f.field.startsWith('/') ? `/data${f.field}` : `/data/${f.field}` })));
    }
    const channel = await this.chooseChannel(accountId, to, input.channel ?? 'auto');
    const pageToken = randomBase62(PAGE_TOKEN_LENGTH);
    const previewBody = buildSmsText(bound.message, { pageUrl: pageUrl(this.baseUrl(), pageToken) }).text;
    return {
      ref: { templateId, pinnedRevision: input.templateRevision ?? null, data, pageToken, channel },
      inline, previewBody,
    };
  }

  /** Stores an inline template inside the message's own write unit; returns its id. */
  async storeInline(tx: Db, accountId: string, document: TemplateDocument, now: number): Promise<string> {
    return this.templates.insertInline(tx, accountId, document, now);
  }

  /**
   * porm → MMS → SMS: the porm form once the phone has rendered a porm message, else the MMS
   * form (every route porm has today carries MMS); SMS only when the sender forces it.
   */
  private async chooseChannel(accountId: string, to: string, wanted: 'auto' | RichChannel): Promise<RichChannel> {
    if (wanted !== 'auto') return wanted;
    const known = await this.contacts.get(accountId, to);
    return known?.richCapable ? 'porm' : 'mms';
  }
}

function checkData(data: unknown): void {
  const fail = (message: string): never => {
    throw new PormError('PORM_RICH_DATA_INVALID', message, [{ field: '/data', code: 'PORM_RICH_DATA_INVALID', message } satisfies FieldError]);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('data must be a JSON object');
  if (jsonDepthExceeds(data, MAX_DATA_DEPTH)) fail(`data is nested deeper than ${MAX_DATA_DEPTH} levels`);
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DATA_BYTES) fail(`data is larger than ${MAX_DATA_BYTES} bytes of JSON`);
}
