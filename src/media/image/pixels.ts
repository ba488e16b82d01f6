import sharp from 'sharp';
import { MediaError } from '../errors.ts';
import { classifyDecodeError, type ImageInfo } from './inspect.ts';
import type { CropAspect, Pixels } from './types.ts';

const ASPECT: Readonly<Record<CropAspect, number>> = { '1:1': 1, '4:5': 4 / 5, '16:9': 16 / 9 };

export interface PlannedSize {
  width: number;
  height: number;
}

/**
 * Output size for a source of srcW × srcH (already oriented): the largest region of the crop's
 * aspect (or the whole image), scaled down, never up, to fit maxW × maxH.
 */
export function plannedSize(srcW: number, srcH: number, maxW: number, maxH: number, crop?: CropAspect): PlannedSize {
  let w = srcW;
  let h = srcH;
  if (crop) {
    const a = ASPECT[crop];
    if (w / h > a) w = h * a;
    else h = w / a;
  }
  const s = Math.min(1, maxW / w, maxH / h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/**
 * Decodes one still (the first frame of animations) to 8-bit sRGB pixels at `size`: EXIF orientation
 * applied, colour converted from any embedded profile, and nothing else kept: the raw pixels
 * carry no EXIF, GPS, XMP or ICC, so nothing can leak into the encodes made from them.
 * JPEG shrink-on-load makes the decode of big photos cheap.
 */
export async function decodeStill(input: Buffer, info: ImageInfo, size: PlannedSize, crop: CropAspect | undefined, maxPixels: number): Promise<Pixels> {
  try {
    const { data, info: out } = await sharp(info.source, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true, page: 0, pages: 1 })
      .resize(size.width, size.height, crop ? { fit: 'cover', position: sharp.strategy.attention } : { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return asPixels(data, out.width, out.height, out.channels);
  } catch (err) {
    throw classifyDecodeError(err, input, info.mime);
  }
}

function asPixels(data: Buffer, width: number, height: number, channels: number): Pixels {
  if (channels !== 3 && channels !== 4) throw new MediaError('PORM_MEDIA_CORRUPT', `decoded to ${channels} channels`);
  return { data, width, height, channels };
}

export function rawInput(p: Pixels, pageHeight?: number): { raw: { width: number; height: number; channels: 3 | 4; pageHeight?: number } } {
  return { raw: { width: p.width, height: p.height, channels: p.channels, ...(pageHeight ? { pageHeight } : {}) } };
}

/** True when some pixel is not fully opaque. */
export function usesAlpha(p: Pixels): boolean {
  if (p.channels !== 4) return false;
  for (let i = 3; i < p.data.length; i += 4) if (p.data[i] !== 255) return true;
  return false;
}

/** Composites onto white (what a handset shows behind a transparent PNG) and drops alpha. */
export async function flatten(p: Pixels): Promise<Pixels> {
  if (p.channels === 3) return p;
  const { data, info } = await sharp(p.data, rawInput(p)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  return asPixels(data, info.width, info.height, info.channels);
}

export async function resizePixels(p: Pixels, width: number, height: number): Promise<Pixels> {
  const { data, info } = await sharp(p.data, rawInput(p)).resize(width, height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return asPixels(data, info.width, info.height, info.channels);
}
