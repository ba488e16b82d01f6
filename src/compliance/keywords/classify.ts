import type { ProgramKeywords } from '../programs/settings.ts';
import { COURTESY_WORDS, HELP_WORDS, OPT_IN_WORDS, OPT_OUT_PHRASES, OPT_OUT_WORDS, type BuiltinKeyword, type KeywordKind } from './builtin.ts';
import { normalizeKeywordText } from './normalize.ts';

// Which keyword a whole inbound reply is, if any. Opt-out wins over everything (a STOP can never
// be configured away); then opt-in, then help. Pure.

export interface KeywordMatch {
  kind: KeywordKind;
  /** The normalised keyword that matched. */
  keyword: string;
  /** The language the word tells, if it does. */
  language?: string;
}

const MAX_KEYWORD_TEXT = 160;

function table(words: readonly BuiltinKeyword[]): Map<string, BuiltinKeyword> {
  return new Map(words.map((w) => [w.text, w]));
}
const BUILTIN: ReadonlyArray<[KeywordKind, Map<string, BuiltinKeyword>]> = [
  ['opt_out', table([...OPT_OUT_WORDS, ...OPT_OUT_PHRASES])],
  ['opt_in', table(OPT_IN_WORDS)],
  ['help', table(HELP_WORDS)],
];

/** Strips courtesy words at either end, and repeats ("stop stop"): what is left is the request. */
function core(text: string): string {
  let words = text.split(' ');
  const courtesyAt = (at: number, n: number): boolean => {
    const slice = at === 0 ? words.slice(0, n) : words.slice(words.length - n);
    return slice.length === n && COURTESY_WORDS.has(slice.join(' '));
  };
  for (let changed = true; changed && words.length > 1;) {
    changed = false;
    for (const n of [2, 1]) {
      if (words.length > n && courtesyAt(0, n)) { words = words.slice(n); changed = true; }
      if (words.length > n && courtesyAt(-1, n)) { words = words.slice(0, words.length - n); changed = true; }
    }
  }
  // "stop stop stop": one word repeated is that word.
  if (words.length > 1 && words.every((w) => w === words[0])) words = [words[0]!];
  return words.join(' ');
}

export function classifyKeyword(text: string, extra?: ProgramKeywords): KeywordMatch | undefined {
  if (text.length > MAX_KEYWORD_TEXT * 4) return undefined;
  const normal = normalizeKeywordText(text);
  if (normal === '' || normal.length > MAX_KEYWORD_TEXT) return undefined;
  const request = core(normal);
  for (const [kind, words] of BUILTIN) {
    const hit = words.get(request) ?? words.get(normal);
    if (hit) return { kind, keyword: hit.text, ...(hit.language ? { language: hit.language } : {}) };
    const own = extra ? ownWords(extra, kind) : [];
    if (own.includes(request) || own.includes(normal)) return { kind, keyword: request };
  }
  return undefined;
}

function ownWords(extra: ProgramKeywords, kind: KeywordKind): string[] {
  const list = kind === 'opt_out' ? extra.optOut : kind === 'opt_in' ? extra.optIn : extra.help;
  return list.map(normalizeKeywordText);
}

/** True when `word`, once normalised, is one of the built-in opt-out words or phrases (which nothing may shadow). */
export function isBuiltinOptOut(word: string): boolean {
  const normal = normalizeKeywordText(word);
  return BUILTIN[0]![1].has(normal) || BUILTIN[0]![1].has(core(normal));
}
