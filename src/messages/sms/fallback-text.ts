import { countSegments, graphemes } from '../../sms/text/index.ts';

/**
 * The SMS form of an MMS: its subject and text, then the link to the page showing everything.
 * When that would pass the segment limit the text is cut (between graphemes, with "...", which
 * GSM-7 carries, where "…" would force UCS-2) so the link always goes out; the page has it all.
 */
export function fallbackText(subject: string | null, body: string, link: string, maxSegments: number): string {
  const text = [subject ?? '', body].filter((s) => s !== '').join('\n');
  const withLink = (t: string): string => (t === '' ? link : `${t}\n${link}`);
  const fits = (t: string): boolean => countSegments(withLink(t)).segments <= maxSegments;
  if (fits(text)) return withLink(text);
  const pieces = graphemes(text);
  // The longest prefix that fits, by bisection over grapheme counts (the count is monotonic in the prefix).
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${pieces.slice(0, mid).join('').trimEnd()}...`)) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? link : withLink(`${pieces.slice(0, lo).join('').trimEnd()}...`);
}
