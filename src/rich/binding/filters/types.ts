// What a filter gets besides its input: its arguments (still unevaluated specials such as nil are
// passed as LiquidJS passes them) and the render's budget, so filters cannot build unbounded values.
export interface FilterRuntime {
  /** Throws the output-limit error if a built string is larger than the render may produce. */
  checkString(s: string): string;
  /** Throws the output-limit error if a built array is longer than allowed. */
  checkArray<T extends { readonly length: number }>(a: T): T;
  /** Milliseconds since the epoch, for date's "now"/"today". */
  now(): number;
}

export interface FilterDef {
  /** Positional argument counts accepted; checked at compile time. */
  readonly min: number;
  readonly max: number;
  /** Named (`key: value`) arguments accepted. */
  readonly named?: readonly string[];
  readonly apply: (input: unknown, args: readonly unknown[], named: ReadonlyMap<string, unknown>, rt: FilterRuntime) => unknown;
}

export type FilterTable = Readonly<Record<string, FilterDef>>;

/** Unary filter on the input only. */
export function unary(apply: (input: unknown, rt: FilterRuntime) => unknown): FilterDef {
  return { min: 0, max: 0, apply: (input, _args, _named, rt) => apply(input, rt) };
}
