import type { PormError } from '../../errors.ts';
import type { BoundMessage } from '../bound/model.ts';
import type { TemplateDocument } from '../format/types.ts';

// The public contract of expansion: one validated template document, compiled once per revision,
// bound many times (once per recipient) into the BoundMessage a phone fetches.

export interface ExpandOptions {
  /** URL schemes allowed in links and actions; default DEFAULT_URL_SCHEMES. Media URLs are always http/https only. */
  readonly urlSchemes?: readonly string[];
}

export interface BindInput {
  /** Recipient data: a plain JSON object. Keys that are not declared slots are ignored. */
  readonly data: unknown;
  /** Values server rules read as `history.*` (keys without the prefix). Templates never see them. */
  readonly history?: Readonly<Record<string, unknown>>;
  readonly revision: number;
  /** Stable per message (e.g. message id): chooses A/B variants deterministically (hash → bucket by weight). */
  readonly variantSeed: string;
  /** Clock for the `date` filter's "now"; default Date.now(), read once per bind. */
  readonly now?: number;
  /** Use slot examples instead of recipient data (template preview). */
  readonly useExamples?: boolean;
}

/** Something left out of the message, and why; `pointer` is the dropped unit in the template. */
export interface BindWarning {
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
}

export type BindResult =
  | { readonly ok: true; readonly message: BoundMessage; readonly warnings: readonly BindWarning[]; readonly missing: readonly string[] }
  | { readonly ok: false; readonly error: PormError };

export interface CompiledDocument {
  readonly document: TemplateDocument;
  /** Never throws for any data: every failure is an `{ ok: false }` result. */
  bind(input: BindInput): BindResult;
}
