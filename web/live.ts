import { prop } from './json.ts';

// Live updates: porm streams `event: revision` / `data: {"revision": n}` when the sender revises
// the template. EventSource reconnects by itself; after a reconnect an event may have been missed,
// so the caller is told to check (revision null).

export function openLive(base: string, onRevision: (revision: number | null) => void): () => void {
  if (typeof EventSource !== 'function') return () => undefined;
  const source = new EventSource(`${base}/live`);
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) onRevision(null);
    opened = true;
  });
  source.addEventListener('revision', (e) => {
    if (!(e instanceof MessageEvent) || typeof e.data !== 'string') return;
    let revision: unknown;
    try {
      revision = prop(JSON.parse(e.data), 'revision');
    } catch {
      return;
    }
    if (typeof revision === 'number') onRevision(revision);
  });
  return () => source.close();
}
