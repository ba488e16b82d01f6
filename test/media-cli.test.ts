import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { cameraJpeg } from '../src/media/image/test-fixtures.ts';
import { cleanup, tempDir } from './helpers/harness.ts';

test('porm media fit fits a camera photo to a profile and reports what it did', async () => {
  const dir = tempDir();
  try {
    const input = join(dir, 'IMG.jpg');
    const output = join(dir, 'out.jpg');
    writeFileSync(input, await cameraJpeg(3000, 2000, { orientation: 6 }));
    const run = spawnSync(process.execPath, ['bin/porm.js', '--data', dir, 'media', 'fit', input, '--profile', 'mms-conformance-rich', '-o', output, '--json'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { output: { bytes: number; width: number; height: number; budget_bytes: number; type: string } };
    assert.equal(report.output.type, 'image/jpeg');
    assert.ok(report.output.bytes <= report.output.budget_bytes && report.output.budget_bytes < 100_000);
    const meta = await sharp(readFileSync(output)).metadata();
    assert.deepEqual([meta.width, meta.height], [report.output.width, report.output.height]);
    assert.ok(meta.width! <= 640 && meta.height! <= 480, `${meta.width}×${meta.height} fits 640×480`);
    const svg = join(dir, 'x.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const refused = spawnSync(process.execPath, ['bin/porm.js', '--data', dir, 'media', 'fit', svg], { encoding: 'utf8' });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /PORM_MEDIA_SVG_REFUSED/);
  } finally {
    cleanup(dir);
  }
});
