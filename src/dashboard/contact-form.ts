import { PormError } from '../errors.ts';
import type { Attributes } from '../contacts/model.ts';
import { scalarOf } from './segment-form.ts';

// The contact form's text fields to what ContactService takes: tags separated by commas, and
// attributes one `key=value` a line (true/false and plain numbers typed, as a JSON client would
// send them). The service checks them; this only reads the text. Pure.

export function tagsOf(text: string | undefined): string[] {
  return (text ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/** `key=value` lines; an empty value is null (on an edit: remove the key). */
export function attributesOf(text: string | undefined): Attributes {
  const out: Array<[string, Attributes[string]]> = [];
  const lines = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  lines.forEach((line, i) => {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      const message = `line ${i + 1} is not key=value`;
      throw new PormError('PORM_INVALID_ATTRIBUTES', message, [{ field: '/attributes', code: 'PORM_INVALID_ATTRIBUTES', message }]);
    }
    const value = line.slice(eq + 1).trim();
    out.push([line.slice(0, eq).trim(), value === '' ? null : scalarOf(value)]);
  });
  // fromEntries makes own properties, even of a key such as __proto__ (the service then refuses or keeps it as data).
  return Object.fromEntries(out);
}

/** The stored attributes as the form shows them. */
export function attributesText(attributes: Attributes): string {
  return Object.entries(attributes).map(([k, v]) => `${k}=${v === null ? '' : String(v)}`).join('\n');
}

/** An edit's attributes: the typed ones, and null for each stored key the person deleted. */
export function attributesPatch(current: Attributes, typed: Attributes): Attributes {
  const removed = Object.keys(current).filter((k) => !Object.hasOwn(typed, k));
  return { ...Object.fromEntries(removed.map((k) => [k, null])), ...typed };
}
