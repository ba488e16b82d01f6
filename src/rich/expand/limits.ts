// Caps of one bind on top of the binding engine's per-template caps (64 KiB output per string):
// a document has many strings, so the whole message gets its own budget.

/** Rendered template text in one bound message, in UTF-16 units (a lower bound on UTF-8 bytes). */
export const MAX_MESSAGE_CHARS = 256 * 1024;
/** Missing paths reported per bind: a loop over a huge list could otherwise report one per item. */
export const MAX_MISSING_PATHS = 200;
/** Blocked slots/paths listed in one PORM_RICH_DATA_BLOCKED error. */
export const MAX_BLOCKED_FIELDS = 50;
