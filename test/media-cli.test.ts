import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { animatedGif, cameraJpeg } from '../src/media/image/test-fixtures.ts';
import { ffmpegSkip, lavfi, makeMedia, title } from '../src/media/av/test-media.ts';
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

test('porm media fit reports the real budget whatever the input size, and names what the encoding number means', async () => {
  const dir = tempDir();
  try {
    const fit = (file: string, ...args: string[]) => spawnSync(process.execPath, ['bin/porm.js', '--data', dir, 'media', 'fit', file, ...args], { encoding: 'utf8' });
    const small = join(dir, 'small.jpg');
    const large = join(dir, 'large.jpg');
    const gif = join(dir, 'anim.gif');
    writeFileSync(small, await cameraJpeg(400, 300));
    writeFileSync(large, await cameraJpeg(3000, 2000));
    writeFileSync(gif, await animatedGif(120, 90, 6));
    type Report = { input: { bytes: number }; output: { budget_bytes: number }; quality?: number; colours?: number; frames?: number };
    const report = (file: string): Report => {
      const run = fit(file, '--json');
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '', 'nothing but the report under --json');
      return JSON.parse(run.stdout) as Report;
    };
    const [s, l, g] = [report(small), report(large), report(gif)];
    assert.ok(s.input.bytes < s.output.budget_bytes, 'the budget is not the input size');
    assert.equal(s.output.budget_bytes, l.output.budget_bytes);
    assert.equal(g.output.budget_bytes, l.output.budget_bytes);
    assert.ok(typeof s.quality === 'number' && s.quality <= 100 && s.colours === undefined);
    assert.ok(g.quality === undefined && typeof g.colours === 'number' && g.colours <= 256, JSON.stringify(g));
    assert.equal(g.frames, 6);

    const text = fit(gif);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\(budget \d+ for us-600k\)/);
    assert.match(text.stdout, /\n {2}colours: \d+ \(palette\)\n/);
    assert.match(text.stdout, /\n {2}frames: 6\n/);
    assert.doesNotMatch(text.stdout, /quality/);
  } finally {
    cleanup(dir);
  }
});

describe(title('porm media fit on a video'), { skip: ffmpegSkip }, () => {
  test('shows its progress on stderr (a line per pass when not at a terminal), and nothing under --json', () => {
    const dir = tempDir();
    try {
      const clip = join(dir, 'clip.mp4');
      writeFileSync(clip, makeMedia(dir, 'source.mp4', [...lavfi.video('320x240', 15, 4), ...lavfi.tone(4), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']));
      const text = spawnSync(process.execPath, ['bin/porm.js', '--data', dir, 'media', 'fit', clip], { encoding: 'utf8' });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stderr, /^porm: fitting clip\.mp4: pass 1, [\d.]+ of [\d.]+ s encoded \(\d+%\)/m);
      const json = spawnSync(process.execPath, ['bin/porm.js', '--data', dir, 'media', 'fit', clip, '--json'], { encoding: 'utf8' });
      assert.equal(json.status, 0, json.stderr);
      assert.equal(json.stderr, '');
      const report = JSON.parse(json.stdout) as { output: { bytes: number; budget_bytes: number }; input: { bytes: number } };
      assert.ok(report.output.bytes <= report.output.budget_bytes);
      assert.notEqual(report.output.budget_bytes, report.input.bytes, 'the budget, not the input size');
    } finally {
      cleanup(dir);
    }
  });
});
