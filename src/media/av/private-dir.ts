import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a fresh directory that only this process's user can enter (mkdtemp makes it
 * 0700), and removes it with everything in it afterwards, also when `work` throws. ffmpeg reads
 * its input and writes its output only there, so a hostile file that refers to sibling files
 * finds nothing, and nothing is left behind.
 */
export async function withPrivateDir<T>(parent: string | undefined, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(parent ?? tmpdir(), 'porm-av-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
