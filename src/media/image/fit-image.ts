import { MediaError } from '../errors.ts';
import { IMAGE_FORMATS, type ImageFormat } from '../profiles.ts';
import { fitAnimated } from './fit-animated.ts';
import { fitStill } from './fit-still.ts';
import { inspectImage } from './inspect.ts';
import { decodeStill, plannedSize } from './pixels.ts';
import { DEFAULT_LIMITS, type FitResult, type FitStep, type FitTarget, type ImageLimits } from './types.ts';

/**
 * Makes an image fit a route: real type sniffed from the bytes, decompression bombs refused from
 * headers before any decode, EXIF orientation applied and then every piece of metadata dropped
 * (EXIF, GPS, XMP, ICC: the pixels are converted to sRGB first), resized (or attention-cropped)
 * to the target's box, and encoded at the best quality that lands under `maxBytes`.
 *
 * HEIC/HEIF, WebP, AVIF, BMP and TIFF leave as JPEG (PNG when they carry transparency that fits).
 * Animated GIF/WebP stay animated GIFs when some reduction fits, else become their first frame.
 * Throws MediaError: PORM_MEDIA_EMPTY, _UNSUPPORTED_TYPE, _SVG_REFUSED, _POLYGLOT, _CORRUPT,
 * _TRUNCATED, _TOO_MANY_PIXELS, _HEIC_UNSUPPORTED, _FORMAT_NOT_ACCEPTED, _CANNOT_FIT.
 */
export async function fitImage(input: Buffer, target: FitTarget): Promise<FitResult> {
  checkTarget(target);
  const formats = IMAGE_FORMATS.filter((f) => target.formats.includes(f));
  if (formats.length === 0) throw new MediaError('PORM_MEDIA_FORMAT_NOT_ACCEPTED', `none of ${target.formats.join(', ')} is JPEG, PNG or GIF`);
  const limits: ImageLimits = { ...DEFAULT_LIMITS, ...target.limits };
  const info = await inspectImage(input, limits);
  const size = plannedSize(info.width, info.height, target.maxWidth, target.maxHeight, target.crop);
  const minEdge = target.minEdge === undefined ? undefined : Math.min(target.minEdge, info.width, info.height);
  if (minEdge !== undefined && Math.min(size.width, size.height) < minEdge) {
    throw new MediaError('PORM_MEDIA_CANNOT_FIT', `the route's ${target.maxWidth}×${target.maxHeight} box would scale a generated code below ${minEdge} px`);
  }
  const steps: FitStep[] = [];
  const warnings: string[] = [];

  if (info.frames > 1 && (info.mime === 'image/gif' || info.mime === 'image/webp')) {
    if (!info.animate) warnings.push(`animation of ${info.frames} frames is over the decode limit; first frame only`);
    else if (!formats.includes('image/gif')) warnings.push('the route takes no GIF; first frame only');
    else if (target.crop) warnings.push('animations are not cropped; first frame only');
    else {
      const animated = await fitAnimated(input, info, size, target.maxBytes, limits.maxAnimationPixels, steps);
      if (animated) return animated;
      warnings.push('the animation does not fit; first frame only');
    }
  }

  const pixels = await decodeStill(input, info, size, target.crop, limits.maxInputPixels);
  const losslessSource = info.mime === 'image/png' || info.mime === 'image/gif' ? info.mime : undefined;
  return fitStill(pixels, {
    maxBytes: target.maxBytes, formats: formats as ImageFormat[], ...(losslessSource ? { losslessSource } : {}), ...(minEdge !== undefined ? { minEdge } : {}),
  }, steps, warnings);
}

function checkTarget(t: FitTarget): void {
  const positive = (n: number): boolean => Number.isInteger(n) && n > 0;
  if (!positive(t.maxBytes) || !positive(t.maxWidth) || !positive(t.maxHeight)) {
    throw new RangeError('maxBytes, maxWidth and maxHeight must be positive integers');
  }
  if (t.minEdge !== undefined && !positive(t.minEdge)) throw new RangeError('minEdge must be a positive integer');
}
