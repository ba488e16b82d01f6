// Generated test images (no binary fixtures in the repo): camera-like photos, graphics with
// alpha, animations, every input format, and hostile files crafted byte by byte.
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Camera-like RGB pixels: smooth lighting gradients, a few hard-edged objects and sensor noise,
 * so JPEG sizes behave like a real photo's (not like pure noise, not like a flat card).
 */
export function photoPixels(width: number, height: number, seed = 1): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
  const boxes = Array.from({ length: 12 }, () => ({
    x: rand() * width, y: rand() * height, w: rand() * width * 0.3, h: rand() * height * 0.3,
    c: [rand() * 255, rand() * 255, rand() * 255] as const,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      let r = 90 + 80 * Math.sin(u * 3.1 + v * 1.3);
      let g = 110 + 60 * Math.cos(v * 4.2 - u);
      let b = 140 + 70 * Math.sin(u * v * 6);
      for (const box of boxes) {
        if (x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h) {
          r = (r + box.c[0]) / 2; g = (g + box.c[1]) / 2; b = (b + box.c[2]) / 2;
        }
      }
      const n = (rand() - 0.5) * 30 + ((x * 7 + y * 13) % 9) - 4; // sensor noise plus fine texture
      const i = (y * width + x) * 3;
      px[i] = clampByte(r + n); px[i + 1] = clampByte(g + n); px[i + 2] = clampByte(b + n);
    }
  }
  return px;
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

export const GPS_EXIF = {
  IFD0: { Make: 'PormCam', Model: 'Test 1', Copyright: 'secret owner' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 26/1 4600/100', GPSLongitudeRef: 'W', GPSLongitude: '79/1 58/1 5600/100' },
};

/** A camera JPEG stored sideways with EXIF orientation 6 (display rotated 90° clockwise) and GPS. */
export async function cameraJpeg(width: number, height: number, options: { orientation?: number; quality?: number } = {}): Promise<Buffer> {
  return sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } })
    .withExif(GPS_EXIF)
    .withMetadata({ orientation: options.orientation ?? 1 })
    .jpeg({ quality: options.quality ?? 92 })
    .toBuffer();
}

/** A graphic with a soft transparent edge: alpha really used. */
export async function alphaPng(width: number, height: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const d = Math.hypot(x - width / 2, y - height / 2) / (Math.min(width, height) / 2);
      px[i] = (x * 255) / width; px[i + 1] = (y * 255) / height; px[i + 2] = 160;
      px[i + 3] = d < 0.8 ? 255 : d < 1 ? Math.round((1 - d) * 5 * 255) : 0;
    }
  }
  return sharp(px, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** An animated GIF of moving coloured shapes. */
export async function animatedGif(width: number, height: number, frames: number, options: { noise?: boolean } = {}): Promise<Buffer> {
  const px = Buffer.alloc(width * height * frames * 4);
  let s = 7;
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = ((f * height + y) * width + x) * 4;
        s = (s * 1103515245 + 12345) >>> 0;
        const n = options.noise ? (s >>> 24) - 128 : 0;
        const inside = Math.hypot(x - (width * (f + 1)) / (frames + 1), y - height / 2) < height / 4;
        px[i] = clampByte((inside ? 230 : (x * 255) / width) + n);
        px[i + 1] = clampByte((inside ? 40 : (y * 255) / height) + n);
        px[i + 2] = clampByte((inside ? 60 : 120) + n);
        px[i + 3] = 255;
      }
    }
  }
  return sharp(px, { raw: { width, height: height * frames, channels: 4, pageHeight: height } })
    .gif({ delay: Array.from({ length: frames }, () => 80), loop: 0 })
    .toBuffer();
}

/** 24-bit bottom-up BMP written by hand (sharp cannot write BMP). */
export function bmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 54 + y * row + x * 3;
      out[i] = (x * 255) / width; out[i + 1] = (y * 255) / height; out[i + 2] = 90; // B, G, R
    }
  }
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** A ~1 KB PNG whose IHDR (valid CRC) declares width × height RGB pixels. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2;
  const firstRows = deflateSync(Buffer.alloc((width * 3 + 1) * 4)); // the rest is "missing"
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', firstRows), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A tiny GIF whose screen and single frame both declare width × height. */
export function gifBomb(width: number, height: number): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  const frame = Buffer.alloc(10);
  frame[0] = 0x2c;
  frame.writeUInt16LE(width, 5);
  frame.writeUInt16LE(height, 7);
  return Buffer.concat([Buffer.from('GIF89a', 'latin1'), screen, frame, Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00, 0x3b])]);
}

/** A minimal stored ZIP archive holding one file. */
export function zip(name = 'a.txt', content = 'hello'): Buffer {
  const data = Buffer.from(content);
  const file = Buffer.from(name);
  const crc = crc32(data) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const dirOffset = local.length + file.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + file.length, 12); eocd.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, file, data, central, file, eocd]);
}

/**
 * A HEIC as an iPhone writes it, as far as headers go: an AVIF re-branded 'heic' with its image
 * item typed 'hvc1'. Without an HEVC decoder it must be refused as HEIC, not as corrupt.
 */
export async function heicLike(): Promise<Buffer> {
  const avif = Buffer.from(await sharp(photoPixels(64, 48), { raw: { width: 64, height: 48, channels: 3 } }).avif().toBuffer());
  avif.write('heic', 8, 'latin1');
  for (let at = avif.indexOf('avif', 12, 'latin1'); at >= 0 && at < 40; at = avif.indexOf('avif', at + 4, 'latin1')) avif.write('heic', at, 'latin1');
  for (let at = avif.indexOf('av01', 0, 'latin1'); at >= 0; at = avif.indexOf('av01', at + 4, 'latin1')) avif.write('hvc1', at, 'latin1');
  return avif;
}
