import { MediaError } from '../errors.ts';

// Reads dimensions and frame counts straight from PNG and GIF headers, before any decoder runs,
// so a tiny file declaring 50,000 × 50,000 pixels is refused in microseconds with no allocation.
// (libvips quietly replaces absurd GIF screen sizes by the first frame's, which hides the lie;
// we refuse the lie.) Other formats are checked from sharp's header-only metadata.

export interface HeaderInfo {
  width: number;
  height: number;
  frames: number;
}

export function readPngHeader(data: Buffer): HeaderInfo | undefined {
  if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), frames: 1 };
}

/**
 * Walks the GIF block structure (no LZW decoding): counts image descriptors and takes the
 * largest of the logical screen and every frame. Bounded by the file size.
 * Throws PORM_MEDIA_TRUNCATED when the data ends before the trailer, PORM_MEDIA_CORRUPT on an
 * unknown block.
 */
export function readGifHeader(data: Buffer): HeaderInfo {
  if (data.length < 13) throw new MediaError('PORM_MEDIA_TRUNCATED', 'GIF shorter than its header');
  let width = data.readUInt16LE(6);
  let height = data.readUInt16LE(8);
  let at = 13 + colourTableBytes(data[10]!);
  let frames = 0;
  const need = (n: number): void => {
    if (at + n > data.length) throw new MediaError('PORM_MEDIA_TRUNCATED', 'GIF ends before its trailer');
  };
  const skipSubBlocks = (): void => {
    for (;;) {
      need(1);
      const size = data[at]!;
      at += 1 + size;
      if (size === 0) return;
    }
  };
  for (;;) {
    need(1);
    const block = data[at]!;
    if (block === 0x3b) return { width, height, frames };
    if (block === 0x21) {
      need(2);
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      need(10);
      width = Math.max(width, data.readUInt16LE(at + 5));
      height = Math.max(height, data.readUInt16LE(at + 7));
      at += 10 + colourTableBytes(data[at + 9]!);
      need(1);
      at += 1; // LZW minimum code size
      skipSubBlocks();
      frames++;
    } else {
      throw new MediaError('PORM_MEDIA_CORRUPT', `GIF has an unknown block 0x${block.toString(16)} at byte ${at}`);
    }
  }
}

function colourTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
}

/** Cheap end-of-data checks that tell a truncated file from a corrupt one. */
export function looksTruncated(data: Buffer, mime: string): boolean {
  switch (mime) {
    case 'image/jpeg': {
      // The last scan must be followed by an end-of-image marker (a thumbnail's EOI comes earlier).
      const sos = data.lastIndexOf(Buffer.from([0xff, 0xda]));
      return data.lastIndexOf(Buffer.from([0xff, 0xd9])) < sos;
    }
    case 'image/png':
      return !data.includes('IEND', 8, 'latin1');
    case 'image/webp':
      return data.length >= 12 && data.readUInt32LE(4) + 8 > data.length;
    default:
      return false;
  }
}
