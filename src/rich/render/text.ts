import type { BoundComponent, BoundFact, BoundTextRun } from '../bound/model.ts';
import { type RenderContext, keyAttr, linkOk } from './context.ts';
import { attr, esc } from './escape.ts';
import { formatRemaining, parseInstant } from './time.ts';

// Text-like components. Message text is always escaped and never interpreted as markup; the only
// styling is the run flags (bold, italic, link) and the size/alignment classes.

type Of<T extends BoundComponent['type']> = Extract<BoundComponent, { type: T }>;

const SIZE_CLASS: Readonly<Record<string, string>> = { small: ' porm-size-small', body: '', large: ' porm-size-large' };
const ALIGN_CLASS: Readonly<Record<string, string>> = { start: '', center: ' porm-align-center', end: ' porm-align-end' };
const SPACER_CLASS: Readonly<Record<string, string>> = { small: 'porm-spacer-small', medium: 'porm-spacer-medium', large: 'porm-spacer-large' };

function pick(table: Readonly<Record<string, string>>, key: string, fallback: string): string {
  return Object.hasOwn(table, key) ? table[key]! : fallback;
}

/** A run; its link is emitted only when it passes the URL check, otherwise the run is plain text. */
export function renderRun(r: BoundTextRun, ctx: RenderContext): string {
  let html = esc(r.text);
  if (r.italic) html = `<em>${html}</em>`;
  if (r.bold) html = `<strong>${html}</strong>`;
  // Direct link (runs have no action id); noreferrer keeps the page's capability URL private.
  if (r.link !== null && linkOk(ctx, r.link)) html = `<a${attr('href', r.link)} rel="noreferrer">${html}</a>`;
  return html;
}

export function renderText(t: Of<'text'>, ctx: RenderContext): string {
  let body = '';
  for (const r of t.runs) if (r.text !== '') body += renderRun(r, ctx);
  if (body === '') return '';
  return `<p class="porm-text${pick(SIZE_CLASS, t.size, '')}${pick(ALIGN_CLASS, t.align, '')}"${keyAttr(t.key)}>${body}</p>`;
}

/** Level 1–3 → h2–h4: the hosting page owns h1. Card titles then nest one level below. */
export function renderHeading(h: Of<'heading'>, ctx: RenderContext): string {
  const level = h.level === 1 || h.level === 2 || h.level === 3 ? h.level + 1 : 2;
  ctx.headingLevel = level;
  return `<h${level} class="porm-heading"${keyAttr(h.key)}>${esc(h.text)}</h${level}>`;
}

export function factsList(facts: readonly BoundFact[], extraAttrs = ''): string {
  if (facts.length === 0) return '';
  let out = `<dl class="porm-facts"${extraAttrs}>`;
  for (const f of facts) out += `<div class="porm-fact"><dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd></div>`;
  return `${out}</dl>`;
}

export function renderFacts(f: Of<'facts'>): string {
  return factsList(f.facts, keyAttr(f.key));
}

export function renderDivider(d: Of<'divider'>): string {
  return `<hr class="porm-divider"${keyAttr(d.key)}>`;
}

export function renderSpacer(s: Of<'spacer'>): string {
  return `<div class="porm-spacer ${pick(SPACER_CLASS, s.size, SPACER_CLASS.medium!)}" aria-hidden="true"${keyAttr(s.key)}></div>`;
}

/**
 * Time left as text the device keeps ticking (data-porm-countdown, with the expired text in
 * data-porm-expired for when it reaches zero). Passed: the expired text, or nothing without one.
 */
export function renderCountdown(c: Of<'countdown'>, ctx: RenderContext): string {
  const to = parseInstant(c.to);
  if (to === null) return '';
  const left = formatRemaining(c.to, ctx.now);
  if (left === null) {
    return c.expiredText === null || c.expiredText === '' ? '' : `<p class="porm-countdown porm-expired"${keyAttr(c.key)}>${esc(c.expiredText)}</p>`;
  }
  const label = c.label === null || c.label === '' ? '' : `<span class="porm-countdown-label">${esc(c.label)}</span> `;
  const expired = c.expiredText === null ? '' : attr('data-porm-expired', c.expiredText);
  return `<p class="porm-countdown"${keyAttr(c.key)}>${label}<time class="porm-countdown-time" datetime="${new Date(to).toISOString()}" data-porm-countdown${expired}>${esc(left)}</time></p>`;
}
