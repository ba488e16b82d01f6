import type { BoundComponent, BoundFact, BoundTextRun } from '../bound/model.ts';

// Plain-text pieces shared by the SMS and MMS fallbacks. Bound strings are recipient data, so
// they may hold control characters or stray line breaks; a plain-text part shows them raw.

type MapComponent = Extract<BoundComponent, { type: 'map' }>;

/** One line: control characters dropped, every run of whitespace (line breaks too) made one space. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Several lines: the text's own line breaks kept, each line cleaned, empty lines dropped. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).map(oneLine).filter((l) => l !== '');
}

export function runsText(runs: readonly BoundTextRun[], withLinks: boolean): string {
  return runs.map((r) => (withLinks && r.link !== null && r.link !== r.text.trim() ? `${r.text} (${r.link})` : r.text)).join('');
}

export function factLine(f: BoundFact): string {
  return oneLine(`${oneLine(f.label)}: ${oneLine(f.value)}`);
}

/** "label — query", either half alone (the query alone when it already names the place), else the alt text. */
export function mapLine(m: MapComponent): string {
  const label = oneLine(m.label ?? '');
  const query = oneLine(m.query ?? '');
  if (label !== '' && query !== '') return query.toLowerCase().includes(label.toLowerCase()) ? query : `${label} — ${query}`;
  return label || query || oneLine(m.alt);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` code points, cut between graphemes and closed with "…" when anything was dropped. */
export function clip(text: string, max: number): string {
  if ([...text].length <= max) return text;
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = [...segment].length;
    if (count + size > max - 1) break;
    kept += segment;
    count += size;
  }
  return `${kept.trimEnd()}\u2026`;
}
