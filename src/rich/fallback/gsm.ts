// SMS length accounting (3GPP TS 23.038 / 23.040): which alphabet a text needs and how many
// segments it takes. Carriers bill per segment, so the SMS fallback is budgeted in these units.

/** GSM 03.38 default alphabet (one septet each); 0x1B is the escape to the extension table, not a character. */
const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
  + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Extension table: each costs two septets (escape + code). */
const EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasure {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly segments: number;
}

/** Capacity of one SMS alone, and of each part of a concatenated SMS (the rest goes to the user-data header). */
export const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const satisfies Record<SmsEncoding, { single: number; multi: number }>;

/** Septets the text takes in GSM-7, or null when a character is outside the GSM alphabet. */
export function gsm7Units(text: string): number | null {
  let units = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) units += 1;
    else if (EXTENSION.has(ch)) units += 2;
    else return null;
  }
  return units;
}

// Typographic characters that word processors and templates produce but GSM lacks. One curly
// quote would otherwise switch the whole message to UCS-2 and cut its capacity from 160 to 70.
const FRIENDLY: readonly (readonly [RegExp, string])[] = [
  [/\r\n?/g, '\n'],
  [/[\u2018\u2019\u201A\u201B\u2032]/g, '\''],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\t\u00A0\u2000-\u200A\u202F\u205F]/g, ' '],
  // Invisible characters that carry no meaning in a plain SMS but would force UCS-2.
  [/[\u200B\u2060\uFEFF]/g, ''],
];

/** The text with common typographic characters replaced by their GSM-7 look-alikes. */
export function toGsmFriendly(text: string): string {
  return FRIENDLY.reduce((s, [re, to]) => s.replace(re, to), text);
}

/**
 * Packs characters into concatenated parts the way handsets and SMSCs do: an escape pair
 * (GSM-7) or a surrogate pair (UCS-2) never straddles two parts, so a part may be left one
 * unit short and the count can exceed ceil(units / multi).
 */
function pack(costs: readonly number[], total: number, limit: { single: number; multi: number }): number {
  if (total <= limit.single) return 1;
  let segments = 1;
  let used = 0;
  for (const c of costs) {
    if (used + c > limit.multi) {
      segments += 1;
      used = c;
    } else {
      used += c;
    }
  }
  return segments;
}

/** Encoding, units and segments of a text as it would be sent (GSM-7 when every character allows it). */
export function measureSms(text: string): SmsMeasure {
  const gsm = gsm7Units(text);
  const chars = [...text];
  if (gsm !== null) {
    const costs = chars.map((ch) => (EXTENSION.has(ch) ? 2 : 1));
    return { encoding: 'GSM-7', units: gsm, segments: pack(costs, gsm, LIMITS['GSM-7']) };
  }
  const costs = chars.map((ch) => ch.length);
  return { encoding: 'UCS-2', units: text.length, segments: pack(costs, text.length, LIMITS['UCS-2']) };
}

/** How many SMS segments the text takes (an empty text still goes out as one). */
export function segmentsFor(text: string): number {
  return measureSms(text).segments;
}
