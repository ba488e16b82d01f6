// The import page's progress bar, moved by itself: polls the session-protected progress JSON
// (/dashboard/imports/{id}/progress) while the import runs, and when it has ended fetches the
// page once more for its error report. Without this script the page says to reload it.

interface Progress {
  status: string;
  done: boolean;
  rows: number;
  max: number | null;
  value: number;
  error: { code: string; message: string } | null;
  [count: string]: unknown;
}

const POLL_MS = 400;
const root = document.querySelector<HTMLElement>('.contacts-import[data-import]');

function isProgress(v: unknown): v is Progress {
  return typeof v === 'object' && v !== null && typeof (v as Progress).status === 'string' && typeof (v as Progress).rows === 'number';
}

function show(el: HTMLElement, p: Progress): void {
  const bar = el.querySelector('progress');
  if (bar) {
    if (p.max === null) bar.removeAttribute('value');
    else {
      bar.max = p.max;
      bar.value = p.value;
    }
    bar.textContent = `${p.rows} rows`;
  }
  for (const dd of el.querySelectorAll<HTMLElement>('[data-count]')) {
    const n = dd.dataset.count === 'rows' ? p.rows : p[dd.dataset.count ?? ''];
    if (typeof n === 'number') dd.textContent = String(n);
  }
  const status = el.querySelector('.contacts-import-status');
  if (status) status.textContent = p.done ? `${p.status[0]!.toUpperCase()}${p.status.slice(1)}: ${p.rows} rows read.` : `Importing: ${p.rows} rows read so far.`;
  el.dataset.status = p.status;
}

/** The finished page's error report, cancel form and failure note replace the running page's. */
async function refreshReport(el: HTMLElement): Promise<void> {
  const res = await fetch(location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!res.ok) return;
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('.contacts-import[data-import]');
  if (!fresh) return;
  for (const selector of ['.import-errors', '.import-counts']) {
    const mine = el.querySelector(selector);
    const theirs = fresh.querySelector(selector);
    if (mine && theirs) mine.replaceWith(document.importNode(theirs, true));
  }
  const failure = fresh.querySelector('.error[role=alert]');
  if (failure && !el.querySelector('.error[role=alert]')) el.querySelector('.import-counts')?.before(document.importNode(failure, true));
  el.querySelector('form[action$="/cancel"]')?.remove();
}

async function poll(el: HTMLElement, id: string): Promise<void> {
  el.querySelector('.reload-hint')?.remove();
  for (;;) {
    const res = await fetch(`/dashboard/imports/${encodeURIComponent(id)}/progress`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return;
    const p: unknown = await res.json();
    if (!isProgress(p)) return;
    show(el, p);
    if (p.done) {
      await refreshReport(el);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

if (root && root.dataset.status === 'importing' && root.dataset.import) void poll(root, root.dataset.import);
