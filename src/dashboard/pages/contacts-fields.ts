import { html, type SafeHtml } from '../html.ts';
import type { Problem } from '../../api/dashboard/kit.ts';
import { errorNote } from './layout.ts';

// Form fields of the contacts pages with the API's error next to the field it is about: the
// service's JSON pointer (/phone, /attributes/plan, /lists/0) names the form field by its first
// step. An error about no field on the form is shown above the form instead.

/** The form field a problem is about (the pointer's first step), or undefined. */
export function fieldOfProblem(p: Problem | undefined): string | undefined {
  return p?.field?.split('/')[1];
}

/** The problem, when it is about none of `fields`: shown above the form. */
export function formProblem(p: Problem | undefined, fields: readonly string[]): SafeHtml {
  const field = fieldOfProblem(p);
  return p && (field === undefined || !fields.includes(field)) ? errorNote(p.message, p.code) : html``;
}

export interface FieldSpec {
  name: string;
  label: string;
  value?: string;
  type?: string;
  /** A textarea of this many rows instead of an input. */
  rows?: number;
  required?: boolean;
  hint?: string;
  attrs?: SafeHtml;
}

/** A labelled input (or textarea) with its hint and, when the problem is about it, the message and code next to it. */
export function field(spec: FieldSpec, p: Problem | undefined): SafeHtml {
  const id = `f-${spec.name}`;
  const bad = p !== undefined && fieldOfProblem(p) === spec.name;
  const described = [spec.hint ? `${id}-hint` : '', bad ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  const common = html`id="${id}" name="${spec.name}"${described ? html` aria-describedby="${described}"` : ''}${bad ? html` aria-invalid="true"` : ''}${spec.required ? html` required` : ''}${spec.attrs ?? ''}`;
  const control = spec.rows
    ? html`<textarea ${common} rows="${spec.rows}">${spec.value ?? ''}</textarea>`
    : html`<input ${common} type="${spec.type ?? 'text'}" value="${spec.value ?? ''}">`;
  return html`<div class="field"><label for="${id}">${spec.label}</label>${control}${spec.hint ? html`<small id="${id}-hint" class="hint">${spec.hint}</small>` : ''}${bad ? html`<p class="error" id="${id}-error" role="alert">${p.message} <code>${p.code}</code></p>` : ''}</div>`;
}

/** A select with the same error handling. */
export function selectField(name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>, selected: string | undefined, p: Problem | undefined): SafeHtml {
  const id = `f-${name}`;
  const bad = p !== undefined && fieldOfProblem(p) === name;
  return html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}"${bad ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${o.label}</option>`)}</select>${bad ? html`<p class="error" id="${id}-error" role="alert">${p.message} <code>${p.code}</code></p>` : ''}</div>`;
}

export const csrfInput = (csrf: string | undefined): SafeHtml => html`<input type="hidden" name="csrf" value="${csrf ?? ''}">`;

export const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
