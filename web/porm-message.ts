import { createAnnouncer } from './announce.ts';
import { TICK_MS, tickCountdowns } from './countdown.ts';
import { clearFieldError } from './form-answers.ts';
import { fetchInstructions } from './instructions.ts';
import { errorText } from './json.ts';
import { openLive } from './live.ts';
import { paint } from './paint.ts';
import { report } from './report.ts';
import { type Session, listen } from './session.ts';
import { onClick, showCopyButtons } from './wire-actions.ts';
import { onSubmit } from './wire-forms.ts';

// <porm-message>: the device assembler. The page arrives complete (server-rendered, no script
// needed); this element re-renders the message for this phone (its language, time, screen,
// capabilities), wires the controls, keeps countdowns ticking and follows live revisions.
// Light DOM on purpose: the page's stylesheets style the message either way.

/** A root-relative path, never "//host": every request must stay on porm's origin. */
const BASE = /^\/(?!\/)[^\s"'<>\\]*[^/\s]$/;

function markDone(s: Session): void {
  s.el.setAttribute('data-porm-revision', String(s.revision));
  s.el.setAttribute('data-porm-ready', 'true'); // tests and the page wait on this
}

async function load(s: Session): Promise<void> {
  const seq = ++s.seq;
  const t0 = performance.now();
  try {
    const ins = await fetchInstructions(s.base);
    if (seq !== s.seq || s.stopped) return; // superseded by a newer load
    s.skew = ins.now - Date.now();
    if (!s.painted || ins.revision !== s.revision) {
      const { device, ms } = paint(s, ins);
      s.painted = true;
      s.revision = ins.revision;
      report(s.base, {
        kind: 'render', ok: true, duration_ms: Math.round(ms * 10) / 10, revision: ins.revision,
        capabilities: { ...device.capability }, ...(device.screen_width === undefined ? {} : { screen_width: device.screen_width }),
        ...(device.locale === undefined ? {} : { locale: device.locale }),
        // Headless browsers and link scanners run this too; the server learns the phone only when this is false.
        webdriver: navigator.webdriver === true,
      });
    }
  } catch (e) {
    if (seq !== s.seq || s.stopped) return;
    // The server's HTML stays: it is the complete message, only not tailored to this phone.
    report(s.base, { kind: 'render', ok: false, duration_ms: Math.round((performance.now() - t0) * 10) / 10, revision: s.revision, error: errorText(e) });
  }
  markDone(s);
}

function start(el: HTMLElement): Session {
  const s: Session = {
    el, base: el.getAttribute('data-base') ?? '', announcer: createAnnouncer(),
    revision: Number(el.getAttribute('data-revision')) || 0, skew: 0, seq: 0, painted: false, stopped: false, cleanups: [],
  };
  if (!BASE.test(s.base)) {
    markDone(s); // nothing to talk to: the server's HTML is all there is
    return s;
  }
  // Wired before the first fetch: the server's HTML uses the same markup, so it works meanwhile.
  el.append(s.announcer.node);
  showCopyButtons(el);
  listen(s, el, 'click', (e) => onClick(s, e));
  listen(s, el, 'submit', (e) => onSubmit(s, e));
  listen(s, el, 'input', clearFieldError);
  listen(s, el, 'change', clearFieldError);
  const tick = (): void => tickCountdowns(el, Date.now() + s.skew);
  const timer = window.setInterval(tick, TICK_MS);
  s.cleanups.push(() => window.clearInterval(timer));
  // Timers are throttled while the phone sleeps; catch up as soon as the page is seen again.
  listen(s, document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') tick();
  });
  void load(s);
  s.cleanups.push(openLive(s.base, (revision) => {
    if (revision === null || revision !== s.revision) void load(s);
  }));
  return s;
}

const sessions = new WeakMap<HTMLElement, Session>();

class PormMessage extends HTMLElement {
  connectedCallback(): void {
    if (!sessions.has(this)) sessions.set(this, start(this));
  }

  disconnectedCallback(): void {
    const s = sessions.get(this);
    if (s === undefined) return;
    sessions.delete(this);
    s.stopped = true;
    for (const undo of s.cleanups) undo();
    s.announcer.node.remove();
  }
}

if (typeof customElements !== 'undefined' && customElements.get('porm-message') === undefined) {
  customElements.define('porm-message', PormMessage);
}
