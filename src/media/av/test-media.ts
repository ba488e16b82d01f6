// Test helpers: real media made by ffmpeg's lavfi sources, and an independent ffprobe reading of
// outputs (tests check porm's results with ffprobe itself, not with porm's own probe code).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function has(program: string): boolean {
  return spawnSync(program, ['-hide_banner', '-version'], { stdio: 'ignore' }).status === 0;
}

/** false when ffmpeg and ffprobe are installed, else why the tests are skipped. */
export const ffmpegSkip: false | string = has('ffmpeg') && has('ffprobe') ? false : 'ffmpeg/ffprobe not installed (apt-get install ffmpeg)';
if (ffmpegSkip) console.log(`# src/media/av tests skipped: ${ffmpegSkip}`);

export function title(text: string): string {
  return ffmpegSkip ? `${text} (skipped: ${ffmpegSkip})` : text;
}

export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'porm-av-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs ffmpeg with lavfi inputs (and any other args) and returns the file it wrote. */
export function makeMedia(dir: string, name: string, args: readonly string[]): Buffer {
  const path = join(dir, name);
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args, path], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readFileSync(path);
}

export const lavfi = {
  video: (size: string, fps: number, seconds: number): string[] => ['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=${fps}:d=${seconds}`],
  tone: (seconds: number, sampleRate = 44100): string[] => ['-f', 'lavfi', '-i', `sine=f=440:beep_factor=4:d=${seconds}:sample_rate=${sampleRate}`],
};

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
}

export interface Probed {
  format: { format_name: string; duration: string; tags?: { major_brand?: string } };
  streams: ProbedStream[];
}

/** ffprobe's reading of bytes, for assertions. */
export function ffprobe(dir: string, data: Buffer): Probed {
  const path = join(dir, `probe-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, data);
  const json = execFileSync('ffprobe', ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', path], { encoding: 'utf8' });
  rmSync(path);
  return JSON.parse(json) as Probed;
}

export function streamOf(probed: Probed, type: 'video' | 'audio'): ProbedStream | undefined {
  return probed.streams.find((s) => s.codec_type === type);
}

/** Code of the error a promise rejects with, or 'no error'. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : `not coded: ${String(err)}`;
  }
  return 'no error';
}
