import { attr, parseBool } from './field-reader.ts';
import { buildInvalid } from './mm7-error.ts';
import { checkContentId } from './mime-build.ts';
import type { Mm7Content } from './model.ts';
import type { ParseContext } from './parse-context.ts';
import type { XmlElement } from './xml-read.ts';
import type { XmlWriter } from './xml-writer.ts';

// The <Content href="cid:..." allowAdaptations="..."/> element and the MIME part it names.

export const DEFAULT_CONTENT_ID = 'mm7-content';

/** The Content-ID the builder gives the MM part: the part's own, or a default. */
export function contentIdOf(content: Mm7Content): string {
  return checkContentId(content.part.contentId ?? DEFAULT_CONTENT_ID, 'Content');
}

export function writeContentRef(w: XmlWriter, content: Mm7Content | undefined, where: string): void {
  if (content === undefined) return;
  if (content.part === undefined) throw buildInvalid(`${where}/Content`, 'content.part is required');
  const href = `cid:${contentIdOf(content)}`;
  if (content.href !== undefined && content.href !== href) {
    throw buildInvalid(`${where}/Content`, `href "${content.href}" does not name the part's Content-ID (${href})`);
  }
  if (content.allowAdaptations !== undefined && typeof content.allowAdaptations !== 'boolean') throw buildInvalid(`${where}/Content`, 'allowAdaptations must be a boolean');
  w.leaf('Content', '', [
    ['href', href],
    ['allowAdaptations', content.allowAdaptations === undefined ? undefined : String(content.allowAdaptations)],
  ]);
}

export interface ContentRef {
  readonly href: string | undefined;
  readonly allowAdaptations: boolean | undefined;
}

/** Attributes may be unprefixed or prefixed (`mm7:href`, seen in the wild); matched by local name. */
export function readContentRef(el: XmlElement | undefined, where: string, ctx: ParseContext): ContentRef | undefined {
  if (el === undefined) return undefined;
  const href = attr(el, 'href');
  const allow = attr(el, 'allowAdaptations');
  if (href === undefined) ctx.warn('content.no-href', `${where}: Content element without href`);
  return { href, allowAdaptations: allow === undefined ? undefined : parseBool(allow, `${where}@allowAdaptations`, ctx) };
}
