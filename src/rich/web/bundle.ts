import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// Builds the device assembler (web/porm-message.ts plus the renderer it imports) into one ES
// module for /m/assets/porm-message.js. Built in memory at first request rather than shipped
// prebuilt, so the browser always runs exactly the renderer this server renders with.

export interface AssemblerBundle {
  readonly js: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Hex SHA-256 of the JS, for ETags and subresource integrity. */
  readonly sha256: string;
}

/**
 * <repo>/web/porm-message.ts, from this file as <repo>/src/rich/web/bundle.ts or from the compiled
 * build, where it is a file directly in <repo>/dist/ (scripts/build.js). Either way esbuild bundles
 * the TypeScript sources, so a compiled porm needs web/ and src/ beside dist/.
 */
export const ASSEMBLER_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../../web/porm-message.ts' : '../web/porm-message.ts', import.meta.url));

let built: Promise<AssemblerBundle> | null = null;

async function buildOnce(): Promise<AssemblerBundle> {
  const result = await build({
    entryPoints: [ASSEMBLER_ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no output for the device assembler');
  const js = file.text;
  const raw = Buffer.from(js, 'utf8');
  return { js, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length, sha256: createHash('sha256').update(raw).digest('hex') };
}

/** The bundle, built once per process; a failed build is retried on the next call. */
export function buildAssembler(): Promise<AssemblerBundle> {
  if (built === null) {
    built = buildOnce();
    built.catch(() => {
      built = null;
    });
  }
  return built;
}
