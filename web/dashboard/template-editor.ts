// The template editor, enhanced: while the person types (in the document, the sample data or the
// device settings), the checks and the three previews are fetched again from the server a moment
// after the last key press, as the same HTML the Preview button gets without script; and a
// "Line 12, column 5" link puts the cursor at that place in the text.

const DEBOUNCE_MS = 350;

const form = document.getElementById('template-form');
const live = document.getElementById('tpl-live');

/** The offset in a textarea's value of a 1-based line and column (the value's lines end in \n). */
function offsetOf(value: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = value.indexOf('\n', offset);
    if (next === -1) return value.length;
    offset = next + 1;
  }
  return Math.min(offset + col - 1, value.length);
}

function goTo(link: HTMLAnchorElement): boolean {
  const field = document.getElementById(link.dataset.field ?? '');
  if (!(field instanceof HTMLTextAreaElement)) return false;
  const at = offsetOf(field.value, Number(link.dataset.line), Number(link.dataset.col));
  field.focus();
  field.setSelectionRange(at, at);
  // Scroll the line into view: the textarea scrolls by line height times the line number.
  const lineHeight = parseFloat(getComputedStyle(field).lineHeight) || 18;
  field.scrollTop = Math.max(0, (Number(link.dataset.line) - 3) * lineHeight);
  return true;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('a.issue-place') : null;
  if (target instanceof HTMLAnchorElement && goTo(target)) event.preventDefault();
});

if (form instanceof HTMLFormElement) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let asked = 0;

  const say = (text: string): void => { if (live) live.textContent = text; };

  async function refresh(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const mine = ++asked;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form as HTMLFormElement)) if (typeof value === 'string') body.append(name, value);
    body.set('fragment', '1');
    say('Updating the preview…');
    try {
      const res = await fetch('/dashboard/templates/preview', { method: 'POST', body, signal: controller.signal, credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (mine !== asked) return;
      if (!res.ok) { say(`The preview could not be updated (${res.status}); reload the page.`); return; }
      const parsed = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = parsed.getElementById('template-feedback');
      const current = document.getElementById('template-feedback');
      if (!fresh || !current) return;
      current.replaceWith(document.adoptNode(fresh));
      const errors = Number(fresh.dataset.errors ?? '0');
      document.getElementById('tpl-document')?.setAttribute('aria-invalid', errors > 0 ? 'true' : 'false');
      say(errors > 0 ? `Preview not updated: ${errors} error${errors === 1 ? '' : 's'}.` : 'Preview updated.');
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      say('The preview could not be updated; check the connection.');
    }
  }

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { void refresh(); }, DEBOUNCE_MS);
  };
  form.addEventListener('input', (event) => {
    const t = event.target;
    // The name and note do not change the preview.
    if (t instanceof HTMLInputElement && (t.name === 'name' || t.name === 'note')) return;
    schedule();
  });
}
