// ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each ending with
// `progress=continue` (or `end`). Only how far the output has got matters to porm: out_time_us.
// Pure, apart from the callback.

/** How far one fitting has got, for a progress bar: reported about twice a second while ffmpeg encodes. */
export interface AvProgress {
  /** The encode under way: 1, then more when an output came out over budget. */
  readonly pass: number;
  /** Most passes that will be tried. */
  readonly maxPasses: number;
  /** Seconds of the output written so far. */
  readonly doneSec: number;
  /** Seconds this pass writes (the clip's duration, or less when it is trimmed). */
  readonly totalSec: number;
}

/** A line longer than this is not ffmpeg's progress: dropped rather than kept growing. */
const MAX_LINE = 4096;

/** Returns a stdout listener that calls `onTime` with the output time (seconds) of each progress block. */
export function progressListener(onTime: (sec: number) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('latin1');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > MAX_LINE) pending = '';
    for (const line of lines) {
      const match = /^out_time_us=(\d+)\s*$/.exec(line);
      if (match) onTime(Number(match[1]) / 1e6);
    }
  };
}
