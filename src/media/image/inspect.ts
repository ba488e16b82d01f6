import sharp from 'sharp';
import { MediaError, isMediaError } from '../errors.ts';
import { sniff } from '../sniff.ts';
import { bmpToPng } from './bmp.ts';
import { heicToPng, heifConvertAvailable } from './heic.ts';
import { looksTruncated, readGifHeader, readPngHeader } from './header-guard.ts';
import type { ImageLimits } from './types.ts';

export interface ImageInfo {
  mime: string;
  /** The bytes sharp decodes: the input itself, or a PNG porm made from a BMP. */
  source: Buffer;
  /** Dimensions after EXIF orientation. */
  width: number;
  height: number;
  frames: number;
  /** Decode all frames (an animation small enough to keep). */
  animate: boolean;
  hasAlpha: boolean;
  loop: number;
  delays: number[];
}

// The prebuilt sharp ships libheif with the AV1 decoder only (HEVC is patent-encumbered); it
// advertises .heic among its input suffixes only when it can decode HEVC.
export const HEVC_DECODABLE = sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;

/**
 * Everything porm needs to know before decoding, from headers only. Refuses (typed) what is not
 * an image, what declares too many pixels, HEIC without a decoder, and truncated files.
 */
export async function inspectImage(input: Buffer, limits: ImageLimits): Promise<ImageInfo> {
  const { mime, kind } = await sniff(input);
  if (kind !== 'image') throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', `the content is ${mime}, not an image`);
  let headerFrames = 1;
  if (mime === 'image/png' || mime === 'image/gif') {
    const header = mime === 'image/png' ? readPngHeader(input) : readGifHeader(input);
    if (!header) throw new MediaError('PORM_MEDIA_CORRUPT', 'PNG without an IHDR header');
    checkPixels(header.width, header.height, limits);
    headerFrames = header.frames;
  }
  // The 'heic' brands promise HEVC, which the bundled libvips cannot decode: use heif-convert
  // when installed (heic.ts), otherwise refuse with the reason users can act on.
  let source = mime === 'image/bmp' ? await bmpToPng(input, limits.maxInputPixels) : input;
  if (mime === 'image/heic' && !HEVC_DECODABLE) {
    if (!(await heifConvertAvailable())) throw new MediaError('PORM_MEDIA_HEIC_UNSUPPORTED', 'HEIC (HEVC) image and no HEVC decoder: install heif-convert (Debian: libheif-examples) or send JPEG');
    source = await heicToPng(input, limits.maxInputPixels);
  }
  if (looksTruncated(input, mime)) throw new MediaError('PORM_MEDIA_TRUNCATED', `${mime} ends before its data does`);

  const meta = await sharp(source, { limitInputPixels: limits.maxInputPixels, failOn: 'error' }).metadata()
    .catch((err: unknown) => { throw classifyDecodeError(err, input, mime); });
  if (mime === 'image/heif' && meta.compression === 'hevc' && !HEVC_DECODABLE && source === input) {
    if (!(await heifConvertAvailable())) throw new MediaError('PORM_MEDIA_HEIC_UNSUPPORTED', 'HEVC-coded HEIF image and no HEVC decoder: install heif-convert (Debian: libheif-examples) or send JPEG');
    return inspectImage(await heicToPng(input, limits.maxInputPixels), limits).then((info) => ({ ...info, mime }));
  }
  const pageHeight = meta.pageHeight ?? meta.height;
  checkPixels(meta.width, pageHeight, limits);
  const frames = Math.max(meta.pages ?? 1, headerFrames);
  const animatable = mime === 'image/gif' || mime === 'image/webp';
  const animate = animatable && frames > 1 && frames * meta.width * pageHeight <= limits.maxAnimationPixels;
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    mime, source, frames, animate, hasAlpha: meta.hasAlpha,
    width: rotated ? pageHeight : meta.width, height: rotated ? meta.width : pageHeight,
    loop: meta.loop ?? 0, delays: meta.delay ?? [],
  };
}

function checkPixels(width: number, height: number, limits: ImageLimits): void {
  if (width === 0 || height === 0) throw new MediaError('PORM_MEDIA_CORRUPT', 'the image declares zero width or height');
  if (width * height > limits.maxInputPixels) {
    throw new MediaError('PORM_MEDIA_TOO_MANY_PIXELS', `${width}×${height} is over the ${limits.maxInputPixels}-pixel limit`);
  }
}

/** Turns a libvips failure into porm's codes: truncation, pixel limits, HEVC, else corrupt. */
export function classifyDecodeError(err: unknown, input: Buffer, mime: string): MediaError {
  if (isMediaError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return new MediaError('PORM_MEDIA_TOO_MANY_PIXELS', message, { cause: err });
  if (mime.startsWith('image/hei') && !HEVC_DECODABLE && /hevc|hvc|h\.?265|decoder|plugin|unsupported|no.*codec/i.test(message)) {
    return new MediaError('PORM_MEDIA_HEIC_UNSUPPORTED', message, { cause: err });
  }
  if (looksTruncated(input, mime) || /premature end|truncated|unexpected end|end of (file|stream|data)|not enough data|short read/i.test(message)) {
    return new MediaError('PORM_MEDIA_TRUNCATED', message, { cause: err });
  }
  return new MediaError('PORM_MEDIA_CORRUPT', message, { cause: err });
}
