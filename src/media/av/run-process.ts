import { spawn } from 'node:child_process';

export interface RunLimits {
  /** Wall-clock limit; the process is killed (SIGKILL) when it is reached. */
  readonly timeoutMs: number;
  /** stdout beyond this is not kept and the process is killed: a hostile file must not fill memory. */
  readonly maxStdoutBytes: number;
  /** Only the last this-many bytes of stderr are kept, for error messages. */
  readonly maxStderrBytes?: number;
  /** When given, stdout goes here as it arrives and is neither kept nor counted (ffmpeg's -progress). */
  readonly onStdout?: (chunk: Buffer) => void;
}

export interface RunResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  /** The end of stderr (ffmpeg puts the cause of a failure last). */
  readonly stderrTail: string;
  readonly timedOut: boolean;
  readonly stdoutOverflow: boolean;
}

/**
 * Runs a program with arguments as an argv array: never through a shell, so no byte of a file
 * name or option is ever interpreted. Rejects only when the program cannot be started (ENOENT,
 * EACCES); every way it can end after starting is reported in the result.
 */
export function runProcess(command: string, args: readonly string[], limits: RunLimits): Promise<RunResult> {
  const maxStderr = limits.maxStderrBytes ?? 16_384;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = Buffer.alloc(0);
    let timedOut = false;
    let stdoutOverflow = false;
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (limits.onStdout) return limits.onStdout(chunk);
      if (stdoutOverflow) return;
      outBytes += chunk.length;
      if (outBytes > limits.maxStdoutBytes) {
        stdoutOverflow = true;
        kill();
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > maxStderr) stderr = stderr.subarray(stderr.length - maxStderr);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout: Buffer.concat(out), stderrTail: stderr.toString('utf8').trim(), timedOut, stdoutOverflow });
    });
  });
}

/** The last line of ffmpeg's stderr, where it names the cause; cut to a loggable length. */
export function lastLine(text: string): string {
  return text.split('\n').at(-1)?.slice(0, 300) ?? '';
}
