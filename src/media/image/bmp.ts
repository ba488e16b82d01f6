import sharp from 'sharp';
import { MediaError } from '../errors.ts';

// The prebuilt sharp has no BMP loader (libvips reads BMP only through ImageMagick), so porm
// decodes the common uncompressed BMPs itself: 24- and 32-bit BI_RGB and 8-bit palette. RLE and
// bit-field variants are refused as unsupported. Dimensions are checked against the pixel limit
// before any allocation.

export async function bmpToPng(data: Buffer, maxPixels: number): Promise<Buffer> {
  if (data.length < 54) throw new MediaError('PORM_MEDIA_TRUNCATED', 'BMP shorter than its headers');
  const offset = data.readUInt32LE(10);
  const dibSize = data.readUInt32LE(14);
  const width = data.readInt32LE(18);
  const rawHeight = data.readInt32LE(22);
  const bpp = data.readUInt16LE(28);
  const compression = data.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (dibSize < 40 || width <= 0 || height === 0) throw new MediaError('PORM_MEDIA_CORRUPT', 'BMP header is not valid');
  if (width * height > maxPixels) throw new MediaError('PORM_MEDIA_TOO_MANY_PIXELS', `${width}×${height} is over the ${maxPixels}-pixel limit`);
  if (compression !== 0 || ![8, 24, 32].includes(bpp)) {
    throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', `BMP with ${bpp} bits per pixel and compression ${compression} is not supported; convert it to PNG`);
  }
  const stride = Math.ceil((bpp * width) / 32) * 4;
  if (offset + stride * height > data.length) throw new MediaError('PORM_MEDIA_TRUNCATED', 'BMP ends before its pixel rows do');
  const colours = bpp === 8 ? data.readUInt32LE(46) || 256 : 0;
  const palette = 14 + dibSize;
  if (palette + colours * 4 > offset) throw new MediaError('PORM_MEDIA_CORRUPT', 'BMP palette overlaps its pixels');

  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + stride * (rawHeight > 0 ? height - 1 - y : y); // positive height: bottom-up
    for (let x = 0; x < width; x++) {
      let at: number;
      if (bpp === 8) {
        const index = data[row + x]!;
        if (index >= colours) throw new MediaError('PORM_MEDIA_CORRUPT', 'BMP pixel outside its palette');
        at = palette + index * 4;
      } else {
        at = row + x * (bpp / 8);
      }
      const o = (y * width + x) * 3;
      out[o] = data[at + 2]!; out[o + 1] = data[at + 1]!; out[o + 2] = data[at]!;
    }
  }
  // Lossless and fast: this PNG only carries the pixels into the normal pipeline.
  return sharp(out, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}
