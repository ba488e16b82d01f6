#!/usr/bin/env node
// The porm command. It runs the compiled build in dist/ (scripts/build.js, run by `npm install`
// through the `prepare` script, and by `npm test`), which starts without compiling TypeScript.
// When src/ has changed since that build, or it was never built, it runs the sources through
// tsx instead: slower to start, but always the code in front of you.
import { buildState } from './build-state.js';

const state = buildState();
if (state === 'current') {
  const { runCli } = await import('../dist/porm.js');
  await runCli(process.argv);
} else {
  // Only people at a terminal are told; scripts and tests reading stderr see porm's own output.
  if (process.stderr.isTTY) process.stderr.write(`porm: dist/ is ${state === 'missing' ? 'not built' : 'older than src/'}; running the TypeScript sources (slower start). \`npm run build\` compiles them.\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import('../src/cli/main.ts');
  await runCli(process.argv);
}
