// GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table. Every character
// here is a single UTF-16 code unit, so lookups work on char codes.

/** The escape septet: the next septet is read from the extension table. */
export const GSM7_ESCAPE = 0x1b;

// Index = septet value. 0x1B is the escape (never a character of its own; the placeholder is unused).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

// Septet after the escape → character. Form feed, ^ { } \ [ ~ ] | €.
const EXTENSION: ReadonlyArray<readonly [number, string]> = [
  [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'],
  [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x65, '€'],
];

const basicByChar = new Map<number, number>();
for (let septet = 0; septet < BASIC.length; septet++) {
  if (septet !== GSM7_ESCAPE) basicByChar.set(BASIC.charCodeAt(septet), septet);
}
const extensionByChar = new Map<number, number>();
const extensionBySeptet = new Map<number, string>();
for (const [septet, char] of EXTENSION) {
  extensionByChar.set(char.charCodeAt(0), septet);
  extensionBySeptet.set(septet, char);
}

/** Septets for one UTF-16 code unit: 1 (default table), 2 (escape + extension), or 0 (not GSM-7). */
export function gsm7SeptetCost(charCode: number): 0 | 1 | 2 {
  if (basicByChar.has(charCode)) return 1;
  if (extensionByChar.has(charCode)) return 2;
  return 0;
}

/** Appends the septets of one code unit; false when it is not in the alphabet. */
export function pushGsm7Septets(charCode: number, out: number[]): boolean {
  const basic = basicByChar.get(charCode);
  if (basic !== undefined) {
    out.push(basic);
    return true;
  }
  const ext = extensionByChar.get(charCode);
  if (ext !== undefined) {
    out.push(GSM7_ESCAPE, ext);
    return true;
  }
  return false;
}

/** The characters of a text that GSM-7 cannot carry (each once, in order of appearance). */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (char.length !== 1 || gsm7SeptetCost(char.charCodeAt(0)) === 0) found.add(char);
  }
  return [...found];
}

/**
 * Septets (values 0..127, one per array slot) → text. An escape followed by a septet the
 * extension table does not define shows the default-table character (TS 23.038 §6.2.1.1);
 * a trailing escape, or two in a row, shows a space.
 */
export function decodeGsm7Septets(septets: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i]! & 0x7f;
    if (septet !== GSM7_ESCAPE) {
      text += BASIC[septet]!;
      continue;
    }
    const next = i + 1 < septets.length ? septets[i + 1]! & 0x7f : undefined;
    if (next === undefined || next === GSM7_ESCAPE) {
      // ESC ESC is reserved for a further extension table porm does not know: one space for both.
      text += ' ';
      i++;
      continue;
    }
    i++;
    text += extensionBySeptet.get(next) ?? BASIC[next]!;
  }
  return text;
}
