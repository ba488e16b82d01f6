import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The renderer is bundled into the device assembler: it must build for the browser with no Node
// built-ins and no Node globals, from every file it pulls in (not only the ones in this folder).

const here = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  it('bundles for the browser from index.ts with nothing from Node', async () => {
    const out = await build({ entryPoints: [join(here, 'index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(out.metafile.inputs);
    assert.ok(inputs.every((p) => !p.includes('node_modules')), inputs.join('\n'));
    const code = out.outputFiles[0]!.text;
    for (const word of ['process.', 'Buffer', 'require(', 'node:', 'globalThis.process']) assert.ok(!code.includes(word), word);
  });

  it('keeps Node imports out of every non-test file here', () => {
    for (const f of readdirSync(here)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      const src = readFileSync(join(here, f), 'utf8');
      assert.ok(!/from '(node:|fs|path|crypto|buffer)/.test(src) && !/\bprocess\.|\bBuffer\b/.test(src), f);
    }
  });
});
