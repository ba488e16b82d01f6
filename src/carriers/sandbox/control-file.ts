import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How to reach a running sandbox MMSC's control endpoint: its loopback URL and a secret made up
 * at each start. The MMSC writes it into the data directory (mode 0600) so that a `porm sandbox`
 * CLI command, another process with the same data directory, can play the handset. Whoever can
 * read the data directory can already open porm.db, so the file grants nothing new; the secret
 * keeps other local users and web pages (a browser can reach loopback) from driving the MMSC.
 */
export interface MmscControl {
  url: string;
  secret: string;
  pid: number;
}

export function controlFilePath(dataDir: string, carrier: string): string {
  return join(dataDir, `sandbox-mmsc-${carrier}.control.json`);
}

/** Written whole or not at all (temporary file, then rename), readable by the owner only. */
export function writeControlFile(path: string, control: MmscControl): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(control)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** The control of the MMSC that last started on this data directory; undefined when none wrote one. */
export function readControlFile(path: string): MmscControl | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, secret, pid } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d{1,5}$/.test(url)) return undefined;
  if (typeof secret !== 'string' || secret.length < 16 || typeof pid !== 'number') return undefined;
  return { url, secret, pid };
}

/** Removes the file if it is still this MMSC's (a later start may have replaced it). */
export function removeControlFile(path: string, secret: string): void {
  if (readControlFile(path)?.secret === secret) rmSync(path, { force: true });
}
