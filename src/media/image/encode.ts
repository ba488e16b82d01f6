import sharp from 'sharp';
import { rawInput } from './pixels.ts';
import type { Pixels } from './types.ts';

// Encoders from raw pixels. Output carries no metadata: sharp writes none unless asked, and the
// raw input has none to copy anyway.

/**
 * Baseline (not progressive) JPEG with 4:2:0 chroma: what every MMS handset decodes. Huffman
 * tables optimised (a few % smaller, no compatibility cost). mozjpeg is left off: its trellis
 * search costs several times the encode time for ~5-10% bytes, and the quality search encodes
 * several times.
 */
export function encodeJpeg(p: Pixels, quality: number): Promise<Buffer> {
  return sharp(p.data, rawInput(p)).jpeg({ quality, progressive: false, chromaSubsampling: '4:2:0', optimiseCoding: true }).toBuffer();
}

export function encodePng(p: Pixels): Promise<Buffer> {
  return sharp(p.data, rawInput(p)).png({ compressionLevel: 9, adaptiveFiltering: true, effort: 4 }).toBuffer();
}

/** Quantised (palette) PNG: keeps alpha, often 3-4× smaller than lossless for graphics. */
export function encodePalettePng(p: Pixels, colours: number): Promise<Buffer> {
  return sharp(p.data, rawInput(p)).png({ palette: true, colours, compressionLevel: 9, effort: 7, dither: 1 }).toBuffer();
}

export function encodeStillGif(p: Pixels, colours: number): Promise<Buffer> {
  return sharp(p.data, rawInput(p)).gif({ colours, effort: 7, dither: 1 }).toBuffer();
}
