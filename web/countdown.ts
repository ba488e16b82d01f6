// time.ts rather than the render index, for bundle size (see paint.ts).
import { formatRemaining } from '../src/rich/render/time.ts';

// Keeps the renderer's countdowns (`<time data-porm-countdown>`) ticking. At zero it does what the
// renderer does for a passed deadline: the expired text (data-porm-expired) replaces the line,
// or, without one, the line disappears.

export const TICK_MS = 30_000;

export function tickCountdowns(root: Element, now: number): void {
  for (const t of Array.from(root.querySelectorAll<HTMLTimeElement>('time[data-porm-countdown]'))) {
    const left = formatRemaining(t.dateTime, now);
    if (left !== null) {
      if (t.textContent !== left) t.textContent = left;
      continue;
    }
    const line = t.closest<HTMLElement>('.porm-countdown') ?? t;
    const expired = t.getAttribute('data-porm-expired');
    if (expired === null || expired === '') line.hidden = true;
    else {
      line.textContent = expired; // also removes the <time>, so it is not ticked again
      line.classList.add('porm-expired');
    }
  }
}
