// Caps that make every compile and every render finish quickly whatever the template author or the
// data provider sends. Compile caps bound the tree; render caps bound the work one render may do.
export interface CompileLimits {
  /** Template source length in UTF-16 units. */
  readonly maxTemplateLength: number;
  /** Nesting of block tags (if/unless/for) plus filter chain length per output. */
  readonly maxDepth: number;
}

export interface RenderLimits {
  /** Total for-loop iterations across one render, nested loops included. */
  readonly maxIterations: number;
  /** Output size in UTF-8 bytes; also bounds every intermediate string a filter builds. */
  readonly maxOutputBytes: number;
  /** Array length a filter (split, sort, map, …) may build. */
  readonly maxArrayLength: number;
  /** Current time for the `date` filter's "now"/"today"; injected so renders stay pure and testable. */
  readonly now: () => number;
}

export const DEFAULT_COMPILE_LIMITS: CompileLimits = Object.freeze({
  maxTemplateLength: 64 * 1024,
  maxDepth: 32,
});

export const DEFAULT_RENDER_LIMITS: RenderLimits = Object.freeze({
  maxIterations: 10_000,
  maxOutputBytes: 64 * 1024,
  maxArrayLength: 10_000,
  now: () => Date.now(),
});
