import type { BoundField, BoundForm } from '../bound/model.ts';
import { type RenderContext, keyAttr, pormUrl } from './context.ts';
import { attr, esc, idPart } from './escape.ts';
import { STRINGS } from './strings.ts';

// Forms are ordinary HTML forms that POST to porm and validate natively (required, pattern, type),
// so they work with no script. Every input has a visible <label for>, groups use fieldset/legend,
// "required" is both announced (aria-required) and visible, and each field's author error message
// is linked with aria-describedby (the assembler unhides it on invalid input).
// Element ids join parts with ':' — idPart never emits ':' raw, so ids cannot collide.

type Field = BoundField;
type Choice = Extract<Field, { kind: 'choice' | 'multi_choice' }>;

export function formElementId(formId: string): string {
  return `porm-form-${idPart(formId)}`;
}

export function renderForm(f: BoundForm, ctx: RenderContext): string {
  const title = f.title === null || f.title === '' ? null : esc(f.title);
  if (!ctx.liveForms.has(f.id)) {
    // Answered, and only one answer is taken: say so instead of offering inputs again.
    const heading = title === null ? '' : `<p class="porm-form-title">${title}</p>`;
    return `<div class="porm-form porm-answered"${keyAttr(f.key)}>${heading}<p role="status" class="porm-status">${esc(STRINGS.answered)}</p></div>`;
  }
  const base = `porm-${idPart(f.id)}`;
  let fields = '';
  for (const field of f.fields) fields += renderField(field, `${base}:${idPart(field.name)}`);
  const body = title === null ? fields : `<fieldset class="porm-form-set"><legend class="porm-form-title">${title}</legend>${fields}</fieldset>`;
  const submit = `<div class="porm-actions"><button type="submit" class="porm-btn porm-btn-primary">${esc(f.submitLabel.trim() === '' ? STRINGS.actionLabel.submit_form : f.submitLabel)}</button></div>`;
  return `<form${attr('id', formElementId(f.id))} class="porm-form" method="post" action="${pormUrl(ctx, 'f', f.id)}"${attr('data-porm-form', f.id)}${keyAttr(f.key)}>${body}${submit}</form>`;
}

function labelText(field: Field): string {
  const text = field.label.trim() === '' ? field.name : field.label;
  return esc(text) + (field.required ? ` <span class="porm-req">${esc(STRINGS.required)}</span>` : '');
}

/** [aria-describedby attribute, error element]; both '' without an author error message. */
function errorParts(field: Field, id: string): [string, string] {
  if (field.errorMessage === null || field.errorMessage.trim() === '') return ['', ''];
  const errId = `${id}:error`;
  return [attr('aria-describedby', errId), `<p${attr('id', errId)} class="porm-error" hidden>${esc(field.errorMessage)}</p>`];
}

const INPUT_TYPE: Readonly<Record<string, string>> = { text: 'text', email: 'email', phone: 'tel', number: 'number', date: 'date', time: 'time' };
const AUTOCOMPLETE: Readonly<Record<string, string>> = { email: ' autocomplete="email"', phone: ' autocomplete="tel"' };

export function renderField(field: Field, id: string): string {
  const [described, error] = errorParts(field, id);
  const required = field.required ? ' required aria-required="true"' : '';
  const common = `${attr('id', id)}${attr('name', field.name)}${required}${described}`;
  switch (field.kind) {
    case 'text':
    case 'email':
    case 'phone':
    case 'number':
    case 'date':
    case 'time':
      return `<div class="porm-field"><label class="porm-label"${attr('for', id)}>${labelText(field)}</label><input class="porm-input" type="${INPUT_TYPE[field.kind]!}"${common}${inputExtras(field)}>${error}</div>`;
    case 'toggle':
      return `<div class="porm-field porm-toggle"><input class="porm-check" type="checkbox" value="true"${common}><label class="porm-label"${attr('for', id)}>${labelText(field)}</label>${error}</div>`;
    case 'choice':
    case 'multi_choice':
      return renderChoice(field, id, described, error);
    case 'rating':
      return renderRating(field, id, described, error);
    default:
      return '';
  }
}

function inputExtras(field: Field): string {
  let out = '';
  if (field.kind === 'text' || field.kind === 'email' || field.kind === 'phone') {
    if (field.pattern !== null && field.pattern !== '') out += attr('pattern', field.pattern);
    if (field.maxLength !== null && Number.isInteger(field.maxLength) && field.maxLength > 0) out += ` maxlength="${field.maxLength}"`;
    if (field.placeholder !== null && field.placeholder !== '') out += attr('placeholder', field.placeholder);
    out += Object.hasOwn(AUTOCOMPLETE, field.kind) ? AUTOCOMPLETE[field.kind]! : '';
  } else if (field.kind === 'number') {
    if (field.min !== null && Number.isFinite(field.min)) out += attr('min', String(field.min));
    if (field.max !== null && Number.isFinite(field.max)) out += attr('max', String(field.max));
    out += ' step="any" inputmode="decimal"';
  }
  return out;
}

/**
 * Radio group (choice) or checkboxes (multi_choice) in a fieldset. A required radio group uses
 * native `required`; checkboxes cannot say "at least one" natively, so the server checks that and
 * the legend shows "(required)".
 */
function renderChoice(field: Choice, id: string, described: string, error: string): string {
  if (field.options.length === 0) return '';
  const radio = field.kind === 'choice';
  const group = radio ? ` role="radiogroup"${field.required ? ' aria-required="true"' : ''}` : '';
  const required = radio && field.required ? ' required' : '';
  let options = '';
  field.options.forEach((o, i) => {
    const oid = `${id}:${i}`;
    options += `<div class="porm-option"><input class="porm-check" type="${radio ? 'radio' : 'checkbox'}"${attr('id', oid)}${attr('name', field.name)}${attr('value', o.value)}${required}><label${attr('for', oid)}>${esc(o.label.trim() === '' ? o.value : o.label)}</label></div>`;
  });
  return `<fieldset class="porm-field porm-choice"${group}${described}><legend class="porm-label">${labelText(field)}</legend>${options}${error}</fieldset>`;
}

/** Ratings min..max (min 0 or 1) as radios; each reads "n of max" while showing just n. */
function renderRating(field: Extract<Field, { kind: 'rating' }>, id: string, described: string, error: string): string {
  const max = Number.isInteger(field.max) ? Math.min(10, Math.max(2, field.max)) : 5;
  const min = field.min === 0 ? 0 : 1;
  const required = field.required ? ' required' : '';
  const of = esc(STRINGS.ratingOf(max));
  let options = '';
  for (let n = min; n <= max; n++) {
    const oid = `${id}:${n}`;
    options += `<span class="porm-rating-option"><input class="porm-rating-input" type="radio"${attr('id', oid)}${attr('name', field.name)} value="${n}"${required}><label${attr('for', oid)}>${n}<span class="porm-vh">${of}</span></label></span>`;
  }
  const group = ` role="radiogroup"${field.required ? ' aria-required="true"' : ''}`;
  return `<fieldset class="porm-field porm-rating"${group}${described}><legend class="porm-label">${labelText(field)}</legend><div class="porm-rating-options">${options}</div>${error}</fieldset>`;
}
