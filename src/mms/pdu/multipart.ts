// WSP multipart body (WAP-230 §8.5): uintvar nEntries, then per entry uintvar HeadersLen,
// uintvar DataLen, the part headers (Content-Type first) and the data. Not MIME.
import type { Part } from './model.ts';
import { readPartHead, writePartHead } from './part-headers.ts';
import { PduError } from './pdu-error.ts';
import { readUintvar } from './primitives.ts';
import { type DecodeContext, DEFAULT_LIMITS, Reader } from './reader.ts';
import { decodeTransferEncoding } from './transfer-encoding.ts';
import { isWspMultipart } from './well-known.ts';
import { putUintvar, uintvarSize, Writer } from './writer.ts';

// ---- decoding ----------------------------------------------------------------------------

/** Parts of a multipart body filling `r`. Part data are views into the input (no copies). */
export function readMultipart(r: Reader, ctx: DecodeContext, depth: number): Part[] {
  // Recursion: the depth is capped whatever the caller asked, so the stack never runs out.
  if (depth > Math.min(ctx.limits.maxDepth, 64)) throw new PduError('PORM_PDU_TOO_DEEP', `multipart nested deeper than ${ctx.limits.maxDepth}`, r.pos);
  const count = readUintvar(r);
  // Checked before the loop so a huge nEntries costs nothing; each entry needs >= 3 octets.
  if (ctx.partCount + count > ctx.limits.maxParts) {
    throw new PduError('PORM_PDU_TOO_MANY_PARTS', `${count} parts exceed the limit of ${ctx.limits.maxParts}`, r.pos);
  }
  if (count * 3 > r.remaining) throw new PduError('PORM_PDU_TRUNCATED', `${count} parts cannot fit in ${r.remaining} octets`, r.pos);
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    ctx.partCount++;
    const headersLen = readUintvar(r);
    const dataLen = readUintvar(r);
    const h = r.sub(headersLen);
    const dataAt = r.pos;
    const data = r.take(dataLen);
    parts.push(buildPart(readPartHead(h, ctx), r.buf, dataAt, data, ctx, depth));
  }
  if (!r.atEnd()) ctx.warn('trailing-bytes', r.pos, `${r.remaining} octet(s) after the last part`);
  return parts;
}

/**
 * `raw` is the part's data, at `at` in `buf` (the PDU). A nested multipart is read in place, so
 * its warnings and errors carry offsets in the PDU; one that was transfer-encoded lives in a
 * decoded copy, where offsets mean nothing to the caller, so those report the part's own offset.
 */
function buildPart(head: ReturnType<typeof readPartHead>, buf: Uint8Array, at: number, raw: Uint8Array, ctx: DecodeContext, depth: number): Part {
  const { transferEncoding, ...rest } = head;
  let data = raw;
  let nested = new Reader(buf, at, at + raw.length);
  if (transferEncoding !== undefined) {
    const decoded = decodeTransferEncoding(transferEncoding, raw);
    if (decoded === undefined) {
      rest.headers = [...(rest.headers ?? []), { kind: 'text', name: 'Content-Transfer-Encoding', value: transferEncoding }];
    } else {
      ctx.warn('transfer-encoding', at, `part data was ${transferEncoding}-encoded; decoded`);
      data = decoded;
      nested = new Reader(decoded, 0, decoded.length);
    }
  }
  if (!isWspMultipart(rest.contentType) || data.length === 0) return { ...rest, data };
  const copied = data !== raw;
  try {
    const parts = copied ? ctx.at(at, () => readMultipart(nested, ctx, depth + 1)) : readMultipart(nested, ctx, depth + 1);
    return { ...rest, data: new Uint8Array(0), parts };
  } catch (err) {
    if (!(err instanceof PduError)) throw err;
    const located = copied ? new PduError(err.code, `${err.detail} (inside the transfer-encoded data of the part)`, at) : err;
    if (err.code === 'PORM_PDU_TOO_DEEP' || err.code === 'PORM_PDU_TOO_MANY_PARTS') throw located;
    ctx.warn('nested-multipart-kept-raw', at, `nested multipart could not be read (${err.code}); kept as data`);
    return { ...rest, data };
  }
}

// ---- encoding ----------------------------------------------------------------------------

/**
 * A multipart body measured but not yet written: part headers are encoded into one scratch
 * buffer, so the final PDU can be allocated once and each part's data copied exactly once.
 */
export interface MultipartPlan {
  size: number;
  write(out: Uint8Array, pos: number): number;
}

export function planMultipart(parts: readonly Part[], depth = 1, relay = false): MultipartPlan {
  // Never write what porm's own decoder (default limits) would refuse to read.
  if (depth > DEFAULT_LIMITS.maxDepth) throw new PduError('PORM_PDU_INVALID_VALUE', `multipart nested deeper than ${DEFAULT_LIMITS.maxDepth}`);
  const heads = new Writer(128 * parts.length + 64, relay);
  const bounds: number[] = [];
  const datas: Uint8Array[] = [];
  let size = uintvarSize(parts.length);
  for (const part of parts) {
    const start = heads.pos;
    writePartHead(heads, part);
    const headLen = heads.pos - start;
    const data = part.parts === undefined ? part.data : encodeMultipartBytes(part.parts, depth + 1, relay);
    if (part.parts !== undefined && part.data.length > 0) {
      throw new PduError('PORM_PDU_INVALID_VALUE', 'a part has both nested parts and data');
    }
    // Legal in WSP, but an empty entry means nothing to a handset and Wireshark flags it as malformed.
    if (data.length === 0 && !relay) throw new PduError('PORM_PDU_INVALID_VALUE', `part ${part.contentId ?? part.contentType} has no data`);
    bounds.push(start, heads.pos);
    datas.push(data);
    size += uintvarSize(headLen) + uintvarSize(data.length) + headLen + data.length;
  }
  return {
    size,
    write(out, pos) {
      let p = putUintvar(out, pos, parts.length);
      for (let i = 0; i < datas.length; i++) {
        const from = bounds[2 * i]!;
        const to = bounds[2 * i + 1]!;
        const data = datas[i]!;
        p = putUintvar(out, p, to - from);
        p = putUintvar(out, p, data.length);
        out.set(heads.buf.subarray(from, to), p);
        p += to - from;
        out.set(data, p);
        p += data.length;
      }
      return p;
    },
  };
}

function encodeMultipartBytes(parts: readonly Part[], depth: number, relay: boolean): Uint8Array {
  const plan = planMultipart(parts, depth, relay);
  const out = Buffer.allocUnsafe(plan.size);
  plan.write(out, 0);
  return out;
}
