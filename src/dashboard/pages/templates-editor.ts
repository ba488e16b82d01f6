import { html, type SafeHtml } from '../html.ts';
import { errorNote, layout, type PageFrame } from './layout.ts';
import { WIDTHS, type DeviceSettings, type Issue } from '../template-form.ts';
import { previewPanels, type TemplatePreview } from './templates-preview.ts';
import { templateTabs } from './templates.ts';

// The template editor: the JSON document in a textarea, the preview's sample data and device
// settings, and next to it the checks (every error and lint warning with its line and column,
// linked to the place) and the three forms. Without script the Preview button posts the form and
// the page comes back with both; web/dashboard/template-editor.ts refreshes the same fragment
// (feedbackFragment) while the person types.

export interface EditorView {
  /** null for a new template. */
  id: string | null;
  name: string;
  note: string;
  text: string;
  dataText: string;
  device: DeviceSettings;
  latestRevision: number | null;
  /** The revision the text started from: a save refuses when a newer one was saved meanwhile. */
  baseRevision: number | null;
  canSave: boolean;
  /** The revision this request saved (after the redirect). */
  saved?: number;
  /** The revision shown when it is not the latest (opened from the revisions page). */
  openedRevision?: number;
  feedback: Feedback;
  problem?: { message: string; code: string } | undefined;
}

export interface Feedback {
  errors: Issue[];
  warnings: Issue[];
  /** Problems of the sample data and device settings (and of a form field like the name). */
  inputIssues: Issue[];
  preview: TemplatePreview | null;
  /** What binding the sample data warned about, placed in the sample data. */
  dataWarnings: Issue[];
  previewProblem: { message: string; code: string } | null;
}

/** Long lines (a pasted one-line document) are cut to the part around the column. */
function excerpt(text: string, col: number): string {
  if (text.length <= 100) return text;
  const start = Math.max(0, col - 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 100)}${start + 100 < text.length ? '…' : ''}`;
}

function issueItem(issue: Issue, kind: 'Error' | 'Warning', field: 'tpl-document' | 'tpl-data'): SafeHtml {
  const where = issue.place
    ? html`<a class="issue-place" href="#${field}" data-field="${field}" data-line="${issue.place.line}" data-col="${issue.place.col}">Line ${issue.place.line}, column ${issue.place.col}</a>${issue.exact ? '' : html` <span class="tpl-muted">(inside)</span>`}`
    : html``;
  return html`<li class="issue issue-${kind.toLowerCase()}"><span class="issue-kind">${kind}</span> ${where} <code class="issue-code">${issue.code}</code>
<span class="issue-message">${issue.message}</span>${issue.pointer ? html` <code class="issue-pointer">${issue.pointer}</code>` : ''}
${issue.place && issue.place.text.trim() !== '' ? html`<pre class="issue-line"><code>${excerpt(issue.place.text, issue.place.col)}</code></pre>` : ''}</li>`;
}

function summary(f: Feedback): string {
  const errors = f.errors.length + f.inputIssues.length;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const warnings = f.warnings.length + f.dataWarnings.length;
  return errors === 0 && warnings === 0 ? 'No errors, no warnings.' : `${n(errors, 'error')}, ${n(warnings, 'warning')}.`;
}

/** The checks and the preview: the part of the editor that changes as the document does. */
export function feedbackFragment(f: Feedback, device: DeviceSettings): SafeHtml {
  const issues = [...f.inputIssues.map((i) => issueItem(i, 'Error', i.pointer.startsWith('/data') ? 'tpl-data' : 'tpl-document')), ...f.errors.map((i) => issueItem(i, 'Error', 'tpl-document')), ...f.warnings.map((i) => issueItem(i, 'Warning', 'tpl-document'))];
  return html`<div id="template-feedback" class="tpl-feedback" data-errors="${f.errors.length + f.inputIssues.length}">
<section aria-labelledby="tpl-checks-h"><h2 id="tpl-checks-h">Checks</h2>
<p id="tpl-summary">${summary(f)}</p>
${issues.length > 0 ? html`<ol class="issues">${issues}</ol>` : ''}</section>
<section aria-labelledby="tpl-preview-h"><h2 id="tpl-preview-h">Preview</h2>
${f.previewProblem ? errorNote(f.previewProblem.message, f.previewProblem.code) : ''}
${f.preview ? html`${f.dataWarnings.length > 0 ? html`<ul class="issues">${f.dataWarnings.map((w) => issueItem(w, 'Warning', 'tpl-data'))}</ul>` : ''}
${f.preview.missing.length > 0 ? html`<p>Missing from the sample data: ${f.preview.missing.map((m, i) => html`${i > 0 ? ', ' : ''}<code>${m}</code>`)}</p>` : ''}
${previewPanels(f.preview, device)}` : f.errors.length > 0 ? html`<p>Fix the errors to see the preview.</p>` : ''}</section></div>`;
}

export function editorPage(frame: PageFrame, v: EditorView): string {
  const action = v.id === null ? '/dashboard/templates/new' : `/dashboard/templates/${v.id}`;
  const title = v.id === null ? 'New template' : `Template ${v.name}`;
  const invalid = v.feedback.errors.length > 0;
  return layout({ ...frame, title, current: '/dashboard/templates' }, html`
${v.id !== null ? templateTabs(v.id, 'editor') : ''}
${v.saved !== undefined ? html`<p class="tpl-saved" role="status">Saved revision ${v.saved}.</p>` : ''}
${v.openedRevision !== undefined ? html`<p role="status">Showing revision ${v.openedRevision}; saving makes it the new latest revision.</p>` : ''}
${errorNote(v.problem?.message, v.problem?.code)}
<div class="tpl-editor">
<form method="post" action="${action}" id="template-form" class="tpl-edit" novalidate>
<input type="hidden" name="csrf" value="${frame.csrf ?? ''}"><input type="hidden" name="template_id" value="${v.id ?? ''}"><input type="hidden" name="base_revision" value="${v.baseRevision ?? ''}">
<p class="field"><label for="tpl-name">Name</label> <input id="tpl-name" name="name" value="${v.name}" maxlength="200" autocomplete="off"></p>
${v.canSave ? html`<p class="field"><label for="tpl-note">What changed</label> <input id="tpl-note" name="note" value="${v.note}" maxlength="500" autocomplete="off"></p>` : ''}
<p class="field"><label for="tpl-document">Document (JSON)</label>
<textarea id="tpl-document" name="document" rows="28" wrap="off" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="tpl-summary"${invalid ? html` aria-invalid="true"` : ''}>${v.text}</textarea></p>
<fieldset class="tpl-device"><legend>Preview with</legend>
<p class="field"><label for="tpl-data">Sample data (JSON; empty uses the examples)</label>
<textarea id="tpl-data" name="data" rows="5" spellcheck="false" autocapitalize="off" autocomplete="off">${v.dataText}</textarea></p>
<p class="field"><label for="tpl-width">Screen width</label> <select id="tpl-width" name="width">${WIDTHS.map((w) => html`<option value="${w}"${w === v.device.width ? html` selected` : ''}>${w} px</option>`)}</select></p>
<p class="field"><label for="tpl-locale">Locale</label> <input id="tpl-locale" name="locale" value="${v.device.locale}" maxlength="35" autocomplete="off"></p>
<p class="field"><label for="tpl-time">Time of day</label> <input id="tpl-time" name="time" type="time" value="${v.device.time}"></p>
<p class="field"><input id="tpl-dark" name="dark" type="checkbox"${v.device.dark ? html` checked` : ''}> <label for="tpl-dark">Dark mode</label></p>
</fieldset>
<p class="tpl-actions">${v.canSave ? html`<button type="submit">${v.id === null ? 'Create template' : 'Save revision'}</button> ` : ''}<button type="submit" formaction="/dashboard/templates/preview">Preview</button>
<span id="tpl-live" class="tpl-muted" role="status"></span></p>
${v.canSave ? '' : html`<p class="tpl-muted">Your role can preview templates but not save them.</p>`}
</form>
${feedbackFragment(v.feedback, v.device)}
</div>
<script type="module" src="/dashboard/assets/template-editor.js"></script>`);
}
