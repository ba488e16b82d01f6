import { buildInvalid } from './mm7-error.ts';
import type { XmlAttrs, XmlWriter } from './xml-writer.ts';

// Strict writing of simple-typed MM7 elements: optional values are skipped when undefined, and
// every value is checked against its schema type before it is written.

const DATE_TIME = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const DURATION = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function isDateTime(s: string): boolean {
  return DATE_TIME.test(s);
}

export function isDuration(s: string): boolean {
  return DURATION.test(s);
}

/** xs:dateTime in UTC with milliseconds, the form MMSCs accept most widely. */
export function formatMm7DateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw buildInvalid('date', 'invalid Date');
  return date.toISOString();
}

export function optText(w: XmlWriter, name: string, value: string | undefined, attrs?: XmlAttrs): void {
  if (value === undefined) return;
  w.leaf(name, value, attrs);
}

/** Token-like identifiers (IDs, codes): non-empty, no leading/trailing space, no line breaks. */
export function optToken(w: XmlWriter, name: string, value: string | undefined, where: string): void {
  if (value === undefined) return;
  checkToken(value, `${where}/${name}`);
  w.leaf(name, value);
}

export function reqToken(w: XmlWriter, name: string, value: string | undefined, where: string): void {
  if (value === undefined) throw buildInvalid(`${where}/${name}`, 'required');
  optToken(w, name, value, where);
}

export function checkToken(value: string, where: string): void {
  if (typeof value !== 'string' || value === '' || value.trim() !== value || /[\r\n]/.test(value)) {
    throw buildInvalid(where, 'must be a non-empty string without surrounding spaces or line breaks');
  }
}

export function optBool(w: XmlWriter, name: string, value: boolean | undefined, where: string): void {
  if (value === undefined) return;
  if (typeof value !== 'boolean') throw buildInvalid(`${where}/${name}`, 'must be a boolean');
  w.leaf(name, value ? 'true' : 'false');
}

export function optEnum<T extends string>(w: XmlWriter, name: string, value: T | undefined, allowed: readonly T[], where: string): void {
  if (value === undefined) return;
  if (!allowed.includes(value)) throw buildInvalid(`${where}/${name}`, `"${String(value)}" is not one of ${allowed.join(', ')}`);
  w.leaf(name, value);
}

export function optDateTime(w: XmlWriter, name: string, value: string | undefined, where: string, allowDuration = false): void {
  if (value === undefined) return;
  checkDateTime(value, `${where}/${name}`, allowDuration);
  w.leaf(name, value);
}

export function checkDateTime(value: string, where: string, allowDuration = false): void {
  if (typeof value === 'string' && (isDateTime(value) || (allowDuration && isDuration(value)))) return;
  throw buildInvalid(where, `"${String(value)}" is not an xs:dateTime${allowDuration ? ' or xs:duration' : ''}`);
}

/** Free text (Subject, StatusText): anything XML can carry; the writer checks the characters. */
export function optFreeText(w: XmlWriter, name: string, value: string | undefined, where: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string') throw buildInvalid(`${where}/${name}`, 'must be a string');
  w.leaf(name, value);
}
