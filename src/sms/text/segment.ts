import { gsm7SeptetCost } from './gsm7-alphabet.ts';

// Segmentation as Twilio counts it (its own sms-segments-calculator): a single segment holds
// 140 octets (160 septets / 70 UCS-2 units); once a message needs more, every part loses 6
// octets to the concatenation header (153 septets / 67 units). Text is cut between graphemes,
// never inside one (so an escape pair, a surrogate pair, an emoji with its modifiers or a flag
// stays whole), except CR LF, which Twilio counts as two characters. A single grapheme larger
// than a whole part (hundreds of combining marks) is cut between code points: Twilio would
// overfill a segment there, which no SMSC accepts.

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Units of one segment: septets (GSM-7) or UTF-16 code units (UCS-2). */
export const SINGLE_CAPACITY: Readonly<Record<SmsEncoding, number>> = { gsm7: 160, ucs2: 70 };
export const PART_CAPACITY: Readonly<Record<SmsEncoding, number>> = { gsm7: 153, ucs2: 67 };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Graphemes of the text, with CR LF as two. */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (segment === '\r\n') out.push('\r', '\n');
    else out.push(segment);
  }
  return out;
}

/** True when every code unit is in the GSM-7 default or extension table. */
export function fitsGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (gsm7SeptetCost(text.charCodeAt(i)) === 0) return false;
  return true;
}

/** Cost of one piece of text in the units of the encoding. */
export function unitCost(piece: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs2') return piece.length;
  let cost = 0;
  for (let i = 0; i < piece.length; i++) cost += gsm7SeptetCost(piece.charCodeAt(i));
  return cost;
}

/** Total units of the text; for GSM-7 the text must fit (see fitsGsm7). */
export function textCost(text: string, encoding: SmsEncoding): number {
  return unitCost(text, encoding);
}

/**
 * Splits text into the strings of its segments. One segment when it fits 160/70 units;
 * otherwise greedy parts of 153/67 units cut between graphemes.
 */
export function splitSegments(text: string, encoding: SmsEncoding): string[] {
  if (textCost(text, encoding) <= SINGLE_CAPACITY[encoding]) return [text];
  const capacity = PART_CAPACITY[encoding];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  const place = (piece: string, cost: number): void => {
    if (used + cost > capacity) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += piece;
    used += cost;
  };
  for (const grapheme of graphemes(text)) {
    const cost = unitCost(grapheme, encoding);
    if (cost <= capacity) {
      place(grapheme, cost);
      continue;
    }
    for (const codePoint of grapheme) place(codePoint, unitCost(codePoint, encoding));
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

/**
 * Segment count without building the parts' strings: the same walk as splitSegments, so the
 * two never disagree.
 */
export function segmentCount(text: string, encoding: SmsEncoding): number {
  if (textCost(text, encoding) <= SINGLE_CAPACITY[encoding]) return 1;
  const capacity = PART_CAPACITY[encoding];
  let count = 1;
  let used = 0;
  const place = (cost: number): void => {
    if (used + cost > capacity) {
      count++;
      used = 0;
    }
    used += cost;
  };
  for (const grapheme of graphemes(text)) {
    const cost = unitCost(grapheme, encoding);
    if (cost <= capacity) place(cost);
    else for (const codePoint of grapheme) place(unitCost(codePoint, encoding));
  }
  return count;
}
