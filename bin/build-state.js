// Whether dist/ (the compiled CLI, built by scripts/build.js) was built from the sources now in
// src/. Shared by bin/porm.js, which must decide in a few milliseconds whether it may run dist/,
// and by the build, which records what it compiled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/**
 * A fingerprint of src/: how many files it holds and the newest modification time of any of them
 * or of any folder. Editing, adding, removing or renaming a file changes it (a folder's time moves
 * when its entries change). Unit tests (*.test.ts) are not compiled, so they do not count.
 */
export function sourceFingerprint(root = ROOT) {
  let newestMs = 0;
  let files = 0;
  // Plain string paths: this runs on every start, and path.join costs more than the stat calls.
  const walk = (dir) => {
    newestMs = Math.max(newestMs, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.test.ts')) {
        files += 1;
        newestMs = Math.max(newestMs, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(root, 'src'));
  return { newestMs, files };
}

/** 'current', 'missing' (never built) or 'stale' (src/ changed since). Without src/ (a packed install), dist/ is all there is. */
export function buildState(root = ROOT) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(root, 'dist', 'build-info.json'), 'utf8')).source;
  } catch {
    return 'missing';
  }
  let now;
  try {
    now = sourceFingerprint(root);
  } catch {
    return 'current';
  }
  return now.files === recorded?.files && now.newestMs === recorded?.newestMs ? 'current' : 'stale';
}
