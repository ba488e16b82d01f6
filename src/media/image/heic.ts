import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaError } from '../errors.ts';
import { readPngHeader } from './header-guard.ts';

// The prebuilt sharp cannot decode HEVC, so the HEIC photos iPhones take would be refused.
// Debian's libheif-examples ships heif-convert, built with libde265: when it is installed porm
// decodes HEIC with it to a lossless PNG and continues from there; without it, HEIC is refused
// with PORM_MEDIA_HEIC_UNSUPPORTED.

const TIMEOUT_MS = 30_000;
let available: Promise<boolean> | undefined;

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile('heif-convert', args, { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : err.code === 'ENOENT' ? null : 1;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

/** Whether heif-convert is on PATH (checked once per process). */
export function heifConvertAvailable(): Promise<boolean> {
  available ??= run(['--version']).then((r) => r.code !== null, () => false);
  return available;
}

function runInfo(path: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('heif-info', [path], { timeout: TIMEOUT_MS, maxBuffer: 256 * 1024, killSignal: 'SIGKILL' }, (_err, stdout) => resolve(String(stdout)));
  });
}

/** Decodes a HEIC/HEIF photo's primary image to PNG, refusing one over `maxPixels`. */
export async function heicToPng(data: Buffer, maxPixels: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'porm-heic-'));
  try {
    const input = join(dir, 'in.heic');
    const output = join(dir, 'out.png');
    await writeFile(input, data, { mode: 0o600 });
    // heif-info reads the container's declared sizes without decoding: a bomb is refused here.
    const sizes = [...(await runInfo(input)).matchAll(/^image: (\d+)x(\d+)/gm)].map((m) => Number(m[1]) * Number(m[2]));
    if (sizes.length === 0) throw new MediaError('PORM_MEDIA_CORRUPT', 'HEIC without a readable image');
    if (Math.max(...sizes) > maxPixels) throw new MediaError('PORM_MEDIA_TOO_MANY_PIXELS', `HEIC image over the ${maxPixels}-pixel limit`);
    const result = await run([input, output]);
    if (result.code !== 0) throw new MediaError('PORM_MEDIA_CORRUPT', `HEIC could not be decoded: ${result.stderr.trim().slice(0, 300) || 'heif-convert failed'}`);
    const png = await readFile(output).catch(() => {
      throw new MediaError('PORM_MEDIA_CORRUPT', 'HEIC decoder produced no image');
    });
    const header = readPngHeader(png);
    if (!header) throw new MediaError('PORM_MEDIA_CORRUPT', 'HEIC decoder produced an unreadable image');
    if (header.width * header.height > maxPixels) throw new MediaError('PORM_MEDIA_TOO_MANY_PIXELS', `${header.width}×${header.height} is over the ${maxPixels}-pixel limit`);
    return png;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
