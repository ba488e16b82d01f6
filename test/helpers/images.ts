import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** A real PNG of random noise: decodes everywhere, and differs every call. */
export async function noisePng(width = 64, height = 48): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A real baseline JPEG of random noise, without any metadata. */
export async function noiseJpeg(width = 160, height = 120, quality = 80): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}
