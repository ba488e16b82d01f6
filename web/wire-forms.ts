import { statusIn } from './announce.ts';
import { clearErrors, collectAnswers, showFieldErrors } from './form-answers.ts';
import { prop, str } from './json.ts';
import { type Reply, postJson, problemText } from './net.ts';
import type { Session } from './session.ts';
import { STRINGS } from './strings.ts';

// Submits of the message's forms, by delegation. Without script each form posts and porm answers
// with a page; with script the same POST is sent as JSON and the answer is shown in place. Which
// endpoint a form targets is read from its action (`${base}/a|f|q/{id}`), as the renderer built it.

type Area = 'a' | 'f' | 'q';

function areaOf(base: string, action: string | null): Area | null {
  if (action === null || !action.startsWith(`${base}/`)) return null;
  const area = action.slice(base.length + 1, base.length + 3);
  return area === 'a/' ? 'a' : area === 'f/' ? 'f' : area === 'q/' ? 'q' : null;
}

export function onSubmit(s: Session, e: Event): void {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || !s.el.contains(form)) return;
  const url = form.getAttribute('action');
  const area = areaOf(s.base, url);
  if (area === null || url === null) return;
  e.preventDefault();
  if (form.getAttribute('aria-busy') === 'true') return; // one request per form at a time
  const submitter = 'submitter' in e && e.submitter instanceof HTMLElement ? e.submitter : null;
  if (area === 'a') void postback(form, url, submitter);
  else if (area === 'f') void answerForm(form, url);
  else void quickReply(form, url);
}

/**
 * Marks the form's buttons disabled for assistive technology while its request runs. aria-disabled
 * rather than `disabled`: disabling the focused button would throw keyboard focus back to the page
 * start; the aria-busy check in onSubmit is what stops a second submit.
 */
function setBusy(form: HTMLFormElement, busy: boolean): void {
  if (busy) form.setAttribute('aria-busy', 'true');
  else form.removeAttribute('aria-busy');
  for (const c of Array.from(form.elements)) {
    if (!(c instanceof HTMLButtonElement)) continue;
    if (busy) c.setAttribute('aria-disabled', 'true');
    else c.removeAttribute('aria-disabled');
  }
}

/** POSTs JSON with the form marked busy; null when the server could not be reached. */
async function send(form: HTMLFormElement, url: string, body: unknown): Promise<Reply | null> {
  setBusy(form, true);
  try {
    return await postJson(url, body);
  } catch {
    return null;
  } finally {
    setBusy(form, false);
  }
}

function ok(r: Reply): boolean {
  return r.status >= 200 && r.status < 300;
}

async function postback(form: HTMLFormElement, url: string, submitter: HTMLElement | null): Promise<void> {
  const button = submitter ?? form.querySelector('[data-porm-confirm]');
  const question = button?.getAttribute('data-porm-confirm');
  if (question && !window.confirm(question)) return;
  // The renderer writes an earlier answer into the same p.porm-answer; it is reused, not duplicated.
  const status = statusIn(form, 'porm-answer');
  status.textContent = '';
  const r = await send(form, url, {});
  status.textContent = r === null ? STRINGS.offline : ok(r) ? str(prop(r.body, 'answer')) || STRINGS.failed : problemText(r.body);
}

async function answerForm(form: HTMLFormElement, url: string): Promise<void> {
  // Native validation normally stops the submit event already; this also covers a submitter with formnovalidate.
  if (!form.reportValidity()) return;
  clearErrors(form);
  const status = statusIn(form, 'porm-status');
  status.textContent = '';
  const r = await send(form, url, collectAnswers(form));
  if (r === null) status.textContent = STRINGS.offline;
  else if (ok(r)) finish(form, STRINGS.answered);
  else if (r.status === 409) finish(form, STRINGS.alreadyAnswered);
  else if (r.status === 422) status.textContent = showFieldErrors(form, r.body).join(' ');
  else status.textContent = problemText(r.body);
}

/** The form is done: its inputs give way to one status line, which takes focus (the focused control is gone). */
function finish(form: HTMLFormElement, text: string): void {
  const p = document.createElement('p');
  p.className = 'porm-status';
  p.setAttribute('role', 'status');
  p.tabIndex = -1;
  p.textContent = text;
  form.replaceChildren(p);
  form.classList.add('porm-answered');
  // What is still associated now is outside the form: submit_form buttons elsewhere in the message.
  for (const c of Array.from(form.elements)) if (c instanceof HTMLElement) c.hidden = true;
  p.focus();
}

async function quickReply(form: HTMLFormElement, url: string): Promise<void> {
  // One status line for the whole row of chips, below them.
  const row = form.closest('.porm-quick') ?? form;
  const status = statusIn(row, 'porm-status');
  status.style.flexBasis = '100%'; // CSSOM, allowed by the page's CSP: its own line in the flex row
  status.textContent = '';
  const r = await send(form, url, {});
  status.textContent = r === null ? STRINGS.offline : ok(r) ? STRINGS.sent : problemText(r.body);
}
