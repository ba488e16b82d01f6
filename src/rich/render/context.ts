import type { BoundComponent } from '../bound/model.ts';
import { esc, encodeComponent } from './escape.ts';
import type { RenderOptions } from './options.ts';
import { isAllowedUrl } from './urls.ts';

// Per-render state shared by the component renderers. Created fresh for every render (nothing
// global depends on input), so renders are independent and deterministic.

export interface RenderContext {
  readonly base: string;
  readonly now: number;
  readonly appSchemes: readonly string[];
  readonly answeredForms: ReadonlySet<string>;
  readonly postbackAnswers: Readonly<Record<string, string>>;
  /** Forms that render inputs in this message: a submit_form button pointing anywhere else is dropped. */
  readonly liveForms: ReadonlySet<string>;
  /** The message language, when valid: captions get it as srclang. */
  readonly lang: string | null;
  /** Level of the last heading rendered (1 before any), so card titles nest under it. */
  headingLevel: number;
}

const NO_ANSWERS: Readonly<Record<string, string>> = Object.freeze({});

export function createContext(visible: readonly BoundComponent[], options: RenderOptions, lang: string | null): RenderContext {
  const answered = options.answeredForms ?? new Set<string>();
  const live = new Set<string>();
  for (const c of visible) if (c.type === 'form' && !(answered.has(c.id) && !c.multipleAnswers)) live.add(c.id);
  return {
    base: options.base,
    now: options.now,
    appSchemes: options.appSchemes ?? [],
    answeredForms: answered,
    postbackAnswers: options.postbackAnswers ?? NO_ANSWERS,
    liveForms: live,
    lang,
    headingLevel: 1,
  };
}

/** `${base}/${area}/${id}${suffix}`, the id percent-encoded; ready to go in a double-quoted attribute. */
export function pormUrl(ctx: RenderContext, area: string, id: string, suffix = ''): string {
  return esc(`${ctx.base}/${area}/${encodeComponent(id)}${suffix}`);
}

export function mediaOk(ctx: RenderContext, url: string): boolean {
  return isAllowedUrl(url, 'media', ctx.appSchemes, ctx.base);
}

export function linkOk(ctx: RenderContext, url: string): boolean {
  return isAllowedUrl(url, 'link', ctx.appSchemes);
}

/** Answers are looked up as own properties only, so an action id like "__proto__" finds nothing. */
export function postbackAnswer(ctx: RenderContext, id: string): string | undefined {
  return Object.hasOwn(ctx.postbackAnswers, id) ? ctx.postbackAnswers[id] : undefined;
}

/** ` data-porm-key="…"` for a component's wrapper. */
export function keyAttr(key: string): string {
  return ` data-porm-key="${esc(key)}"`;
}
