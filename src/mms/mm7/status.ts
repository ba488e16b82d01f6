import { FieldReader, deepText } from './field-reader.ts';
import { buildInvalid, malformed } from './mm7-error.ts';
import type { Mm7Status } from './model.ts';
import type { ParseContext } from './parse-context.ts';
import { standardStatusText } from './status-codes.ts';
import type { XmlElement } from './xml-read.ts';
import type { XmlWriter } from './xml-writer.ts';

// The Status block of every response: StatusCode, StatusText, Details (xs:anyType, kept as text).

export function writeStatus(w: XmlWriter, s: Mm7Status | undefined, where: string): void {
  if (s === undefined) throw buildInvalid(`${where}/Status`, 'required');
  if (!Number.isInteger(s.code) || s.code < 0 || s.code > 9999) throw buildInvalid(`${where}/Status/StatusCode`, `${String(s.code)} is not a 1-4 digit status code`);
  w.open('Status');
  w.leaf('StatusCode', String(s.code));
  // Rel-5 schemas require StatusText; always send one so every release validates.
  w.leaf('StatusText', s.text ?? standardStatusText(s.code));
  if (s.details !== undefined) w.leaf('Details', s.details);
  w.close();
}

export function readStatus(el: XmlElement, where: string, ctx: ParseContext): Mm7Status {
  const r = new FieldReader(el, ctx, where);
  const raw = r.requiredText('StatusCode');
  if (!/^\d{1,4}$/.test(raw)) throw malformed(`${where}/StatusCode`, `"${raw.slice(0, 40)}" is not a status code`);
  const text = r.text('StatusText');
  const detailsEl = r.child('Details');
  r.finish(['StatusCode', 'StatusText', 'Details']);
  return {
    code: Number(raw),
    ...(text !== undefined && { text }),
    ...(detailsEl !== undefined && { details: deepText(detailsEl) }),
  };
}

export function readStatusOf(r: FieldReader, ctx: ParseContext): Mm7Status {
  return readStatus(r.requiredChild('Status'), `${r.where}/Status`, ctx);
}
