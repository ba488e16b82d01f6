// Value codecs of the MMS header fields (OMA-MMS-ENC §7.3), one per value grammar.
import { checkDecodedAddress, normalizeAddress } from './address.ts';
import type { ForwardEntry, FromValue, MboxCount, MmFlag, TimeValue } from './model.ts';
import { PduError } from './pdu-error.ts';
import {
  hex, readDate, readEncodedString, readIntegerValue, readLongInteger, readTextString, readTimeValue,
  readValueLength, writeDate, writeEncodedString, writeIntegerValue, writeLongInteger, writeNameText,
  writeTextString, writeTimeValue,
} from './primitives.ts';
import type { DecodeContext, Reader } from './reader.ts';
import type { Writer } from './writer.ts';

export interface Codec<T> {
  read(v: Reader, ctx: DecodeContext): T;
  write(w: Writer, value: T, what: string): void;
}

function octet(v: Reader): number {
  const b = v.u8();
  if (b < 0x80) throw new PduError('PORM_PDU_MALFORMED', `expected a one-octet value, got 0x${hex(b)}`, v.pos - 1);
  return b;
}

export const text: Codec<string> = {
  read: (v, ctx) => readTextString(v, ctx),
  write: (w, s, what) => writeTextString(w, s, what),
};

export const encoded: Codec<string> = {
  read: (v, ctx) => readEncodedString(v, ctx),
  write: (w, s, what) => writeEncodedString(w, s, what),
};

export const address: Codec<string> = {
  read(v, ctx) {
    const at = v.pos;
    const a = readEncodedString(v, ctx);
    checkDecodedAddress(a, ctx, at);
    return a;
  },
  // Relay mode writes the address as it was read (`/TYPE=PLNM`, bare numbers, anything).
  write: (w, a, what) => writeEncodedString(w, w.relay ? a : normalizeAddress(a), what),
};

export const yesNo: Codec<boolean> = {
  read(v) {
    const b = octet(v);
    if (b !== 0x80 && b !== 0x81) throw new PduError('PORM_PDU_MALFORMED', `expected Yes/No, got 0x${hex(b)}`, v.pos - 1);
    return b === 0x80;
  },
  write: (w, yes) => w.u8(yes ? 0x80 : 0x81),
};

/** An enumeration sent as one octet, 0x80 for the first name, 0x81 for the second, … */
export function enumOf<T extends string>(names: readonly T[]): Codec<T> {
  return {
    read(v) {
      const b = octet(v);
      const name = names[b - 0x80];
      if (name === undefined) throw new PduError('PORM_PDU_MALFORMED', `unrecognised value 0x${hex(b)}`, v.pos - 1);
      return name;
    },
    write(w, name, what) {
      const i = names.indexOf(name);
      if (i < 0) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: unknown value ${JSON.stringify(name)}`);
      w.u8(0x80 + i);
    },
  };
}

/** Response/Retrieve/Store status: the octet itself (0x80 Ok, 0xC0-0xDF transient, 0xE0-0xFF permanent). */
export const statusCode: Codec<number> = {
  read: (v) => octet(v),
  write(w, code, what) {
    if (!Number.isInteger(code) || code < 0x80 || code > 0xff) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: status code out of range: ${code}`);
    w.u8(code);
  },
};

export const longInteger: Codec<number> = {
  read: (v) => readLongInteger(v),
  write: (w, n) => writeLongInteger(w, n),
};

export const integerValue: Codec<number> = {
  read: (v) => readIntegerValue(v),
  write: (w, n) => writeIntegerValue(w, n),
};

export const date: Codec<Date> = {
  read: (v) => readDate(v),
  write: (w, d) => writeDate(w, d),
};

export const time: Codec<TimeValue> = {
  read: (v) => readTimeValue(v),
  write: (w, t) => writeTimeValue(w, t),
};

export const from: Codec<FromValue> = {
  read(v, ctx) {
    const f = v.sub(readValueLength(v));
    const token = f.u8();
    if (token === 0x81) return { kind: 'insert' };
    if (token !== 0x80) throw new PduError('PORM_PDU_MALFORMED', `bad From token 0x${hex(token)}`, f.pos - 1);
    return { kind: 'address', address: address.read(f, ctx) };
  },
  write(w, value, what) {
    w.withValueLength(() => {
      if (value.kind === 'insert') {
        w.u8(0x81);
      } else {
        w.u8(0x80);
        address.write(w, value.address, what);
      }
    });
  },
};

const CLASSES = ['personal', 'advertisement', 'informational', 'auto'];

/** Class-identifier octet, or Token-text for classes defined later (con-282 sends `NewMessageClass`). */
export const messageClass: Codec<string> = {
  read(v, ctx) {
    if (v.peek() < 0x80) return readTextString(v, ctx);
    const b = v.u8();
    const name = CLASSES[b - 0x80];
    if (name === undefined) throw new PduError('PORM_PDU_MALFORMED', `unrecognised message class 0x${hex(b)}`, v.pos - 1);
    return name;
  },
  write(w, name, what) {
    const i = CLASSES.indexOf(name);
    if (i >= 0) w.u8(0x80 + i);
    else writeNameText(w, name, what);
  },
};

const VERSION = /^([0-7])(?:\.([0-9]|1[0-4]))?$/;

export const version: Codec<string> = {
  read(v, ctx) {
    if (v.peek() < 0x80) {
      // The text form is read only when it says what the binary form can carry.
      const text = readTextString(v, ctx);
      if (!VERSION.test(text)) throw new PduError('PORM_PDU_MALFORMED', `unusable version text ${JSON.stringify(text)}`, v.pos);
      return text;
    }
    const b = v.u8() & 0x7f;
    const major = b >> 4;
    const minor = b & 0x0f;
    return minor === 0x0f ? `${major}` : `${major}.${minor}`;
  },
  write(w, value, what) {
    const m = VERSION.exec(value);
    if (!m) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: bad version ${JSON.stringify(value)}`);
    const minor = m[2] === undefined ? 0x0f : Number(m[2]);
    w.u8(0x80 | (Number(m[1]) << 4) | minor);
  },
};

function forward<T>(valueCodec: Codec<T>): Codec<ForwardEntry<T>> {
  return {
    read(v, ctx) {
      const f = v.sub(readValueLength(v));
      const count = readIntegerValue(f);
      return { count, value: valueCodec.read(f, ctx) };
    },
    write(w, e, what) {
      w.withValueLength(() => {
        writeIntegerValue(w, e.count);
        valueCodec.write(w, e.value, what);
      });
    },
  };
}

export const previouslySentBy = forward(address);
export const previouslySentDate = forward(date);

const FLAG_OPS = ['add', 'remove', 'filter'] as const;

export const mmFlag: Codec<MmFlag> = {
  read(v, ctx) {
    const f = v.sub(readValueLength(v));
    const b = octet(f);
    const op = FLAG_OPS[b - 0x80];
    if (op === undefined) throw new PduError('PORM_PDU_MALFORMED', `bad MM-Flags token 0x${hex(b)}`, f.pos - 1);
    return { op, flag: readEncodedString(f, ctx) };
  },
  write(w, flag, what) {
    const i = FLAG_OPS.indexOf(flag.op);
    if (i < 0) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: bad op ${JSON.stringify(flag.op)}`);
    w.withValueLength(() => {
      w.u8(0x80 + i);
      writeEncodedString(w, flag.flag, what);
    });
  },
};

export const mboxCount: Codec<MboxCount> = {
  read(v) {
    const f = v.sub(readValueLength(v));
    const b = octet(f);
    if (b !== 0x80 && b !== 0x81) throw new PduError('PORM_PDU_MALFORMED', `bad total token 0x${hex(b)}`, f.pos - 1);
    return { kind: b === 0x80 ? 'messages' : 'size', value: readIntegerValue(f) };
  },
  write(w, c) {
    w.withValueLength(() => {
      w.u8(c.kind === 'messages' ? 0x80 : 0x81);
      writeIntegerValue(w, c.value);
    });
  },
};

/** X-Mms-Attributes: the code of a header the request asks for (e.g. 0x96 Subject). */
export const attribute: Codec<number> = {
  read: (v) => octet(v),
  write(w, code, what) {
    if (!Number.isInteger(code) || code < 0x80 || code > 0xff) throw new PduError('PORM_PDU_INVALID_VALUE', `${what}: not a header code: ${code}`);
    w.u8(code);
  },
};
