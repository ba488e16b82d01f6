// What a handset's reply "says" once the noise is gone: NFKC (fullwidth and styled letters become
// plain ones), case-folded, accents dropped, look-alike letters from Cyrillic and Greek mapped to
// the Latin ones they imitate, zero-width characters removed, apostrophes dropped ("don't" →
// "dont"), every other punctuation or symbol (emoji included) turned into a space, spaces collapsed.
// Pure.

// Letters that render like Latin ones in common fonts; a "SТОР" typed with Cyrillic Т, О, Р is a STOP.
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c',
  ı: 'i', ſ: 's',
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

export function normalizeKeywordText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c)
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/gu, '')
    .replace(/['’‘`´]/gu, '')
    .replace(/[\p{P}\p{S}\p{C}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
