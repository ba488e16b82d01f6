import sharp from 'sharp';
import type { MediaResolver } from '../../media/media-resolver.ts';
import { MediaError } from '../../media/errors.ts';

// Images on the hosted page come through porm: the phone never contacts the sender's CDN (no
// tracking by third parties, nothing to allowlist in the page's CSP), and it gets the width it
// asked for. Fetches go through the SSRF-guarded media resolver; results are cached by URL and width.

export const IMAGE_WIDTHS = [128, 320, 640, 1080] as const;
const CACHE_BYTES = 64 * 1024 * 1024;
const MAX_INPUT_PIXELS = 50_000_000;

export interface ProxiedImage { contentType: string; data: Buffer }

export class ImageProxy {
  private readonly cache = new Map<string, ProxiedImage>();
  private cachedBytes = 0;

  constructor(private readonly resolver: MediaResolver) {}

  /** The nearest supported width at or above `wanted` (or the largest). */
  static widthFor(wanted: number): number {
    return IMAGE_WIDTHS.find((w) => w >= wanted) ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!;
  }

  async get(accountId: string, url: string, width: number): Promise<ProxiedImage> {
    const key = `${width} ${url}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const [original] = await this.resolver.resolve(accountId, [{ kind: 'url', url }]);
    let out: ProxiedImage;
    try {
      const pipeline = sharp(original!.data, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate()
        .resize({ width, withoutEnlargement: true });
      const meta = await sharp(original!.data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
      const data = meta.hasAlpha ? await pipeline.png({ compressionLevel: 8 }).toBuffer() : await pipeline.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
      out = { contentType: meta.hasAlpha ? 'image/png' : 'image/jpeg', data };
    } catch (err) {
      throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', `not an image porm can show: ${(err as Error).message}`);
    }
    this.remember(key, out);
    return out;
  }

  private remember(key: string, image: ProxiedImage): void {
    while (this.cachedBytes + image.data.length > CACHE_BYTES && this.cache.size > 0) {
      const oldest = this.cache.keys().next().value!;
      this.cachedBytes -= this.cache.get(oldest)!.data.length;
      this.cache.delete(oldest);
    }
    this.cache.set(key, image);
    this.cachedBytes += image.data.length;
  }
}
