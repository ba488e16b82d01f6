import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AvError } from './av-error.ts';
import { planAudio } from './audio-plan.ts';
import type { FfmpegInfo } from './detect-ffmpeg.ts';
import type { FitResult } from './fit-types.ts';
import { checkInputBytes, checkProbeLimits, type InputLimits } from './input-guard.ts';
import { withPrivateDir } from './private-dir.ts';
import { probeFile } from './probe.ts';
import { runProcess } from './run-process.ts';
import { runFfmpeg, type EncodeLimits } from './run-ffmpeg.ts';

// Debian's ffmpeg is built without an AMR-NB encoder, but its SoX links opencore-amrnb. So for
// AMR porm decodes with ffmpeg to 8 kHz mono PCM and encodes with `sox -C <mode>`.

/** SoX's -C for AMR-NB is the mode index: 0 = 4.75 kbps … 7 = 12.2 kbps. */
const SOX_MODE: Readonly<Record<number, number>> = { 4.75: 0, 5.15: 1, 5.9: 2, 6.7: 3, 7.4: 4, 7.95: 5, 10.2: 6, 12.2: 7 };

let soxAmr: Promise<boolean> | undefined;

/** Whether `sox` is installed with its AMR-NB format (checked once per process). */
export function soxCanEncodeAmr(): Promise<boolean> {
  soxAmr ??= runProcess('sox', ['--help-format', 'amr-nb'], { timeoutMs: 5000, maxStdoutBytes: 64 * 1024 })
    // sox exits 1 after printing format help, so the printed description is what counts.
    .then((r) => /Format: amr-nb[\s\S]*AMR-NB/i.test(r.stdout.toString()), () => false);
  return soxAmr;
}

export async function fitAmrWithSox(input: Buffer, maxBytes: number, ffmpeg: FfmpegInfo, limits: InputLimits, encode: EncodeLimits, tmpDir: string | undefined): Promise<FitResult> {
  checkInputBytes(input.length, limits);
  return withPrivateDir(tmpDir, async (dir) => {
    const inputPath = join(dir, 'input');
    await writeFile(inputPath, input, { mode: 0o600 });
    const probe = await probeFile(ffmpeg, inputPath, encode.timeoutMs);
    const audio = probe.audio;
    if (!audio) throw new AvError('PORM_MEDIA_AV_WRONG_KIND', 'the file has no audio stream');
    checkProbeLimits({ ...probe, video: undefined }, limits);
    // AMR frame sizes are exact, so the plan's size is the file's size: one pass suffices.
    const plan = planAudio('amr', probe.durationSec, maxBytes);
    const wav = join(dir, 'speech.wav');
    // Decoded like every other ffmpeg run: input whitelists, CPU limit, bounded output (8 kHz mono 16-bit PCM).
    const wavBytes = Math.ceil(plan.durationSec * 16_000) + 4096;
    await runFfmpeg(ffmpeg, inputPath, ['-t', plan.durationSec.toFixed(3), '-map', `0:${audio.index}`, '-vn', '-ac', '1', '-ar', '8000',
      '-c:a', 'pcm_s16le', '-fs', String(wavBytes), '-f', 'wav'], wav, encode);
    const amr = join(dir, 'speech.amr');
    const encoded = await runProcess('sox', [wav, '-t', 'amr-nb', '-C', String(SOX_MODE[plan.settings.kbps] ?? 7), amr], { timeoutMs: encode.timeoutMs, maxStdoutBytes: 64 * 1024 });
    if (encoded.exitCode !== 0) throw new AvError(encoded.timedOut ? 'PORM_MEDIA_FFMPEG_TIMEOUT' : 'PORM_MEDIA_FFMPEG_FAILED', `sox could not encode AMR-NB: ${encoded.stderrTail.slice(-300)}`);
    const data = await readFile(amr);
    if (data.length > maxBytes) throw new AvError('PORM_MEDIA_AV_BUDGET_UNREACHABLE', `AMR-NB came out at ${data.length} bytes, over ${maxBytes}`);
    return {
      data, mime: 'audio/amr', bytes: data.length, durationSec: plan.durationSec, passes: 1,
      warnings: plan.trimmed ? [{ kind: 'trimmed', message: `trimmed from ${probe.durationSec.toFixed(1)} s to ${plan.durationSec.toFixed(1)} s: the whole recording does not fit ${maxBytes} bytes` }] : [],
    };
  });
}
