import { PormError } from '../errors.ts';
import { compileTemplate, type CompiledTemplate } from '../rich/binding/index.ts';
import { isTemplateError } from '../rich/binding/template-error.ts';
import type { Contact } from '../contacts/model.ts';

// Merge fields in a campaign body use the rich templates' binding language (src/rich/binding),
// the one /v1/messages templates are personalised with: {{ contact.name }},
// {{ contact.attributes.plan }}, {{ contact.name | default: "there" }}.

export const MAX_BODY = 1600;

/** Compiles a body or throws PORM_CAMPAIGN_BODY_INVALID at /body. */
export function compileBody(body: string): CompiledTemplate {
  const fail = (message: string): never => {
    throw new PormError('PORM_CAMPAIGN_BODY_INVALID', message, [{ field: '/body', code: 'PORM_CAMPAIGN_BODY_INVALID', message }]);
  };
  if (body.trim() === '' || body.length > MAX_BODY) fail(`1 to ${MAX_BODY} characters`);
  try {
    return compileTemplate(body);
  } catch (err) {
    if (isTemplateError(err)) return fail(err.message);
    throw err;
  }
}

/** The data a body's merge fields read for one recipient. */
export function mergeData(contact: Contact): Record<string, unknown> {
  return { contact: { name: contact.name, phone: contact.phone, time_zone: contact.timeZone, locale: contact.locale, tags: contact.tags, attributes: contact.attributes } };
}

/**
 * The data a template campaign binds for one recipient: the campaign's fixed data, with `contact`
 * (the same object body merge fields read) always the recipient's own, so fixed data cannot
 * pretend to be the contact. What the contact lacks (no name, no zone) is left out rather than
 * null: a template's slot declares a type, and a null where a string is declared would make the
 * whole `contact` slot invalid instead of one field missing.
 */
export function templateData(fixed: Record<string, unknown>, contact: Contact): Record<string, unknown> {
  const known = Object.entries(mergeData(contact).contact as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  return { ...fixed, contact: Object.fromEntries(known) };
}
