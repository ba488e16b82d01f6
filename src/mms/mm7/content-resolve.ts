import type { ContentRef } from './content-ref.ts';
import { stripAngles } from './mime-headers.ts';
import type { MimePart } from './mime-part.ts';
import type { Mm7Content } from './model.ts';
import type { ParseContext } from './parse-context.ts';

// Finds the MIME part a <Content href="cid:..."> names. Real senders get this wrong in several
// ways (mms-wire.md §3.7): a space after `cid:`, a Content-ID without <>, an href naming a
// Content-Location, or an href that matches nothing (the 3GPP annex example itself). Each
// fallback is reported as a warning; the MM is never dropped while a candidate part exists.

export function resolveContent(ref: ContentRef | undefined, attachments: readonly MimePart[], ctx: ParseContext): Mm7Content | undefined {
  if (ref === undefined) {
    if (attachments.length === 0) return undefined;
    ctx.warn('content.no-content-element', 'attachments present but no Content element; using them as the content');
    return { part: fallbackPart(attachments) };
  }
  const base = { ...(ref.href !== undefined && { href: ref.href }), ...(ref.allowAdaptations !== undefined && { allowAdaptations: ref.allowAdaptations }) };
  if (attachments.length === 0) {
    ctx.warn('content.missing-part', 'Content element present but the message has no attachment');
    return undefined;
  }
  const found = ref.href === undefined ? undefined : findByHref(ref.href, attachments, ctx);
  if (found !== undefined) return { ...base, part: found };
  ctx.warn('content.href-mismatch', `Content href "${String(ref.href).slice(0, 100)}" matches no part; using ${attachments.length === 1 ? 'the only attachment' : 'all attachments'}`);
  return { ...base, part: fallbackPart(attachments) };
}

function findByHref(href: string, attachments: readonly MimePart[], ctx: ParseContext): MimePart | undefined {
  const trimmed = href.trim();
  const isCid = /^cid:/i.test(trimmed);
  let id = isCid ? trimmed.slice(4) : trimmed;
  if (isCid && id !== id.trimStart()) ctx.warn('content.href-space', 'space after cid: in Content href ignored');
  id = stripAngles(safeDecodeUri(id.trim()));
  const byId = attachments.find((a) => a.contentId === id) ?? attachments.find((a) => a.contentId?.toLowerCase() === id.toLowerCase());
  if (byId !== undefined) {
    if (byId.contentId !== id) ctx.warn('content.href-case', 'Content href matched a Content-ID only ignoring case');
    return byId;
  }
  const byLocation = attachments.find((a) => a.contentLocation === id || a.contentLocation === trimmed);
  if (byLocation !== undefined) ctx.warn('content.href-location', 'Content href matched a Content-Location, not a Content-ID');
  return byLocation;
}

/** RFC 2392 cid URLs are %-encoded; a malformed escape is kept as written. */
function safeDecodeUri(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fallbackPart(attachments: readonly MimePart[]): MimePart {
  if (attachments.length === 1) return attachments[0]!;
  return { contentType: 'multipart/mixed', parts: attachments };
}
