import type { BoundAction, BoundButton } from '../bound/model.ts';
import { type RenderContext, linkOk, pormUrl, postbackAnswer } from './context.ts';
import { attr, esc, encodeComponent } from './escape.ts';
import { formElementId } from './forms.ts';
import { STRINGS } from './strings.ts';
import { dialString, isAllowedUrl } from './urls.ts';

// Actions become plain HTML that works with no script: links through porm (which counts the click
// and redirects), tel:/sms: links, and tiny POST forms for postbacks. Every control carries
// data-porm-action/-kind so the device assembler can add tracking and native behaviour on top.
// Payloads and target URLs of tracked actions never appear in the page: porm resolves them by id.

export type ButtonStyle = BoundButton['style'];
const STYLE_CLASS: Readonly<Record<ButtonStyle, string>> = { primary: 'porm-btn porm-btn-primary', secondary: 'porm-btn porm-btn-secondary', destructive: 'porm-btn porm-btn-destructive' };

export function actionAttrs(a: BoundAction): string {
  return ` data-porm-action="${esc(a.id)}" data-porm-kind="${esc(a.kind)}"`;
}

/**
 * The attributes of an `<a>` for an action that is a link (href, rel, data-*), or null when the
 * action is not a link kind or its target fails the URL checks.
 */
export function linkAttrs(a: BoundAction, ctx: RenderContext): string | null {
  switch (a.kind) {
    case 'open_url':
      return linkOk(ctx, a.url) ? ` href="${pormUrl(ctx, 'go', a.id)}" rel="noreferrer"${actionAttrs(a)}` : null;
    case 'deep_link': {
      // The fallback is the no-script path, so without a safe one the control is useless.
      if (!isAllowedUrl(a.fallbackUrl, 'media')) return null; // 'media' without base = http(s) only
      const app = linkOk(ctx, a.url) ? attr('data-porm-deeplink', a.url) : '';
      return ` href="${pormUrl(ctx, 'go', a.id)}" rel="noreferrer"${actionAttrs(a)}${app}`;
    }
    case 'call': {
      const tel = dialString(a.phone);
      return tel === null ? null : ` href="tel:${esc(tel)}"${actionAttrs(a)}`;
    }
    case 'sms_reply': {
      const to = a.to === null ? null : dialString(a.to);
      // Without a number the server knows the sender and redirects to the right sms: URL.
      const href = to === null ? pormUrl(ctx, 'go', a.id) : esc(`sms:${to}?body=${encodeComponent(a.body)}`);
      return ` href="${href}"${actionAttrs(a)}`;
    }
    case 'add_to_calendar':
      return ` href="${pormUrl(ctx, 'ics', a.id)}" download${actionAttrs(a)}`;
    case 'show_on_map':
      return ` href="${pormUrl(ctx, 'go', a.id)}" rel="noreferrer"${actionAttrs(a)}`;
    default:
      return null;
  }
}

export function isLinkKind(a: BoundAction): boolean {
  return a.kind !== 'copy_code' && a.kind !== 'postback' && a.kind !== 'submit_form';
}

function labelFor(a: BoundAction, label: string): string {
  return esc(label.trim() === '' ? STRINGS.actionLabel[a.kind] ?? STRINGS.actionLabel.open_url : label);
}

/** One action as a visible control; '' when it cannot be rendered safely or has no target. */
export function actionControl(a: BoundAction, label: string, style: ButtonStyle, ctx: RenderContext): string {
  const cls = Object.hasOwn(STYLE_CLASS, style) ? STYLE_CLASS[style] : STYLE_CLASS.secondary;
  const text = labelFor(a, label);
  switch (a.kind) {
    case 'copy_code':
      // The code is visible and selectable without script; the assembler unhides the Copy button.
      return `<span class="porm-copy"><code class="porm-copy-code">${esc(a.code)}</code> <button type="button" class="${cls}"${attr('data-porm-copy', a.code)}${actionAttrs(a)} hidden>${text}</button></span>`;
    case 'postback': {
      const confirm = a.confirm === null ? '' : attr('data-porm-confirm', a.confirm);
      const answer = postbackAnswer(ctx, a.id);
      const status = answer === undefined ? '' : `<p role="status" class="porm-answer">${esc(answer)}</p>`;
      return `<form class="porm-postback" method="post" action="${pormUrl(ctx, 'a', a.id)}"><button type="submit" class="${cls}"${actionAttrs(a)}${confirm}>${text}</button>${status}</form>`;
    }
    case 'submit_form':
      if (!ctx.liveForms.has(a.formId)) return '';
      return `<button type="submit"${attr('form', formElementId(a.formId))} class="${cls}"${actionAttrs(a)}>${text}</button>`;
    default: {
      const link = linkAttrs(a, ctx);
      return link === null ? '' : `<a class="${cls}"${link}>${text}</a>`;
    }
  }
}

export function renderButton(b: BoundButton, ctx: RenderContext): string {
  return actionControl(b.action, b.label, b.style, ctx);
}

/** Buttons in a row, or '' when none renders (so no empty wrapper is left behind). */
export function renderButtons(buttons: readonly BoundButton[], ctx: RenderContext): string {
  let out = '';
  for (const b of buttons) out += renderButton(b, ctx);
  return out;
}

/**
 * For a tap action (card, image, list item, map) that is not a link: the same action as a separate
 * secondary control, so it is never lost. '' for link kinds (the caller made the content a link).
 */
export function tapControl(a: BoundAction | null, label: string, ctx: RenderContext): string {
  return a === null || isLinkKind(a) ? '' : actionControl(a, label, 'secondary', ctx);
}
