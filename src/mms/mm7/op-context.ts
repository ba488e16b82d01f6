import type { ContentRef } from './content-ref.ts';
import type { Mm7Content } from './model.ts';
import type { ParseContext } from './parse-context.ts';
import type { ResolvedVersion } from './versions.ts';

// What the per-operation parsers and builders get besides the element / message itself.

export interface OpParse {
  readonly ctx: ParseContext;
  readonly transactionId: string;
  /** Finds the MIME part a <Content href> names (with the fallbacks of content-resolve.ts). */
  readonly resolveContent: (ref: ContentRef | undefined) => Mm7Content | undefined;
}

export interface OpBuild {
  readonly version: ResolvedVersion;
}

/** `{ mm7Version, transactionId }` as every parsed message starts. */
export function common(transactionId: string, mm7Version: string): { transactionId: string; mm7Version: string } {
  return { transactionId, mm7Version };
}

/** `{ [key]: value }` when value is defined, `{}` otherwise: keeps absent fields absent. */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
