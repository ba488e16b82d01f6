// Finds the highest encoder quality whose output fits a byte budget, in few encodes.
//
// Encoded size grows roughly exponentially with JPEG quality in the useful range, so the search
// works on ln(bytes): the first probe's size and a typical slope predict the quality that lands
// just under the budget; once one probe fits and one does not, the next is interpolated between
// them (a secant step, clamped inside the bracket, so it is never worse than bisection's
// guarantee of progress). It stops when a fitting encode is within `goodEnough` of the budget,
// when the bracket closes, or after `maxEncodes`.

export interface QualityProbe {
  quality: number;
  bytes: number;
}

export interface QualitySearchOptions {
  min: number;
  max: number;
  start: number;
  maxEncodes: number;
  /** A fitting encode at least this fraction of the budget is good enough. */
  goodEnough: number;
}

export interface QualitySearchResult {
  best?: { quality: number; data: Buffer };
  probes: QualityProbe[];
}

export const JPEG_SEARCH: QualitySearchOptions = { min: 40, max: 90, start: 82, maxEncodes: 6, goodEnough: 0.92 };

/** ln(bytes) gained per quality step, typical of photos between q40 and q90. */
const SLOPE = 0.035;
/** Aim a little under the budget so an interpolation error still lands inside it. */
const AIM = 0.97;

export async function searchQuality(
  encode: (quality: number) => Promise<Buffer>, maxBytes: number, options: QualitySearchOptions = JPEG_SEARCH,
): Promise<QualitySearchResult> {
  const probes: QualityProbe[] = [];
  let fit: { quality: number; data: Buffer } | undefined;
  let over: QualityProbe | undefined;
  let quality = clamp(options.start, options.min, options.max);
  while (probes.length < options.maxEncodes) {
    const data = await encode(quality);
    probes.push({ quality, bytes: data.length });
    if (data.length <= maxBytes) {
      if (!fit || quality > fit.quality) fit = { quality, data };
    } else if (!over || quality < over.quality) {
      over = { quality, bytes: data.length };
    }
    if (fit && (fit.quality >= options.max || fit.data.length >= options.goodEnough * maxBytes)) break;
    if (!fit && over && over.quality <= options.min) break;
    if (fit && over && over.quality - fit.quality <= 1) break;
    quality = nextQuality(fit ? { quality: fit.quality, bytes: fit.data.length } : undefined, over, maxBytes * AIM, options, measuredSlope(probes));
  }
  return fit ? { best: fit, probes } : { probes };
}

function nextQuality(fit: QualityProbe | undefined, over: QualityProbe | undefined, aim: number, o: QualitySearchOptions, slope: number): number {
  if (fit && over) {
    const t = (Math.log(aim) - Math.log(fit.bytes)) / (Math.log(over.bytes) - Math.log(fit.bytes));
    return clamp(Math.round(fit.quality + t * (over.quality - fit.quality)), fit.quality + 1, over.quality - 1);
  }
  if (fit) return clamp(Math.round(fit.quality + Math.log(aim / fit.bytes) / slope), fit.quality + 1, o.max);
  const known = over!;
  return clamp(Math.floor(known.quality + Math.log(aim / known.bytes) / slope), o.min, known.quality - 1);
}

/** While all probes sit on one side of the budget, the last two give this image's own slope. */
function measuredSlope(probes: readonly QualityProbe[]): number {
  const a = probes.at(-1);
  const b = probes.at(-2);
  if (!a || !b || a.quality === b.quality || a.bytes <= 0 || b.bytes <= 0) return SLOPE;
  const slope = (Math.log(a.bytes) - Math.log(b.bytes)) / (a.quality - b.quality);
  return Math.min(0.1, Math.max(0.005, slope));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
