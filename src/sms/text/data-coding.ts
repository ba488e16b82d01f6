// SMPP 3.4 data_coding (§5.2.19) and the GSM DCS groups SMSCs pass through in it (TS 23.038 §4).

export const DATA_CODING_DEFAULT = 0x00; // SMSC default alphabet: GSM 03.38
export const DATA_CODING_IA5 = 0x01;
export const DATA_CODING_BINARY = 0x02;
export const DATA_CODING_LATIN1 = 0x03;
export const DATA_CODING_BINARY_4 = 0x04;
export const DATA_CODING_UCS2 = 0x08;

/** How the user data of a short message is to be read. */
export type ShortMessageAlphabet = 'gsm7' | 'ascii' | 'latin1' | 'ucs2' | 'binary';

export function alphabetOf(dataCoding: number): ShortMessageAlphabet {
  const dc = dataCoding & 0xff;
  switch (dc) {
    case DATA_CODING_DEFAULT: return 'gsm7';
    case DATA_CODING_IA5: return 'ascii';
    case DATA_CODING_LATIN1: return 'latin1';
    case DATA_CODING_UCS2: return 'ucs2';
    case DATA_CODING_BINARY:
    case DATA_CODING_BINARY_4: return 'binary';
    default: break;
  }
  // TS 23.038 coding groups, as some SMSCs forward the air-interface DCS unchanged.
  const group = dc >> 4;
  if (group === 0xf) return (dc & 0x04) !== 0 ? 'binary' : 'gsm7'; // data coding / message class
  if (group === 0xc || group === 0xd) return 'gsm7'; // message waiting, default alphabet
  if (group === 0xe) return 'ucs2'; // message waiting, UCS-2
  if (dc >= 0x10 && group <= 0x3 && (dc & 0x20) === 0) {
    // General data coding, uncompressed: bits 3..2 name the alphabet. (0x0X values were handled
    // above with their SMPP meaning, which differs.)
    const alphabet = (dc >> 2) & 0x3;
    if (alphabet === 0) return 'gsm7';
    if (alphabet === 2) return 'ucs2';
    return 'binary';
  }
  // Other SMPP values (JIS, Cyrillic, Hebrew, KS C 5601, compressed text...) porm does not read as
  // text: keep the bytes.
  return 'binary';
}
