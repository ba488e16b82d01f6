import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AvError } from './av-error.ts';
import type { FfmpegInfo } from './detect-ffmpeg.ts';
import { probeFile } from './probe.ts';
import type { MediaProbe } from './probe-parse.ts';
import { runFfmpeg, type EncodeLimits } from './run-ffmpeg.ts';
import type { AvProgress } from './ffmpeg-progress.ts';

export interface PassPlan {
  readonly durationSec: number;
}

export interface FitContext {
  readonly ffmpeg: FfmpegInfo;
  readonly dir: string;
  readonly inputPath: string;
  readonly maxBytes: number;
  readonly extension: string;
  readonly limits: EncodeLimits;
  readonly maxPasses: number;
  readonly onProgress?: (progress: AvProgress) => void;
}

export interface FitLoopResult<P> {
  readonly data: Buffer;
  readonly plan: P;
  readonly output: MediaProbe;
  readonly passes: number;
}

/**
 * Encodes with `plan`; while the output is over budget, asks `replan` (given the bytes the whole
 * duration would take) for a cheaper plan and encodes again. Returns only output ≤ maxBytes.
 */
export async function encodeWithinBudget<P extends PassPlan>(
  ctx: FitContext, first: P, outputArgs: (plan: P) => string[], replan: (plan: P, fullBytes: number, pass: number) => P,
): Promise<FitLoopResult<P>> {
  // Room for a first pass to overshoot and still tell by how much, without writing without end.
  const sizeCap = ctx.maxBytes * 2 + 65_536;
  let plan = first;
  let lastBytes = 0;
  for (let pass = 1; pass <= ctx.maxPasses; pass++) {
    const out = join(ctx.dir, `out-${pass}.${ctx.extension}`);
    const { onProgress } = ctx;
    const totalSec = plan.durationSec;
    const onTime = onProgress ? (doneSec: number): void => onProgress({ pass, maxPasses: ctx.maxPasses, doneSec: Math.min(doneSec, totalSec), totalSec }) : undefined;
    await runFfmpeg(ctx.ffmpeg, ctx.inputPath, [...outputArgs(plan), '-fs', String(sizeCap)], out, ctx.limits, onTime);
    const bytes = await stat(out).then((s) => s.size, () => 0);
    if (bytes === 0) throw new AvError('PORM_MEDIA_FFMPEG_FAILED', 'ffmpeg wrote no output');
    const output = await probeFile(ctx.ffmpeg, out, ctx.limits.timeoutMs);
    const cut = bytes >= sizeCap * 0.98;
    if (!cut && pass === 1 && output.durationSec < plan.durationSec * 0.8 && plan.durationSec - output.durationSec > 1) {
      throw new AvError('PORM_MEDIA_AV_TRUNCATED', `the file announces ${plan.durationSec.toFixed(1)} s but its data ends at ${output.durationSec.toFixed(1)} s`);
    }
    if (bytes <= ctx.maxBytes) return { data: await readFile(out), plan, output, passes: pass };
    lastBytes = bytes;
    // When -fs cut the output short, extrapolate what the whole duration would have taken.
    const fullBytes = cut && output.durationSec > 0 ? (bytes * plan.durationSec) / output.durationSec : bytes;
    await rm(out, { force: true });
    if (pass < ctx.maxPasses) plan = replan(plan, fullBytes, pass);
  }
  throw new AvError('PORM_MEDIA_AV_BUDGET_UNREACHABLE', `after ${ctx.maxPasses} passes the output still has ${lastBytes} bytes, over the budget of ${ctx.maxBytes}`);
}
