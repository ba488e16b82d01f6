import { readFileSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One `porm start` per data directory: two embedded servers on one SQLite file would both run
 * workers and both own the sandbox. The lock is a pid file; a file left by a dead process
 * (kill -9, power loss) is taken over, which is also how a restart knows it follows a crash.
 */
export class DataDirLock {
  private constructor(private readonly path: string, readonly recoveredFromPid: number | null) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'porm.pid');
    let previous: number | null = null;
    try {
      previous = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      previous = null;
    }
    if (previous !== null && Number.isInteger(previous) && previous !== process.pid && isAlive(previous)) {
      throw new Error(`another porm (pid ${previous}) is running on ${dataDir}; stop it or use another --data directory`);
    }
    writeFileSync(path, String(process.pid));
    return new DataDirLock(path, previous);
  }

  release(): void {
    try {
      if (readFileSync(this.path, 'utf8') === String(process.pid)) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
