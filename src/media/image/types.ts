import type { ImageFormat } from '../profiles.ts';

export type CropAspect = '1:1' | '4:5' | '16:9';

export interface ImageLimits {
  /** Most pixels (width × height) porm decodes for one still image or one frame. */
  maxInputPixels: number;
  /** Most pixels over all frames of an animation; above it only the first frame is used. */
  maxAnimationPixels: number;
}

/** 50 MP covers phone cameras (48 MP sensors) yet bounds a decode to ~200 MB of RGBA. */
export const DEFAULT_LIMITS: ImageLimits = { maxInputPixels: 50_000_000, maxAnimationPixels: 60_000_000 };

export interface FitTarget {
  maxBytes: number;
  maxWidth: number;
  maxHeight: number;
  /** Accepted output types; porm produces image/jpeg, image/png and image/gif. */
  formats: readonly (ImageFormat | string)[];
  /** Crop to this aspect ratio, choosing the region by sharp's 'attention' strategy. */
  crop?: CropAspect;
  limits?: Partial<ImageLimits>;
  /**
   * A generated code (QR, bar code) that stops scanning when shrunk: kept at its pixel size in a
   * lossless format when the budget allows, never scaled below this shorter edge
   * (PORM_MEDIA_CANNOT_FIT instead). A source already smaller keeps its own size as the floor.
   */
  minEdge?: number;
}

/** One encode tried on the way to the result. */
export interface FitStep {
  mime: string;
  width: number;
  height: number;
  /** JPEG quality 1-100, or palette colours for GIF and quantised PNG, 100 for lossless PNG. */
  quality: number;
  bytes: number;
  frames: number;
  fits: boolean;
}

export interface FitResult {
  data: Buffer;
  mime: ImageFormat;
  width: number;
  height: number;
  quality: number;
  bytes: number;
  steps: FitStep[];
  warnings: string[];
}

/** Decoded, oriented, sRGB, resized pixels, the input of every encode. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}
