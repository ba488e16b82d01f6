// A campaign's page, live: polls its progress.json (session cookie, same origin) while the
// campaign is under way and updates the progress bar and counts in place (the region is
// aria-live, so a screen reader hears the status); when the status moves, the page is loaded
// again so its buttons, figures and chart are the server's for the new status. Without this
// script the page has a Refresh link.

interface LiveProgress { status: string; final: boolean; handled: number; queued: number; total: number; percent: number; messages: Record<string, number> }

const POLL_MS = 1500;

function isProgress(v: unknown): v is LiveProgress {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.status === 'string' && typeof o.handled === 'number' && typeof o.total === 'number' && typeof o.percent === 'number';
}

function paint(section: HTMLElement, p: LiveProgress): void {
  const bar = section.querySelector('progress');
  if (bar) bar.value = p.percent;
  const text = section.querySelector('.camp-progress-text');
  if (text) text.textContent = `${p.handled} of ${p.total} (${p.percent}%)`;
  const queued = section.querySelector('[data-live-field="queued"]');
  if (queued) queued.textContent = String(p.queued);
  const messages = section.querySelector('[data-live-field="messages"]');
  if (messages) messages.textContent = Object.entries(p.messages).map(([s, n]) => `${s} ${n}`).join(', ') || 'none yet';
}

function start(section: HTMLElement): void {
  const src = section.dataset.live;
  const shown = section.dataset.status;
  if (src === undefined || !src.startsWith('/dashboard/')) return;
  const tick = async (): Promise<void> => {
    try {
      // Signed out, the endpoint answers a redirect to the sign-in page: not followed, and polling stops.
      const res = await fetch(src, { credentials: 'same-origin', redirect: 'manual', headers: { accept: 'application/json' } });
      if (!res.ok) return; // signed out or gone: leave the page as it is
      const body: unknown = await res.json();
      if (!isProgress(body)) return;
      paint(section, body);
      if (body.status !== shown) {
        window.location.reload();
        return;
      }
    } catch {
      // A network hiccup: try again on the next tick.
    }
    window.setTimeout(() => void tick(), POLL_MS);
  };
  window.setTimeout(() => void tick(), POLL_MS);
}

const section = document.querySelector<HTMLElement>('[data-live]');
if (section) start(section);
