// A message's page, live: polls /dashboard/messages/{id}/live (session-protected JSON) and moves the
// status and the timeline as the message moves, until it reaches a final state. The page is complete
// without it; everything is written as text, never as markup.

const FINAL = new Set(['delivered', 'undelivered', 'failed', 'canceled']);
const EVERY_MS = 1000;
const MAX_FAILURES = 5;

interface LiveEvent { seq: number; type: string; at: string }
interface Live { status: string; events: LiveEvent[] }

function isLive(value: unknown): value is Live {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { status?: unknown; events?: unknown };
  return typeof v.status === 'string' && Array.isArray(v.events)
    && v.events.every((e: unknown) => typeof e === 'object' && e !== null && typeof (e as LiveEvent).type === 'string' && typeof (e as LiveEvent).at === 'string');
}

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

function paint(live: Live, status: HTMLElement, timeline: HTMLOListElement | null): void {
  if (status.textContent !== live.status) {
    status.textContent = live.status;
    status.className = `status status-${live.status.replace(/[^a-z-]/g, '')}`;
  }
  if (!timeline || timeline.children.length >= live.events.length) return;
  for (const e of live.events.slice(timeline.children.length)) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = e.at;
    time.textContent = when(e.at);
    const type = document.createElement('strong');
    type.textContent = e.type;
    li.append(time, ' ', type);
    timeline.append(li);
  }
}

function start(): void {
  const root = document.getElementById('live');
  const url = root?.dataset.live;
  const status = root?.querySelector<HTMLElement>('.status');
  if (!url || !url.startsWith('/dashboard/') || !status) return;
  const timeline = document.querySelector<HTMLOListElement>('ol.timeline');
  if (FINAL.has(status.textContent ?? '')) return;
  let failures = 0;
  const tick = async (): Promise<void> => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
      const body: unknown = res.ok ? await res.json() : null;
      if (!isLive(body)) throw new Error(`live status: HTTP ${res.status}`);
      failures = 0;
      paint(body, status, timeline);
      if (FINAL.has(body.status)) return;
    } catch {
      if (++failures >= MAX_FAILURES) return;
    }
    setTimeout(() => void tick(), EVERY_MS);
  };
  setTimeout(() => void tick(), EVERY_MS);
}

start();
