// Progress of long CLI work (a video conversion takes seconds) on stderr, so stdout stays the
// result. At a terminal: one line redrawn in place, a bar when the fraction done is known and a
// spinner until then. Otherwise (a log, CI): a line when a pass starts and then at most one every
// `periodMs`. Commands do not create one under --json.

/** Where progress is written: process.stderr, or a test's recorder. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressStep {
  /** 1, 2, …: a conversion may encode more than once to reach its budget. */
  readonly pass: number;
  readonly doneSec: number;
  readonly totalSec: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 24;

export class Progress {
  private step: ProgressStep | undefined;
  private frame = 0;
  private lastLineAt = -Infinity;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
    private readonly periodMs = 5000,
  ) {
    this.started = now();
  }

  /** A progress report from the work; a new pass starts a new line in a log. */
  update(step: ProgressStep): void {
    const newPass = this.step?.pass !== step.pass;
    this.step = step;
    if (this.sink.isTTY) return this.draw();
    const at = this.now();
    if (newPass || at - this.lastLineAt >= this.periodMs) {
      this.lastLineAt = at;
      this.sink.write(`porm: ${this.label}: ${this.describe()}\n`);
    }
  }

  /** Redraws the terminal line (the spinner turns); called on a timer. Nothing in a log. */
  tick(): void {
    if (!this.sink.isTTY) return;
    this.frame = (this.frame + 1) % SPINNER.length;
    this.draw();
  }

  /** Clears the terminal line, so that the result is printed on a clean one. */
  done(): void {
    if (this.sink.isTTY && this.drawn) this.sink.write('\r\x1b[2K');
    this.drawn = false;
  }

  private describe(): string {
    const s = this.step;
    const elapsed = `${((this.now() - this.started) / 1000).toFixed(1)} s`;
    if (!s) return `working… ${elapsed}`;
    const percent = s.totalSec > 0 ? Math.min(100, Math.floor((s.doneSec / s.totalSec) * 100)) : 0;
    return `pass ${s.pass}, ${s.doneSec.toFixed(1)} of ${s.totalSec.toFixed(1)} s encoded (${percent}%), ${elapsed}`;
  }

  private draw(): void {
    const s = this.step;
    let bar = SPINNER[this.frame]!;
    if (s && s.totalSec > 0) {
      const filled = Math.round(Math.min(1, s.doneSec / s.totalSec) * BAR_WIDTH);
      bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
    }
    const line = `${bar} ${this.label}: ${this.describe()}`;
    this.sink.write(`\r\x1b[2K${line.slice(0, Math.max(20, (this.sink.columns ?? 80) - 1))}`);
    this.drawn = true;
  }
}

/**
 * Runs `work` with a progress display on process.stderr, unless `quiet` (--json). At a terminal
 * the spinner turns every 100 ms; the timer never keeps the process alive.
 */
export async function withProgress<T>(label: string, quiet: boolean, work: (progress: Progress | undefined) => Promise<T>): Promise<T> {
  if (quiet) return work(undefined);
  const progress = new Progress(process.stderr, label);
  const timer = process.stderr.isTTY ? setInterval(() => progress.tick(), 100) : undefined;
  timer?.unref();
  try {
    return await work(progress);
  } finally {
    if (timer) clearInterval(timer);
    progress.done();
  }
}
