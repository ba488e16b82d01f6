export { classifyKeyword, isBuiltinOptOut, type KeywordMatch } from './classify.ts';
export { normalizeKeywordText } from './normalize.ts';
export type { KeywordKind } from './builtin.ts';
