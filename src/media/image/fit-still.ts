import { MediaError } from '../errors.ts';
import type { ImageFormat } from '../profiles.ts';
import { encodeJpeg, encodePalettePng, encodePng, encodeStillGif } from './encode.ts';
import { flatten, resizePixels, usesAlpha } from './pixels.ts';
import { JPEG_SEARCH, searchQuality } from './quality-search.ts';
import type { FitResult, FitStep, Pixels } from './types.ts';

export interface StillPlan {
  maxBytes: number;
  formats: readonly ImageFormat[];
  /** The source was a lossless graphic of this format: worth keeping as such if it fits. */
  losslessSource?: 'image/png' | 'image/gif';
  /**
   * A generated code (QR, bar code): its shorter edge never goes below this many pixels, and the
   * lossless encodings (PNG, palette PNG, GIF: a code has two colours) are tried at full size first.
   */
  minEdge?: number;
}

/** Smallest long edge porm scales to before it gives up. */
const MIN_EDGE = 48;
/** Skip a lossless PNG try when raw pixels exceed the budget this many times (photos). */
const LOSSLESS_HOPELESS_RATIO = 40;

/**
 * Fits one still image. Order: keep alpha (PNG, then palette PNG) or the source's lossless format
 * only if it fits at full size; otherwise JPEG with a quality search (alpha flattened onto white);
 * when even the lowest quality is too big, scale down and search again. Without JPEG among the
 * formats, palette PNG or GIF is scaled down until it fits.
 */
export async function fitStill(pixels: Pixels, plan: StillPlan, steps: FitStep[], warnings: string[]): Promise<FitResult> {
  const accepts = (f: ImageFormat): boolean => plan.formats.includes(f);
  const alpha = usesAlpha(pixels);
  let p = alpha ? pixels : await flatten(pixels);
  const tryEncode = async (mime: ImageFormat, quality: number, data: Buffer, img: Pixels): Promise<FitResult | undefined> => {
    const fits = data.length <= plan.maxBytes;
    steps.push({ mime, width: img.width, height: img.height, quality, bytes: data.length, frames: 1, fits });
    return fits ? result(data, mime, img, quality, steps, warnings) : undefined;
  };
  const hopeless = p.data.length > LOSSLESS_HOPELESS_RATIO * plan.maxBytes;

  if ((alpha || plan.losslessSource === 'image/png') && accepts('image/png')) {
    const lossless = hopeless ? undefined : await tryEncode('image/png', 100, await encodePng(p), p);
    if (lossless) return lossless;
    const palette = alpha ? await tryEncode('image/png', 256, await encodePalettePng(p, 256), p) : undefined;
    if (palette) {
      warnings.push('quantised to a 256-colour palette to keep transparency');
      return palette;
    }
  }
  if (plan.minEdge !== undefined) {
    const kept = await keepCode(p, plan, accepts, tryEncode);
    if (kept) return kept;
  }
  if (plan.losslessSource === 'image/gif' && accepts('image/gif')) {
    const done = await tryEncode('image/gif', 256, await encodeStillGif(p, 256), p);
    if (done) return done;
  }
  if (alpha && (accepts('image/jpeg') || !accepts('image/png'))) {
    p = await flatten(p);
    warnings.push('transparency flattened onto white');
  }

  let current = p;
  for (;;) {
    let smallest: number;
    if (accepts('image/jpeg')) {
      const search = await searchQuality((q) => encodeJpeg(current, q), plan.maxBytes, current === p ? JPEG_SEARCH : { ...JPEG_SEARCH, start: 72 });
      for (const probe of search.probes) {
        steps.push({ mime: 'image/jpeg', width: current.width, height: current.height, quality: probe.quality, bytes: probe.bytes, frames: 1, fits: probe.bytes <= plan.maxBytes });
      }
      if (search.best) return result(search.best.data, 'image/jpeg', current, search.best.quality, steps, warnings);
      smallest = Math.min(...search.probes.map((s) => s.bytes));
    } else {
      const mime: ImageFormat = accepts('image/png') ? 'image/png' : 'image/gif';
      const data = mime === 'image/png' ? await encodePalettePng(current, 256) : await encodeStillGif(current, 256);
      const done = await tryEncode(mime, 256, data, current);
      if (done) return done;
      smallest = data.length;
    }
    // Pixels to bytes is close to linear at a fixed quality: aim the new size at ~60% of the
    // budget at minimum quality, which leaves the next search room to raise the quality.
    const scale = Math.min(0.9, Math.max(0.25, Math.sqrt((0.6 * plan.maxBytes) / smallest)));
    const width = Math.round(current.width * scale);
    const height = Math.round(current.height * scale);
    if (plan.minEdge !== undefined && Math.min(width, height) < plan.minEdge) {
      throw new MediaError('PORM_MEDIA_CANNOT_FIT', `a generated code cannot be scaled below ${plan.minEdge} px to fit ${plan.maxBytes} bytes (it would not scan)`);
    }
    if (Math.max(width, height) < MIN_EDGE || Math.min(width, height) < 1) {
      throw new MediaError('PORM_MEDIA_CANNOT_FIT', `the image does not fit ${plan.maxBytes} bytes even at ${current.width}×${current.height}`);
    }
    current = await resizePixels(p, width, height);
    warnings.push(`scaled down to ${width}×${height} to fit ${plan.maxBytes} bytes`);
  }
}

type TryEncode = (mime: ImageFormat, quality: number, data: Buffer, img: Pixels) => Promise<FitResult | undefined>;

/** A code at its drawn size in the first lossless encoding the route takes and the budget allows. */
async function keepCode(p: Pixels, plan: StillPlan, accepts: (f: ImageFormat) => boolean, tryEncode: TryEncode): Promise<FitResult | undefined> {
  if (accepts('image/png')) {
    const done = await tryEncode('image/png', 100, await encodePng(p), p) ?? await tryEncode('image/png', 16, await encodePalettePng(p, 16), p);
    if (done) return done;
  }
  return accepts('image/gif') ? tryEncode('image/gif', 16, await encodeStillGif(p, 16), p) : undefined;
}

function result(data: Buffer, mime: ImageFormat, p: Pixels, quality: number, steps: FitStep[], warnings: string[]): FitResult {
  return { data, mime, width: p.width, height: p.height, quality, bytes: data.length, steps, warnings };
}
