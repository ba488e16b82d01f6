// npm run bench -- media [--runs N]
// Fits a generated 12-megapixel camera-like JPEG to the us-600k profile with porm's fitImage and
// prints the median time next to baselines measured in the same run: one raw sharp resize+encode
// (the floor: decode, resize, one encode) and ImageMagick doing the same fit (-define
// jpeg:extent, its own quality search) when a real ImageMagick `convert` is installed.
// Goals: ≤ 2.5× the sharp floor, ≥ 4× faster than ImageMagick, bytes under the budget.
// Quality: PSNR and SSIM of the fitted image against the original resized to the same size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { fitImage } from '../src/media/image/index.ts';
import { BUILTIN_PROFILES } from '../src/media/profiles.ts';
import { splitBudget } from '../src/media/budget.ts';
import { photoPixels } from '../src/media/image/test-fixtures.ts';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 9;
const profile = BUILTIN_PROFILES['us-600k']!;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeMedian(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: libvips caches, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function rgb(data: Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(data).resize(width, height, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
}

function psnr(a: Buffer, b: Buffer): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i]! - b[i]!) ** 2;
  const mse = se / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Mean SSIM of luma over 8×8 blocks (the classic constants, K1 = 0.01, K2 = 0.03). */
function ssim(a: Buffer, b: Buffer, width: number, height: number): number {
  const luma = (p: Buffer, i: number): number => 0.299 * p[i]! + 0.587 * p[i + 1]! + 0.114 * p[i + 2]!;
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let blocks = 0;
  for (let by = 0; by + 8 <= height; by += 8) {
    for (let bx = 0; bx + 8 <= width; bx += 8) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let y = by; y < by + 8; y++) {
        for (let x = bx; x < bx + 8; x++) {
          const i = (y * width + x) * 3;
          const va = luma(a, i);
          const vb = luma(b, i);
          sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
        }
      }
      const n = 64;
      const ma = sa / n, mb = sb / n;
      const va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      blocks++;
    }
  }
  return total / blocks;
}

function realImageMagick(): boolean {
  const r = spawnSync('convert', ['-version'], { encoding: 'utf8' });
  return r.status === 0 && /^Version: ImageMagick/m.test(r.stdout);
}

async function main(): Promise<void> {
  const width = 4000;
  const height = 3000;
  const photo = await sharp(photoPixels(width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
  const split = splitBudget({ maxMessageBytes: profile.maxMessageBytes, parts: [{ id: 'text', kind: 'text', bytes: 160 }, { id: 'photo', kind: 'image', bytes: photo.length }] });
  const maxBytes = split.shares[1]!.maxBytes;
  const target = { maxBytes, maxWidth: profile.image.maxWidth, maxHeight: profile.image.maxHeight, formats: profile.image.formats };
  console.log(`input: ${width}×${height} camera-like JPEG, ${(photo.length / 1e6).toFixed(2)} MB; profile us-600k, image share ${maxBytes} bytes; ${runs} runs, median`);

  const fit = await fitImage(photo, target);
  const fitMs = await timeMedian(() => fitImage(photo, target));
  const floor = () => sharp(photo).resize(profile.image.maxWidth, profile.image.maxHeight, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
  const floorMs = await timeMedian(floor);

  const ref = await rgb(photo, fit.width, fit.height);
  const got = await rgb(fit.data, fit.width, fit.height);
  const underBudget = fit.bytes <= maxBytes;
  console.log(`porm fitImage:        ${fitMs.toFixed(1)} ms  (${(1000 / fitMs).toFixed(2)} images/s)  → ${fit.width}×${fit.height} q${fit.quality}, ${fit.bytes} bytes (${underBudget ? 'under' : 'OVER'} budget ${maxBytes}), ${fit.steps.length} encodes`);
  console.log(`  quality vs original resized to ${fit.width}×${fit.height}: PSNR ${psnr(ref, got).toFixed(2)} dB, SSIM ${ssim(ref, got, fit.width, fit.height).toFixed(4)}`);
  console.log(`sharp floor (1 resize + 1 encode): ${floorMs.toFixed(1)} ms  (${(1000 / floorMs).toFixed(2)} images/s)`);
  const floorRatio = fitMs / floorMs;
  console.log(`  ratio fitImage / floor: ${floorRatio.toFixed(2)}×  (goal ≤ 2.5×: ${floorRatio <= 2.5 ? 'met' : 'NOT met'})`);

  if (!realImageMagick()) {
    console.log('ImageMagick: `convert` is missing or not real ImageMagick (checked `convert -version`); baseline skipped, nothing installed');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'porm-bench-media-'));
    try {
      const inFile = join(dir, 'in.jpg');
      const outFile = join(dir, 'out.jpg');
      writeFileSync(inFile, photo);
      const imArgs = [inFile, '-auto-orient', '-strip', '-colorspace', 'sRGB', '-resize', `${profile.image.maxWidth}x${profile.image.maxHeight}>`, '-define', `jpeg:extent=${maxBytes}`, outFile];
      const imMs = await timeMedian(async () => {
        const r = spawnSync('convert', imArgs);
        if (r.status !== 0) throw new Error(`convert failed: ${r.stderr.toString()}`);
      });
      const imBytes = readFileSync(outFile).length;
      const speedup = imMs / fitMs;
      console.log(`ImageMagick convert (jpeg:extent): ${imMs.toFixed(1)} ms, ${imBytes} bytes`);
      console.log(`  fitImage is ${speedup.toFixed(2)}× faster  (goal ≥ 4×: ${speedup >= 4 ? 'met' : 'NOT met'})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!underBudget) process.exitCode = 1;
}

await main();
