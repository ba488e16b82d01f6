// Progress of a contacts import on stderr (stdout stays the result), like progress.ts: at a
// terminal one line redrawn in place with a bar (bytes read of the file's size), otherwise a line
// at most every `periodMs`. Not created under --json.

export interface CountSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;

export class ImportProgressBar {
  private lastLineAt = -Infinity;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly sink: CountSink,
    private readonly totalBytes: number,
    private readonly now: () => number = () => performance.now(),
    private readonly periodMs = 5000,
  ) {
    this.started = now();
  }

  update(rows: number, bytes: number): void {
    const seconds = (this.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const fraction = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 0;
    const text = `${rows.toLocaleString('en-US')} rows (${Math.floor(fraction * 100)}%), ${rate.toLocaleString('en-US')} rows/s`;
    if (this.sink.isTTY) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const line = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] importing: ${text}`;
      this.sink.write(`\r\x1b[2K${line.slice(0, Math.max(20, (this.sink.columns ?? 80) - 1))}`);
      this.drawn = true;
      return;
    }
    const at = this.now();
    if (at - this.lastLineAt >= this.periodMs) {
      this.lastLineAt = at;
      this.sink.write(`porm: importing: ${text}\n`);
    }
  }

  done(): void {
    if (this.sink.isTTY && this.drawn) this.sink.write('\r\x1b[2K');
    this.drawn = false;
  }
}
