import assert from 'node:assert/strict';
import type { PormError } from '../../errors.ts';
import type { BoundComponent, BoundMessage } from '../bound/model.ts';
import { validateTemplate } from '../format/validate.ts';
import type { Component, Slot, TemplateDocument } from '../format/types.ts';
import { compileDocument } from './index.ts';
import type { BindInput, BindWarning, ExpandOptions } from './types.ts';

// Shared by the expand tests only: small documents and binds that assert their outcome.

export const THEME = { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', font: 'inter', cornerRadius: 8 } as const;

export function makeDoc(components: readonly Component[], data: Readonly<Record<string, Slot>> = {}, extra: Partial<TemplateDocument> = {}): TemplateDocument {
  return { version: 1, name: 'test', theme: THEME, data, components, ...extra };
}

/** Asserts the document passes validation, so tests exercise documents a sender could store. */
export function valid(doc: TemplateDocument, options: ExpandOptions = {}): TemplateDocument {
  const r = validateTemplate(doc, options.urlSchemes ? { urlSchemes: options.urlSchemes } : {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors, null, 1));
  return doc;
}

export interface Bound {
  readonly message: BoundMessage;
  readonly warnings: readonly BindWarning[];
  readonly missing: readonly string[];
}

export function bindOk(doc: TemplateDocument, data: unknown, input: Partial<BindInput> = {}, options: ExpandOptions = {}): Bound {
  const r = compileDocument(doc, options).bind({ data, revision: 1, variantSeed: 'seed', now: Date.UTC(2026, 0, 1), ...input });
  if (!r.ok) assert.fail(`expected ok, got ${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.fields)}`);
  return r;
}

export function bindError(doc: TemplateDocument, data: unknown, input: Partial<BindInput> = {}, options: ExpandOptions = {}): PormError {
  const r = compileDocument(doc, options).bind({ data, revision: 1, variantSeed: 'seed', now: Date.UTC(2026, 0, 1), ...input });
  if (r.ok) assert.fail(`expected an error, got ${JSON.stringify(r.message.components)}`);
  return r.error;
}

export function component<T extends BoundComponent['type']>(m: BoundMessage, type: T, n = 0): Extract<BoundComponent, { type: T }> {
  const found = m.components.filter((c): c is Extract<BoundComponent, { type: T }> => c.type === type)[n];
  assert.ok(found, `no ${type} #${n} in ${JSON.stringify(m.components)}`);
  return found;
}

export const str = (example: string, missing: Slot['missing'] = 'block', extra: Partial<Slot> = {}): Slot => ({ type: 'string', example, missing, ...extra });
