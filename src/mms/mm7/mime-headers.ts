import { buildInvalid } from './mm7-error.ts';
import type { ParseContext } from './parse-context.ts';

// MIME header blocks and Content-Type values, lenient on parse (folded lines, any header-name
// case, missing space after the colon, capitalised parameter names, a dangling `;`, unquoted
// values with spaces) and strict on build (ASCII only, always-quoted parameter values).

export interface MimeHeaders {
  /** Lowercase header name -> unfolded value (the first occurrence wins). */
  readonly map: ReadonlyMap<string, string>;
}

export interface ContentTypeValue {
  /** Lowercase `type/subtype`; empty when the header had none. */
  readonly mediaType: string;
  /** Lowercase parameter names; values as sent, unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/** Parses header lines (latin1 text, CRLF or LF) already cut from the part. */
export function parseHeaderBlock(text: string, ctx: ParseContext, where: string): MimeHeaders {
  const map = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name === undefined) return;
    if (map.has(name)) ctx.warn('mime.duplicate-header', `${where}: repeated ${name} header; the first is used`);
    else map.set(name, value.trim());
    name = undefined;
  };
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && name !== undefined) {
      value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) {
      ctx.warn('mime.bad-header', `${where}: header line without a name ignored`);
      continue;
    }
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return { map };
}

export function parseContentType(value: string | undefined): ContentTypeValue {
  if (value === undefined) return { mediaType: '', params: {} };
  const semi = value.indexOf(';');
  const mediaType = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = semi === -1 ? value.length : semi + 1;
  while (i < value.length) {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t' || value[i] === ';')) i++;
    const eq = value.indexOf('=', i);
    if (eq === -1) break; // dangling `;` or a bare word: nothing more to read
    const name = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (value[i] === ' ' || value[i] === '\t') i++;
    let v = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        v += value[i];
        i++;
      }
      i++; // closing quote
      const next = value.indexOf(';', i);
      i = next === -1 ? value.length : next;
    } else {
      const next = value.indexOf(';', i);
      v = value.slice(i, next === -1 ? value.length : next).trim();
      i = next === -1 ? value.length : next;
    }
    if (name !== '' && !(name in params)) params[name] = v;
  }
  return { mediaType, params: { ...params } };
}

/** Content-ID value without surrounding spaces and angle brackets (`<a@b>`, `a@b`, ` <a> `). */
export function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}

const PARAM_NAME = /^[A-Za-z0-9!#$&.+^_`|~-]+$/;
const MEDIA_TYPE = /^[a-z0-9!#$&.+^_`|~-]+\/[a-z0-9!#$&.+^_`|~-]+$/;

export function formatContentType(mediaType: string, params: Readonly<Record<string, string>> | undefined, where: string): string {
  if (!MEDIA_TYPE.test(mediaType)) throw buildInvalid(`${where}/Content-Type`, `"${mediaType}" is not a lowercase type/subtype`);
  let s = mediaType;
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!PARAM_NAME.test(name)) throw buildInvalid(`${where}/Content-Type`, `bad parameter name "${name}"`);
    s += `; ${name}="${checkHeaderValue(value, `${where}/Content-Type;${name}`, true)}"`;
  }
  return s;
}

/** Header values the builder writes: printable ASCII only; quotes refused where the value is quoted. */
export function checkHeaderValue(value: string, where: string, quoted = false): string {
  if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value) || (quoted && /["\\]/.test(value))) {
    throw buildInvalid(where, 'must be printable ASCII' + (quoted ? ' without quotes or backslashes' : ''));
  }
  return value;
}
