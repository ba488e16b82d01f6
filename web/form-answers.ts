import { prop, str } from './json.ts';

// Reading a rendered form's answers and showing the server's field errors. Coupled to the markup
// of src/rich/render/forms.ts: a toggle is the checkbox inside `.porm-toggle`, other checkboxes are
// multi_choice options; choice and rating groups are fieldsets carrying aria-describedby.

export type Answer = string | string[] | boolean;
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const NOT_ANSWERS: ReadonlySet<string> = new Set(['submit', 'button', 'reset', 'image', 'file']);

function controls(form: HTMLFormElement, name?: string): Control[] {
  return Array.from(form.elements).filter((c): c is Control =>
    (c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement || c instanceof HTMLSelectElement)
    && c.name !== '' && !c.disabled && !NOT_ANSWERS.has(c.type) && (name === undefined || c.name === name));
}

function isGroupMember(c: Control): boolean {
  return c instanceof HTMLInputElement && (c.type === 'radio' || (c.type === 'checkbox' && c.closest('.porm-toggle') === null));
}

/** `{ name: value }`: multi_choice → checked values, toggle → boolean, anything else → its text. */
export function collectAnswers(form: HTMLFormElement): Record<string, Answer> {
  // A Map, then fromEntries: a field named "__proto__" stays an ordinary key.
  const out = new Map<string, Answer>();
  for (const c of controls(form)) {
    if (!(c instanceof HTMLInputElement) || (c.type !== 'checkbox' && c.type !== 'radio')) out.set(c.name, c.value);
    else if (c.type === 'radio') {
      if (c.checked) out.set(c.name, c.value);
    } else if (!isGroupMember(c)) out.set(c.name, c.checked);
    else {
      const prev = out.get(c.name);
      const list = Array.isArray(prev) ? prev : [];
      if (c.checked) list.push(c.value);
      out.set(c.name, list);
    }
  }
  return Object.fromEntries(out);
}

/** The element that names the field's description: the input, or the fieldset of a group. */
function holderOf(c: Control): HTMLElement {
  return (isGroupMember(c) ? c.closest('fieldset') : null) ?? c;
}

/** The field's `.porm-error` element; created (and linked) when the author gave no error message. */
function errorElement(c: Control): HTMLElement {
  const holder = holderOf(c);
  const ids = (holder.getAttribute('aria-describedby') ?? '').split(/\s+/);
  for (const id of ids) {
    const el = id === '' ? null : document.getElementById(id);
    if (el !== null && el.classList.contains('porm-error')) return el;
  }
  const p = document.createElement('p');
  p.className = 'porm-error';
  p.id = `${c.id || c.name}:porm-error`;
  (holder.closest('.porm-field') ?? holder.parentElement ?? holder).append(p);
  holder.setAttribute('aria-describedby', [...ids, p.id].join(' ').trim());
  return p;
}

function markInvalid(form: HTMLFormElement, name: string, invalid: boolean): Control | null {
  const named = controls(form, name);
  const first = named[0];
  if (first === undefined) return null;
  const holder = holderOf(first);
  // aria-invalid is not defined for role radio: a radio group is marked on its fieldset only.
  for (const el of [holder, ...named.filter((c) => c.type !== 'radio' && c !== holder)]) {
    if (invalid) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
  return first;
}

export function clearErrors(form: HTMLFormElement): void {
  for (const el of Array.from(form.querySelectorAll<HTMLElement>('.porm-error'))) el.hidden = true;
  for (const el of Array.from(form.querySelectorAll('[aria-invalid]'))) el.removeAttribute('aria-invalid');
}

/** Once the reader edits a field the server refused, its error goes away. */
export function clearFieldError(e: Event): void {
  const c = e.target;
  if (!(c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement || c instanceof HTMLSelectElement) || c.form === null) return;
  if (holderOf(c).getAttribute('aria-invalid') !== 'true') return;
  markInvalid(c.form, c.name, false);
  errorElement(c).hidden = true;
}

/**
 * Shows a 422's `errors: [{ field: "/name", message }]` at their fields and focuses the first
 * invalid one. Returns the messages that belong to no field, for the form's own status line.
 */
export function showFieldErrors(form: HTMLFormElement, body: unknown): string[] {
  const errors = prop(body, 'errors');
  const rest: string[] = [];
  let first: Control | null = null;
  for (const err of Array.isArray(errors) ? errors : []) {
    const pointer = str(prop(err, 'field')) ?? '';
    const message = str(prop(err, 'message')) ?? '';
    // porm writes `/${name}` without JSON-pointer escaping, so the rest of the pointer is the name.
    const c = pointer.startsWith('/') ? markInvalid(form, pointer.slice(1), true) : null;
    if (c === null) {
      if (message !== '') rest.push(message);
      continue;
    }
    const el = errorElement(c);
    if (message !== '') el.textContent = message;
    el.hidden = false;
    first ??= c;
  }
  first?.focus();
  return rest;
}
