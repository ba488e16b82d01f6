import type { DeviceContext } from '../src/rich/bound/model.ts';
// render.ts, not index.ts: the index also re-exports the page stylesheet and font table, whose
// top-level .join()/Object.freeze() calls esbuild must keep (~2.5 KB gzipped the phone never uses).
import { renderMessageHtml } from '../src/rich/render/render.ts';
import { deviceContext } from './device-context.ts';
import type { Instructions } from './instructions.ts';
import { restoreState, saveState } from './preserve.ts';
import type { Session } from './session.ts';
import { showCopyButtons } from './wire-actions.ts';

// One device render: the renderer's HTML for this phone replaces the element's content. The HTML
// is built completely before the DOM is touched, so a renderer error leaves the server's HTML as is.

export interface Painted {
  readonly device: DeviceContext;
  /** Building the device context, rendering and replacing the DOM, in ms. */
  readonly ms: number;
}

export function paint(s: Session, ins: Instructions): Painted {
  const t0 = performance.now();
  const device = deviceContext();
  const html = renderMessageHtml(ins.message, device, {
    base: s.base,
    now: Date.now() + s.skew,
    appSchemes: ins.appSchemes,
    answeredForms: ins.answeredForms,
    postbackAnswers: ins.postbackAnswers,
  });
  const saved = saveState(s.el);
  s.el.innerHTML = html; // the renderer escapes all message text and emits no script or style
  s.el.append(s.announcer.node);
  showCopyButtons(s.el);
  restoreState(s.el, saved);
  if (ins.revision !== s.revision) refreshTheme(s.base, ins.revision);
  return { device, ms: performance.now() - t0 };
}

/** The theme sheet is per page and keyed by revision (`${base}/theme.css?r=N`): a revision may change colours. */
function refreshTheme(base: string, revision: number): void {
  for (const link of Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'))) {
    if (link.getAttribute('href')?.startsWith(`${base}/theme.css`)) link.href = `${base}/theme.css?r=${revision}`;
  }
}
