// The shape of one entry in porm's error registry. Each capability declares its own codes
// in a small file of these; src/errors.ts merges them into the one registry.
export interface ErrorDef {
  /** HTTP status the API answers with when this error reaches a client. */
  readonly status: number;
  /** Short, stable human title (RFC 9457 `title`). */
  readonly title: string;
  /** One or two sentences for docs/errors.md: when it happens and what to do. */
  readonly description: string;
}

export function defineErrors<const T extends Record<string, ErrorDef>>(defs: T): T {
  for (const code of Object.keys(defs)) {
    if (!/^PORM_[A-Z0-9_]+$/.test(code)) throw new Error(`bad error code ${code}`);
  }
  return defs;
}
