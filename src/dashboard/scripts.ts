import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The dashboard's scripts: each is web/dashboard/<name>.ts (DOM TypeScript, type-checked by
// web/tsconfig.json), bundled with what it imports into one minified ES module, served at
// /dashboard/assets/<name>.js. Built in memory at first request, like the device assembler
// (src/rich/web/bundle.ts), so the browser runs exactly the code of this server. Pages work
// without them; a script only makes a page move by itself (live states, charts, previews).

/** The scripts a page may load; a name not listed here is 404, never a path on disk. */
export const DASHBOARD_SCRIPTS: readonly string[] = [
  'live-status',
  'compose-attach',
  'import-progress', 'segment-builder',
  'campaign-live',
  'campaign-chart',
  'overview-charts',
  'template-editor',
];

export interface DashboardScript {
  readonly js: string;
  readonly gzipBytes: number;
  readonly etag: string;
}

/** <repo>/web/dashboard/, from src/dashboard/ or from the flat dist/ (see scripts/build.js). */
const WEB_DASHBOARD = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../web/dashboard/' : '../web/dashboard/', import.meta.url));

async function buildScript(name: string): Promise<DashboardScript> {
  const result = await build({
    entryPoints: [`${WEB_DASHBOARD}${name}.ts`],
    bundle: true, minify: true, format: 'esm', target: 'es2020', platform: 'browser',
    write: false, legalComments: 'none', logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error(`esbuild produced no output for dashboard script ${name}`);
  const raw = Buffer.from(file.text, 'utf8');
  return { js: file.text, gzipBytes: gzipSync(raw, { level: 9 }).length, etag: `"${createHash('sha256').update(raw).digest('hex').slice(0, 16)}"` };
}

const built = new Map<string, Promise<DashboardScript>>();

/** A listed script, built once per process (a failed build is retried next time); null for any other name. */
export function dashboardScript(name: string): Promise<DashboardScript> | null {
  if (!DASHBOARD_SCRIPTS.includes(name)) return null;
  let script = built.get(name);
  if (script === undefined) {
    script = buildScript(name);
    built.set(name, script);
    script.catch(() => built.delete(name));
  }
  return script;
}
