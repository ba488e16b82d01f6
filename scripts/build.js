// npm run build (and npm's `prepare`, so `npm install` / `npm ci` run it): compiles the porm
// command into dist/ with esbuild, so that running porm costs no TypeScript compilation.
//
// Bundled rather than compiled file by file (tsc): Node loads one ES module file at a time, and
// kysely and zod alone are several hundred files that cost ~150 ms to load as such; bundled they
// cost ~20 ms. Subcommands are imported lazily (src/cli/main.ts), so esbuild's code splitting
// gives each its own chunk and `porm --help` loads almost nothing. esbuild only strips types:
// `npm test` type-checks. The output is flat (every file directly in dist/), so a URL relative
// to import.meta.url means the same thing from every chunk (see mmsc-thread.ts, rich/web/bundle.ts).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { DIST, ROOT, buildState, sourceFingerprint } from '../bin/build-state.js';

// --if-stale (npm start): nothing to do when dist/ was built from the sources now in src/.
if (process.argv.includes('--if-stale') && buildState() === 'current') process.exit(0);
// --outdir DIR (tests): build elsewhere, leaving dist/ alone for the processes running from it.
// DIR must be inside the repository, where the external packages resolve from node_modules.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 && process.argv[outdirFlag + 1] ? resolve(process.argv[outdirFlag + 1]) : DIST;
// --entry NAME=FILE (benchmarks, with --outdir): one more program built beside porm, so that it
// runs compiled as porm does, with the MMSC worker it may start next to it.
const extraEntries = Object.fromEntries(process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--entry' ? [arg.split('=', 2)] : [])));
if (Object.keys(extraEntries).length > 0 && outdir === DIST) throw new Error('--entry builds elsewhere than dist/: give --outdir');

// Packages bundled into dist/: pure ES modules with no files of their own to find at run time,
// on the path of commands that should start fast. Every other package is imported from
// node_modules as usual (native addons, worker threads, CommonJS, packages serving their own files).
const BUNDLED = new Set(['kysely', 'zod']);

// zod's entry re-exports every one of its ~60 message locales as z.locales; porm uses none (its
// messages are zod's default English, which zod registers without them). Bundling them costs
// ~40 ms of every start, so z.locales holds English only.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(on) {
    on.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'locales', namespace: 'zod-english-only', pluginData: args.resolveDir } : undefined));
    on.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({ contents: "export { default as en } from '../locales/en.js';", resolveDir: args.pluginData }));
  },
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Taken before compiling: a source edited during the build marks the result stale.
const source = sourceFingerprint();
const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: {
    porm: 'src/cli/main.ts',
    // The built-in MMSC's thread entry: new URL('./mmsc-worker.js', import.meta.url) in src/ finds
    // the tsx registrar beside mmsc-thread.ts, and in dist/ finds this.
    'mmsc-worker': 'src/carriers/sandbox/mmsc-worker-main.ts',
    ...extraEntries,
  },
  outdir,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [zodEnglishOnly],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'build-info.json'), `${JSON.stringify({ source }, null, 2)}\n`);
console.error(`porm: built ${outdir === DIST ? 'dist/' : outdir} in ${Math.round(performance.now() - started)} ms`);
