import { decodeGsm7Septets } from './gsm7-alphabet.ts';
import { fillBitsAfterUdh, unpackSeptets } from './gsm7-pack.ts';
import { decodeUcs2 } from './ucs2.ts';
import { alphabetOf, type ShortMessageAlphabet } from './data-coding.ts';
import { decodeUdh, type UserDataHeader } from './udh.ts';
import type { Gsm7Packing } from './plan.ts';

export interface DecodedShortMessage {
  readonly alphabet: ShortMessageAlphabet;
  /** The text; for `binary` user data, its bytes read as Latin-1 so nothing is lost. */
  readonly text: string;
  readonly udh: UserDataHeader | null;
  /** User data after the UDH, as received (join these across parts before decoding UCS-2). */
  readonly payload: Buffer;
}

export interface DecodeOptions {
  /** How the SMSC delivers default-alphabet text; SMPP SMSCs send one septet per octet. */
  readonly gsm7Packing?: Gsm7Packing;
}

/**
 * Reads a short_message (deliver_sm / data_sm / message_payload): its UDH when `udhi` is set
 * (esm_class 0x40), then the text in the alphabet `dataCoding` names. Malformed UDH is
 * PORM_SMS_UDH_MALFORMED; anything else decodes (bytes GSM-7 does not define become U+FFFD).
 */
export function decodeShortMessage(bytes: Uint8Array, dataCoding: number, udhi: boolean, options: DecodeOptions = {}): DecodedShortMessage {
  const udh = udhi ? decodeUdh(bytes) : null;
  const payload = Buffer.from(bytes.subarray(udh?.length ?? 0));
  const alphabet = alphabetOf(dataCoding);
  const packing = options.gsm7Packing ?? 'septets';
  let septets: number[] | null = null;
  if (alphabet === 'gsm7' && packing === 'packed') {
    // Packed user data is counted in septets from the start of the UDH; skip its fill bits.
    const fill = udh === null ? 0 : fillBitsAfterUdh(udh.length);
    septets = unpackSeptets(payload, undefined, fill);
    // Without the septet count, 7 spare bits at the end read as one more septet: a zero one
    // there is padding (TS 23.038 §6.1.2.1.1), dropped. A real trailing '@' in that position is
    // lost, which is why the spec asks senders to pad with CR (kept: it may be the text's).
    if ((payload.length * 8 - fill) % 7 === 0 && septets[septets.length - 1] === 0) septets.pop();
  }
  return { alphabet, text: decodeUserData(payload, alphabet, septets), udh, payload };
}

/** Text of user data (no UDH) in an alphabet; for joining the payloads of concatenated parts. */
export function decodeUserData(payload: Uint8Array, alphabet: ShortMessageAlphabet, septets: readonly number[] | null = null): string {
  switch (alphabet) {
    case 'gsm7': {
      if (septets !== null) return decodeGsm7Septets(septets);
      let text = '';
      let run: number[] = [];
      // One septet per octet: an octet above 0x7F is not GSM-7; show U+FFFD, not a guess.
      for (const byte of payload) {
        if (byte <= 0x7f) {
          run.push(byte);
          continue;
        }
        text += decodeGsm7Septets(run) + '\ufffd';
        run = [];
      }
      return text + decodeGsm7Septets(run);
    }
    case 'ucs2': return decodeUcs2(payload);
    case 'ascii': return Buffer.from(payload).toString('latin1').replace(/[\u0080-\u00ff]/g, '\ufffd');
    case 'latin1':
    case 'binary': return Buffer.from(payload).toString('latin1');
  }
}
