import type { BoundMessage } from '../bound/model.ts';
import { gsm7Units, LIMITS, measureSms, segmentsFor, toGsmFriendly, type SmsEncoding } from './gsm.ts';
import { smsLines } from './sms-lines.ts';
import { oneLine } from './text.ts';

export { gsm7Units, measureSms, segmentsFor, toGsmFriendly, type SmsEncoding, type SmsMeasure } from './gsm.ts';

// The last tier of the fallback: one SMS (or a few concatenated parts) carrying the headline,
// the key facts and the link to the hosted page. The link is the one part that must arrive
// whole, so the text around it is what gets cut.

export interface SmsText {
  readonly text: string;
  readonly encoding: SmsEncoding;
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
}

export interface SmsOptions {
  /** The hosted page of this recipient's message; always sent, on its own last line, never cut. */
  readonly pageUrl: string;
  /** Most segments the text may take (default 1). */
  readonly maxSegments?: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function compose(body: string, link: string): string {
  return [body, link].filter((s) => s !== '').join('\n');
}

/** The body cut after `end` code units, closed with an ellipsis in the alphabet the text already needs. */
function truncated(body: string, end: number, link: string): string {
  // A cut after "Sale ends Friday," reads better as "Sale ends Friday..." than "Friday,...".
  const kept = body.slice(0, end).replace(/[\s,;:-]+$/u, '');
  if (kept === '') return link;
  const ellipsis = gsm7Units(kept + link) !== null ? '...' : '\u2026';
  return compose(kept + ellipsis, link);
}

/** Largest k with fits(k), given fits(0). Binary search: longer prefixes almost always cost more. */
function largestFitting(count: number, fits: (k: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function fitBody(body: string, link: string, max: number): string {
  const fits = (text: string): boolean => segmentsFor(text) <= max;
  const whole = compose(body, link);
  if (fits(whole)) return whole;
  if (!fits(link)) return link;
  // Cut only between graphemes so no surrogate pair, flag or accented letter is split.
  const parts = [...graphemes.segment(body)];
  const ends = parts.map((p) => p.index + p.segment.length);
  // Every grapheme costs at least one unit, so nothing past this many can fit.
  const count = Math.min(parts.length, max * LIMITS['GSM-7'].single);
  const at = (k: number): string => (k === 0 ? link : truncated(body, ends[k - 1]!, link));
  const hard = largestFitting(count, (k) => fits(at(k)));
  if (hard === 0) return link;
  // Prefer ending on a whole word, unless that would throw away more than half of what fits
  // (one very long word, or a script written without spaces).
  for (let k = hard; k * 2 >= hard && k > 0; k--) {
    const next = parts[k]?.segment ?? ' ';
    if (/^\s/u.test(next) && fits(at(k))) return at(k);
  }
  return at(hard);
}

/**
 * The SMS fallback of one recipient's message: headline first, then key facts and lines as the
 * segment budget allows, then the page link. Typographic quotes, dashes and spaces are swapped
 * for GSM-7 look-alikes first so the text keeps the 160-septet budget whenever it can.
 */
export function buildSmsText(message: BoundMessage, options: SmsOptions): SmsText {
  const max = options.maxSegments ?? 1;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxSegments must be a whole number of at least 1, got ${max}`);
  const link = oneLine(options.pageUrl).toWellFormed();
  const body = smsLines(message).map((l) => toGsmFriendly(l).toWellFormed()).join('\n');
  const text = fitBody(body, link, max);
  const m = measureSms(text);
  return { text, encoding: m.encoding, segments: m.segments, units: m.units };
}
