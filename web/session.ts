import type { Announcer } from './announce.ts';

// State of one connected <porm-message>. Everything the element does hangs off this object, so a
// disconnect can undo all of it (timers, the live stream, document listeners) in one place.

export interface Session {
  readonly el: HTMLElement;
  /** The page's base path, "/m/{token}": every request goes below it. */
  readonly base: string;
  readonly announcer: Announcer;
  /** Revision currently shown (the server's HTML revision until the first device render). */
  revision: number;
  /** Server clock minus device clock: countdowns follow porm's time, since phone clocks can be wrong. */
  skew: number;
  /** Bumped per load, so a slow response for an older revision never overwrites a newer one. */
  seq: number;
  /** Whether the device has rendered the message itself at least once. */
  painted: boolean;
  stopped: boolean;
  readonly cleanups: (() => void)[];
}

export function listen(s: Session, target: EventTarget, type: string, fn: (e: Event) => void): void {
  target.addEventListener(type, fn);
  s.cleanups.push(() => target.removeEventListener(type, fn));
}
