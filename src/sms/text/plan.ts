import { randomInt } from 'node:crypto';
import { PormError } from '../../errors.ts';
import { nonGsm7Characters, pushGsm7Septets } from './gsm7-alphabet.ts';
import { fillBitsAfterUdh, packSeptets } from './gsm7-pack.ts';
import { encodeUcs2 } from './ucs2.ts';
import { CONCAT_UDH_OCTETS, encodeConcatUdh } from './udh.ts';
import { DATA_CODING_DEFAULT, DATA_CODING_UCS2 } from './data-coding.ts';
import { fitsGsm7, segmentCount, splitSegments, type SmsEncoding } from './segment.ts';

/** What the sender asked for: `auto` takes GSM-7 when every character fits, else UCS-2. */
export type SmsCoding = 'auto' | 'gsm7' | 'ucs2';
export const SMS_CODINGS: readonly SmsCoding[] = ['auto', 'gsm7', 'ucs2'];

/**
 * How GSM-7 septets go into short_message. SMPP SMSCs take the default alphabet one septet per
 * octet (`septets`: Kannel, Jasmin and cloudhopper send it so) and pack it for the air
 * themselves; `packed` is the air-interface form (TS 23.038 §6.1.2.1.1) with UDH fill bits.
 */
export type Gsm7Packing = 'septets' | 'packed';

export interface SmsPlanOptions {
  readonly coding?: SmsCoding;
  readonly gsm7Packing?: Gsm7Packing;
  /** Concatenation reference (0..255) for a multi-part message; a random one when left out. */
  readonly reference?: number;
}

export interface SmsPlan {
  readonly encoding: SmsEncoding;
  /** SMPP data_coding: 0x00 (SMSC default alphabet, GSM-7) or 0x08 (UCS-2). */
  readonly dataCoding: number;
  readonly segments: number;
  /** short_message of each part, concatenation UDH included when there is more than one. */
  readonly parts: readonly Buffer[];
  /** The user data of each part without the UDH (for sar_* TLVs or message_payload). */
  readonly payloads: readonly Buffer[];
  /** The text each part carries. */
  readonly texts: readonly string[];
  /** esm_class UDHI (0x40) must be set: true for a multi-part message. */
  readonly udhi: boolean;
  /** The concatenation reference written, null for a single part. */
  readonly reference: number | null;
}

export interface SmsCount {
  readonly encoding: SmsEncoding;
  readonly segments: number;
}

/** The encoding a coding request gives the text; `gsm7` on text GSM-7 cannot carry is PORM_SMS_UNENCODABLE. */
export function chooseEncoding(text: string, coding: SmsCoding = 'auto'): SmsEncoding {
  if (coding === 'ucs2') return 'ucs2';
  if (fitsGsm7(text)) return 'gsm7';
  if (coding === 'auto') return 'ucs2';
  const chars = nonGsm7Characters(text);
  const shown = chars.slice(0, 5).map((c) => JSON.stringify(c)).join(', ');
  throw new PormError('PORM_SMS_UNENCODABLE', `GSM-7 cannot carry ${shown}${chars.length > 5 ? ` and ${chars.length - 5} more` : ''}`);
}

/** Encoding and segment count, without building any bytes: cheap enough for every API request. */
export function countSegments(text: string, coding: SmsCoding = 'auto'): SmsCount {
  const encoding = chooseEncoding(text, coding);
  return { encoding, segments: segmentCount(text, encoding) };
}

/** The short messages that carry `text`: what an SMPP connector submits, part by part. */
export function planSms(text: string, options: SmsPlanOptions = {}): SmsPlan {
  const encoding = chooseEncoding(text, options.coding ?? 'auto');
  const packing = options.gsm7Packing ?? 'septets';
  const texts = splitSegments(text, encoding);
  if (texts.length > 255) throw new PormError('PORM_SMS_BODY_TOO_LONG', `the text needs ${texts.length} segments; concatenation allows 255`);
  const multi = texts.length > 1;
  const reference = multi ? (options.reference ?? randomInt(0, 256)) : null;
  const payloads: Buffer[] = [];
  const parts: Buffer[] = [];
  texts.forEach((partText, index) => {
    const udh = reference === null ? null : encodeConcatUdh(reference, texts.length, index + 1);
    let payload: Buffer;
    if (encoding === 'ucs2') {
      payload = encodeUcs2(partText);
    } else {
      const septets: number[] = [];
      for (let i = 0; i < partText.length; i++) pushGsm7Septets(partText.charCodeAt(i), septets);
      payload = packing === 'packed' ? packSeptets(septets, udh === null ? 0 : fillBitsAfterUdh(CONCAT_UDH_OCTETS)) : Buffer.from(septets);
    }
    payloads.push(payload);
    parts.push(udh === null ? payload : Buffer.concat([udh, payload]));
  });
  return {
    encoding,
    dataCoding: encoding === 'ucs2' ? DATA_CODING_UCS2 : DATA_CODING_DEFAULT,
    segments: texts.length,
    parts,
    payloads,
    texts,
    udhi: multi,
    reference,
  };
}
