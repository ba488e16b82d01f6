import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaStore } from './media-store.ts';
import { MediaError } from './errors.ts';

/**
 * Media on the local disk under DIR/ab/cdef…: written to a temporary file, fsynced, then
 * renamed into place, so a crash never leaves a half-written object under its final name.
 */
export class DiskMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    // The key becomes a path: anything but 64 lowercase hex digits (`../x`, `/etc`, `AB…`) is refused.
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new MediaError('PORM_MEDIA_INVALID_KEY');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    // The rename is durable only once its directory is: without this, power loss after put
    // resolves can leave the object's name missing although the caller was told it was stored.
    const dir = await open(join(this.root, sha256.slice(0, 2)), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const path = this.pathOf(sha256);
    try {
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    try {
      await stat(path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
