import { html, type SafeHtml } from '../html.ts';
import type { FieldProblem } from '../campaign-form.ts';

// Form pieces the campaign and compliance pages share: a field's error next to it (its message
// and the API's code), tied to the input by aria-describedby so a screen reader reads it too.

export type Problems = Record<string, FieldProblem>;

export const errorId = (name: string): string => `err-${name}`;

/** The attributes an input with a problem carries. */
export function invalid(problems: Problems, name: string): SafeHtml {
  return problems[name] ? html` aria-invalid="true" aria-describedby="${errorId(name)}"` : html``;
}

export function fieldError(problems: Problems, name: string): SafeHtml {
  const p = problems[name];
  return p ? html`<p class="field-error" id="${errorId(name)}">${p.message} <code>${p.code}</code></p>` : html``;
}

export const csrfField = (csrf: string | undefined): SafeHtml => html`<input type="hidden" name="csrf" value="${csrf ?? ''}">`;

export const checked = (on: boolean): SafeHtml => (on ? html` checked` : html``);
export const selected = (on: boolean): SafeHtml => (on ? html` selected` : html``);

export const utc = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));
