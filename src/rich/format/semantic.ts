import { collectVariables, compileTemplate, isTemplateError } from '../binding/index.ts';
import { childPointer, type ErrorSink } from './report.ts';
import { checkPredicate } from './predicates.ts';
import { checkSlots, undeclared } from './slots.ts';
import type { Component, TemplateDocument } from './types.ts';

// The semantic half of validation, run on a document that already matches the schema: template
// strings compile and read only declared data, URLs have a literal allowed scheme, ids are unique
// and referenced ids exist, rules are well typed and variants add up.

export interface SemanticOptions {
  readonly urlSchemes: readonly string[];
}

/** Keys whose string values are plain identifiers or enums, never templates. */
const PLAIN_KEYS = new Set(['type', 'kind', 'id', 'formId', 'name', 'style', 'format', 'aspectRatio', 'size', 'align', 'pattern']);
/** Keys whose string values are URLs (and templates). */
const URL_KEYS = new Set(['url', 'fallbackUrl', 'link', 'poster', 'captionsUrl', 'image']);
const WEB_ONLY = new Set(['http', 'https']);

export function checkSemantics(doc: TemplateDocument, sink: ErrorSink, options: SemanticOptions): void {
  checkSlots(doc.data, sink);
  const schemes = new Set(options.urlSchemes.map((s) => s.toLowerCase()));
  const strings = (v: unknown, at: string, key: string) => walkStrings(v, at, key, doc, sink, schemes);
  strings(doc.components, '/components', 'components');
  if (doc.quickReplies) strings(doc.quickReplies, '/quickReplies', 'quickReplies');
  checkTree(doc.components, '/components', sink);
  uniqueIds(doc.quickReplies ?? [], '/quickReplies', sink);
  if (doc.variants) {
    uniqueIds(doc.variants, '/variants', sink);
    const weighted = doc.variants.filter((v) => v.weight !== undefined);
    if (weighted.length > 0 && weighted.length < doc.variants.length) sink.add({ pointer: '/variants', code: 'PORM_TEMPLATE_DOC_VARIANT_INVALID', message: 'give a weight to every variant or to none' });
    else if (weighted.length > 0 && weighted.reduce((s, v) => s + v.weight!, 0) !== 100) sink.add({ pointer: '/variants', code: 'PORM_TEMPLATE_DOC_VARIANT_INVALID', message: 'variant weights must sum to 100' });
    doc.variants.forEach((v, i) => {
      const at = `/variants/${i}`;
      if (v.when) checkPredicate(v.when, `${at}/when`, 'server', doc.data, sink);
      strings(v.components, `${at}/components`, 'components');
      checkTree(v.components, `${at}/components`, sink);
    });
  }
}

function walkStrings(v: unknown, at: string, key: string, doc: TemplateDocument, sink: ErrorSink, schemes: ReadonlySet<string>): void {
  if (sink.full) return;
  if (typeof v === 'string') {
    if (!PLAIN_KEYS.has(key) && !/\/options\/\d+\/value$/.test(at)) checkText(v, at, key, doc, sink, schemes);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => walkStrings(item, `${at}/${i}`, key, doc, sink, schemes));
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  for (const [k, child] of Object.entries(v)) {
    // Rules are data predicates, not template strings; they get their own checks.
    if (k === 'when') checkWhen(child, childPointer(at, k), doc, sink);
    else walkStrings(child, childPointer(at, k), k, doc, sink, schemes);
  }
}

function checkWhen(when: unknown, at: string, doc: TemplateDocument, sink: ErrorSink): void {
  const w = when as Component['when'];
  if (w?.server) checkPredicate(w.server, `${at}/server`, 'server', doc.data, sink);
  if (w?.device) checkPredicate(w.device, `${at}/device`, 'device', doc.data, sink);
}

function checkText(source: string, at: string, key: string, doc: TemplateDocument, sink: ErrorSink, schemes: ReadonlySet<string>): void {
  let variables: string[];
  try {
    variables = collectVariables(compileTemplate(source));
  } catch (err) {
    if (!isTemplateError(err)) throw err;
    sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_TEXT_INVALID', message: `${err.code}: ${err.message}`, ...(err.position ? { position: err.position } : {}) });
    return;
  }
  for (const path of variables) {
    const why = undeclared(path, doc.data);
    if (why) sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', message: `${path}: ${why}` });
  }
  if (URL_KEYS.has(key)) {
    // The scheme must be written literally: a scheme from data could turn a link into javascript:.
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(source);
    const scheme = m?.[1]?.toLowerCase();
    const allowed = key === 'fallbackUrl' || key === 'poster' || key === 'captionsUrl' || key === 'image' ? WEB_ONLY : schemes;
    if (!scheme) sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_URL_SCHEME', message: 'a URL must start with a literal scheme such as https:' });
    else if (!allowed.has(scheme)) sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_URL_SCHEME', message: `scheme "${scheme}" is not allowed here` });
  }
}

/** Ids unique within one component tree; submit_form targets a form of the same tree; exclusive fields. */
function checkTree(components: readonly Component[], at: string, sink: ErrorSink): void {
  const ids = new Map<string, string>();
  const forms = new Set<string>();
  const submits: { formId: string; pointer: string }[] = [];
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${p}/${i}`));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o['type'] === 'string' && typeof o['id'] === 'string') unique(ids, o['id'], `${p}/id`, sink);
    if (o['type'] === 'form' && typeof o['id'] === 'string') {
      forms.add(o['id']);
      uniqueNames(o['fields'] as { name: string; pattern?: string }[], `${p}/fields`, sink);
    }
    if (o['kind'] === 'submit_form') submits.push({ formId: String(o['formId']), pointer: `${p}/formId` });
    exclusive(o, p, sink);
    for (const [k, child] of Object.entries(o)) if (k !== 'when') visit(child, childPointer(p, k));
  };
  visit(components, at);
  for (const s of submits) if (!forms.has(s.formId)) sink.add({ pointer: s.pointer, code: 'PORM_TEMPLATE_DOC_UNKNOWN_REFERENCE', message: `no form with id "${s.formId}" in this component tree` });
}

function exclusive(o: Record<string, unknown>, p: string, sink: ErrorSink): void {
  if (o['type'] === 'text' && (o['text'] === undefined) === (o['runs'] === undefined)) {
    sink.add({ pointer: p, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'a text component needs exactly one of text or runs' });
  }
  if (o['type'] === 'map' || o['kind'] === 'show_on_map') {
    const hasPoint = o['lat'] !== undefined || o['lng'] !== undefined;
    if (hasPoint && (o['lat'] === undefined || o['lng'] === undefined)) sink.add({ pointer: p, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'give both lat and lng' });
    else if (hasPoint === (o['query'] !== undefined)) sink.add({ pointer: p, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'give either lat/lng or query' });
  }
  if (o['kind'] === 'number' && typeof o['min'] === 'number' && typeof o['max'] === 'number' && o['min'] > o['max']) {
    sink.add({ pointer: `${p}/min`, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'min is greater than max' });
  }
}

function uniqueNames(fields: readonly { name: string; pattern?: string }[], at: string, sink: ErrorSink): void {
  const seen = new Map<string, string>();
  fields.forEach((f, i) => {
    unique(seen, f.name, `${at}/${i}/name`, sink);
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'v');
      } catch {
        sink.add({ pointer: `${at}/${i}/pattern`, code: 'PORM_TEMPLATE_DOC_PATTERN_INVALID', message: 'not a valid regular expression' });
      }
    }
  });
}

function uniqueIds(items: readonly { id: string }[], at: string, sink: ErrorSink): void {
  const seen = new Map<string, string>();
  items.forEach((item, i) => unique(seen, item.id, `${at}/${i}/id`, sink));
}

function unique(seen: Map<string, string>, id: string, pointer: string, sink: ErrorSink): void {
  const first = seen.get(id);
  if (first !== undefined) sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_DUPLICATE_ID', message: `id "${id}" is already used at ${first}` });
  else seen.set(id, pointer);
}
