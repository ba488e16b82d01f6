import type { Session } from './session.ts';
import { report } from './report.ts';
import { STRINGS } from './strings.ts';

// Clicks on the message's actions, by delegation on <porm-message>, so re-rendered content needs
// no re-wiring. The server-rendered controls already work (links, tel:, sms:, .ics); this adds
// click counts for the kinds porm cannot see itself, app deep links and the clipboard.

/**
 * Kinds whose click may never reach porm (open_url and show_on_map always pass porm's /go/
 * redirect, which counts them). A deep link is reported only once its app has opened.
 */
// add_to_calendar is not here: porm counts the .ics download itself.
const BEACON_KINDS: ReadonlySet<string> = new Set(['call', 'sms_reply', 'copy_code', 'deep_link']);
/** How long an app gets to open before the reader is sent to the fallback page. */
const DEEP_LINK_WAIT_MS = 1500;
const FLASH_MS = 2000;

export function onClick(s: Session, e: Event): void {
  const control = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-porm-action]') : null;
  if (control === null || !s.el.contains(control)) return;
  const id = control.getAttribute('data-porm-action') ?? '';
  const kind = control.getAttribute('data-porm-kind') ?? '';
  const count = (): void => report(s.base, { kind: 'click', action_id: id }, control instanceof HTMLAnchorElement);
  if (kind === 'deep_link' && control instanceof HTMLAnchorElement && e instanceof MouseEvent && openApp(e, control, count)) return;
  // A link through porm's /go/ redirect (also sms_reply without a number, or a deep link opened
  // the ordinary way) is counted by porm itself; a beacon too would count the click twice.
  const viaPorm = control instanceof HTMLAnchorElement && (control.getAttribute('href') ?? '').startsWith(`${s.base}/go/`);
  if (id !== '' && BEACON_KINDS.has(kind) && !viaPorm) count();
  if (kind === 'copy_code') void copyCode(s, control);
}

/** The copy buttons are hidden in the page's HTML (they need script); show them where copying works. */
export function showCopyButtons(root: Element): void {
  if (!navigator.clipboard) return;
  for (const b of Array.from(root.querySelectorAll<HTMLElement>('[data-porm-copy][hidden]'))) b.hidden = false;
}

async function copyCode(s: Session, button: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(button.getAttribute('data-porm-copy') ?? '');
    s.announcer.say(STRINGS.copied);
    flash(button, STRINGS.copied); // the live region is invisible; sighted readers see the label change
  } catch {
    s.announcer.say(STRINGS.copyFailed);
  }
}

const labels = new WeakMap<HTMLElement, string>();

function flash(button: HTMLElement, text: string): void {
  if (!labels.has(button)) labels.set(button, button.textContent ?? '');
  button.textContent = text;
  window.setTimeout(() => {
    const label = labels.get(button);
    labels.delete(button);
    if (label !== undefined) button.textContent = label;
  }, FLASH_MS);
}

/**
 * Tries the app URL; if the page is still visible after a moment no app took it, so the reader goes
 * to the anchor's own href (porm's redirect to the fallback page, which counts the click). Only when
 * the app did open (the page was hidden) is the click reported here. Modified clicks (new tab) keep
 * the browser's default. Returns whether the click was taken over.
 */
function openApp(e: MouseEvent, a: HTMLAnchorElement, count: () => void): boolean {
  const app = a.getAttribute('data-porm-deeplink');
  if (app === null || app === '' || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  e.preventDefault();
  const fallback = a.href;
  // The app opened (page hidden or left): count it, and never redirect the reader when they come back.
  function opened(ev: Event): void {
    if (ev.type === 'visibilitychange' && document.visibilityState === 'visible') return;
    window.clearTimeout(timer);
    stop();
    count();
  }
  function stop(): void {
    document.removeEventListener('visibilitychange', opened);
    window.removeEventListener('pagehide', opened);
  }
  const timer = window.setTimeout(() => {
    stop();
    if (document.visibilityState === 'visible') location.assign(fallback);
  }, DEEP_LINK_WAIT_MS);
  document.addEventListener('visibilitychange', opened);
  window.addEventListener('pagehide', opened);
  location.assign(app);
  return true;
}
