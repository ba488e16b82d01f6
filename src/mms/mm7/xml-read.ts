import { XMLParser } from 'fast-xml-parser';
import { Mm7Error } from './mm7-error.ts';
import { unescapeXml } from './xml-escape.ts';
import type { ParseContext } from './parse-context.ts';

// Safe XML reading for SOAP envelopes: a cheap pre-scan rejects DOCTYPE/ENTITY and measures
// nesting before fast-xml-parser sees a byte, then the parser's ordered output becomes a small
// namespace-resolved tree. MM7 is matched on local names (carriers use env:, soap:, SOAP-ENV:,
// mm7:, mm7p6a0: or a default namespace), so the tree keeps both.

export interface XmlAttr {
  readonly name: string;
  readonly local: string;
  readonly value: string;
}

export interface XmlElement {
  readonly name: string;
  readonly local: string;
  /** Namespace URI, resolved from the xmlns declarations in scope; undefined when unbound. */
  readonly ns: string | undefined;
  readonly attrs: readonly XmlAttr[];
  readonly children: readonly XmlElement[];
  /** Concatenated character data of this element (not of its children), entity-decoded. */
  readonly text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Never expand entities inside the parser; unescapeXml handles the five predefined ones.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Backstop only: the pre-scan enforces the configured depth first.
  maxNestedTags: 1000,
});

/** Parses `xml` into a tree, or throws Mm7Error (DOCTYPE, too deep, too large, not well-formed). */
export function readXml(xml: string, ctx: ParseContext): XmlElement {
  if (xml.length > ctx.limits.maxSoapBytes) {
    throw new Mm7Error('PORM_MM7_TOO_LARGE', `SOAP envelope of ${xml.length} characters exceeds ${ctx.limits.maxSoapBytes}`);
  }
  prescan(xml, ctx.limits.maxXmlDepth);
  let ordered: unknown;
  try {
    // Structure was checked by prescan; skipping the parser's own validation halves the cost.
    ordered = parser.parse(xml, false);
  } catch (err) {
    throw new Mm7Error('PORM_MM7_XML_INVALID', `SOAP envelope is not well-formed XML: ${(err as Error).message}`, { cause: err });
  }
  const roots = toNodes(ordered, new Map(), ctx);
  if (roots.length !== 1) throw new Mm7Error('PORM_MM7_XML_INVALID', 'XML document must have exactly one root element');
  return roots[0]!;
}

/**
 * One linear pass over the markup: rejects DOCTYPE/ENTITY declarations, nesting beyond
 * `maxDepth`, unterminated constructs, bad tag names and tags that do not close in order. It
 * skips comments, CDATA, processing instructions and quoted attribute values so that a `>` or
 * `<!DOCTYPE` inside them is not miscounted. With element structure checked here, the parser
 * runs without its own validation pass, which cost as much as the parse itself.
 */
export function prescan(xml: string, maxDepth: number): void {
  const open: string[] = [];
  let i = xml.indexOf('<');
  while (i !== -1 && i < xml.length) {
    const next = xml.charCodeAt(i + 1);
    if (xml.startsWith('<!--', i)) i = skipPast(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) i = skipPast(xml, ']]>', i + 9);
    else if (next === 63 /* ? */) i = skipPast(xml, '?>', i + 2);
    else if (next === 33 /* ! */) {
      throw new Mm7Error('PORM_MM7_XML_DOCTYPE', 'DOCTYPE and entity declarations are not allowed in MM7 SOAP');
    } else if (next === 47 /* / */) {
      const end = xml.indexOf('>', i);
      if (end === -1) throw notWellFormed('an end tag is not terminated');
      const name = xml.slice(i + 2, end).trimEnd();
      const expected = open.pop();
      if (name !== expected) throw notWellFormed(expected === undefined ? `</${name.slice(0, 40)}> closes nothing` : `</${name.slice(0, 40)}> where </${expected.slice(0, 40)}> was expected`);
      i = end;
    } else {
      const end = tagEnd(xml, i + 1);
      if (end === -1) throw notWellFormed('a tag is not terminated');
      const name = TAG_NAME.exec(xml.slice(i + 1, Math.min(end, i + 256)))?.[0];
      // __proto__ would reach the parser's output objects as a key; no MM7 element is called that.
      if (!name || name === '__proto__') throw notWellFormed('a tag has no valid name');
      checkAttributes(xml.slice(i + 1 + name.length, end));
      if (xml.charCodeAt(end - 1) !== 47 /* / */) {
        open.push(name);
        if (open.length > maxDepth) throw new Mm7Error('PORM_MM7_XML_TOO_DEEP', `XML nesting exceeds ${maxDepth} levels`);
      }
      i = end;
    }
    if (i === -1) throw notWellFormed('a comment, CDATA section or processing instruction is not terminated');
    i = xml.indexOf('<', i);
  }
  if (open.length > 0) throw notWellFormed(`<${open[open.length - 1]!.slice(0, 40)}> is never closed`);
}

const TAG_NAME = /^[A-Za-z_][\w.:-]*(?=[\s/>]|$)/;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;

/** Attributes must be name="value" pairs with distinct names (XML 1.0 §3.1). */
function checkAttributes(text: string): void {
  const body = text.endsWith('/') ? text.slice(0, -1) : text;
  if (body.trim() === '') return;
  const seen = new Set<string>();
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
    if (seen.has(m[1]!)) throw notWellFormed(`attribute ${m[1]!.slice(0, 40)} appears twice`);
    seen.add(m[1]!);
    at = ATTRIBUTE.lastIndex;
  }
  if (body.slice(at).trim() !== '') throw notWellFormed('an attribute is not name="value"');
}

function notWellFormed(why: string): Mm7Error {
  return new Mm7Error('PORM_MM7_XML_INVALID', `SOAP envelope is not well-formed XML: ${why}`);
}

function skipPast(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at === -1 ? -1 : at + marker.length;
}

/** Index of the `>` closing the tag that starts before `from`, honouring quoted attributes. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62 /* > */) return j;
  }
  return -1;
}

type Ordered = Record<string, unknown>;

function toNodes(list: unknown, scope: ReadonlyMap<string, string>, ctx: ParseContext): XmlElement[] {
  const out: XmlElement[] = [];
  if (!Array.isArray(list)) return out;
  for (const item of list as Ordered[]) {
    const name = Object.keys(item).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
    if (name === undefined) continue;
    out.push(toElement(name, item, scope, ctx));
  }
  return out;
}

function toElement(name: string, item: Ordered, parentScope: ReadonlyMap<string, string>, ctx: ParseContext): XmlElement {
  const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
  let scope = parentScope;
  const attrs: XmlAttr[] = [];
  for (const [attrName, rawValue] of Object.entries(rawAttrs)) {
    const value = decode(String(rawValue), ctx);
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(attrName === 'xmlns' ? '' : attrName.slice(6), value);
      continue;
    }
    attrs.push({ name: attrName, local: localName(attrName), value });
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const childList = item[name];
  let text = '';
  if (Array.isArray(childList)) {
    for (const child of childList as Ordered[]) {
      if (typeof child['#text'] === 'string') text += decode(child['#text'], ctx);
      else if (Array.isArray(child['#cdata'])) text += cdataText(child['#cdata']);
    }
  }
  return { name, local: localName(name), ns: scope.get(prefix), attrs, children: toNodes(childList, scope, ctx), text };
}

function cdataText(list: unknown[]): string {
  let s = '';
  for (const part of list as Ordered[]) if (typeof part['#text'] === 'string') s += part['#text'];
  return s;
}

function decode(raw: string, ctx: ParseContext): string {
  const { value, unknown } = unescapeXml(raw);
  if (unknown) ctx.warn('xml.unknown-entity', 'an entity or character reference could not be resolved and was kept as written');
  return value;
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}
