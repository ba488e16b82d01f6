// Ticket codes: SVG safe to serve from porm's origin, PNGs that decode back to the value (zbarimg,
// an independent decoder, when installed), and typed errors for values a symbology cannot hold.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { PormError } from '../../errors.ts';
import { barcodePng, barcodeSvg, type BarcodeFormat } from './barcode.ts';

const FORMATS: readonly BarcodeFormat[] = ['qr', 'aztec', 'pdf417', 'code128'];
const HOSTILE = ['<script>alert(1)</script>', '" onload="alert(1)', '<a href="https://evil.example">x</a>', ']]><foreignObject/>', '&lt;img src=x onerror=alert(1)&gt;'];

const dir = mkdtempSync(join(tmpdir(), 'porm-barcode-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const zbarSkip: false | string = spawnSync('zbarimg', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'skipped: zbarimg (Debian zbar-tools) not installed';

/** zbarimg's decoding of a PNG: the symbol text, or why it could not be read. */
function zbar(png: Buffer, symbology: string): { ok: true; text: string } | { ok: false; why: string } {
  const file = join(dir, `${symbology}-${Math.random().toString(36).slice(2)}.png`);
  writeFileSync(file, png);
  const r = spawnSync('zbarimg', ['--nodbus', '--raw', '-q', '-Sdisable', `-S${symbology}.enable`, file], { encoding: 'utf8' });
  if (r.status === 0) return { ok: true, text: r.stdout.replace(/\n$/, '') };
  return { ok: false, why: `${r.status}: ${r.stderr.trim()}` };
}

/** Debian's zbar is built without the (experimental) PDF417 decoder; it then refuses the setting. */
async function zbarPdf417Skip(): Promise<false | string> {
  if (zbarSkip) return zbarSkip;
  const probe = zbar(await barcodePng('pdf417', 'probe'), 'pdf417');
  return !probe.ok && /invalid configuration/i.test(probe.why) ? 'skipped: this zbarimg has no PDF417 decoder' : false;
}

const invalid = (err: unknown): boolean => err instanceof PormError && err.code === 'PORM_RICH_DATA_INVALID';

function assertInertSvg(svg: string, value: string): void {
  assert.match(svg, /^<svg viewBox="[\d. ]+" xmlns="http:\/\/www\.w3\.org\/2000\/svg">/);
  assert.doesNotMatch(svg, /<script/i);
  assert.doesNotMatch(svg, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(svg, /href\s*=/i);
  assert.doesNotMatch(svg, /<(text|foreignObject|image|use|style)\b/i);
  assert.ok(!svg.includes(value), 'the value must not reach the markup');
}

describe('barcodeSvg', () => {
  it('draws every format as an inert SVG with no text, for hostile values too', () => {
    for (const format of FORMATS) {
      for (const value of ['TKT-7F3K-99QX', ...HOSTILE]) assertInertSvg(barcodeSvg(format, value), value);
    }
  });

  it('draws a white background so the code scans in dark mode', () => {
    assert.match(barcodeSvg('qr', 'x'), /<rect width="100%" height="100%" fill="#FFFFFF"/);
  });

  it('refuses values the symbology cannot hold with PORM_RICH_DATA_INVALID', () => {
    const cases: [BarcodeFormat, string][] = [
      ['qr', 'a'.repeat(2332)], ['qr', 'x'.repeat(10_000)],
      ['aztec', 'a'.repeat(3067)], ['pdf417', 'a'.repeat(1852)],
      ['code128', 'a'.repeat(501)], ['code128', 'café'], ['code128', 'line\nbreak'], ['code128', '票'],
      ...FORMATS.map((f): [BarcodeFormat, string] => [f, '']),
      ...FORMATS.map((f): [BarcodeFormat, string] => [f, 'lone \uD83D surrogate']),
    ];
    for (const [format, value] of cases) assert.throws(() => barcodeSvg(format, value), invalid, `${format} ${value.slice(0, 20)}`);
  });

  it('takes values at the edge of each symbology', () => {
    for (const [format, value] of [['qr', 'a'.repeat(2331)], ['qr', '7'.repeat(5596)], ['aztec', 'a'.repeat(3066)], ['pdf417', 'a'.repeat(1851)], ['code128', '~'.repeat(200)]] as const) {
      assert.ok(barcodeSvg(format, value).length > 100, format);
    }
  });

  it('keeps bwip-js escape syntax literal (parse and parsefnc off)', () => {
    // With parse on, ^065 would become "A" and both values would draw the same symbol.
    assert.notEqual(barcodeSvg('code128', '^065'), barcodeSvg('code128', 'A'));
  });
});

describe('barcodePng', () => {
  it('renders an opaque PNG for every format, sized by scale', async () => {
    for (const format of FORMATS) {
      const small = await sharp(await barcodePng(format, 'TKT-7F3K-99QX', { scale: 2 })).metadata();
      const big = await sharp(await barcodePng(format, 'TKT-7F3K-99QX', { scale: 4 })).metadata();
      assert.equal(small.format, 'png');
      assert.ok(small.width > 20 && small.height > 20, format);
      assert.equal(big.width, small.width * 2, format);
    }
    const { data, info } = await sharp(await barcodePng('aztec', 'x')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([...data.subarray(0, info.channels)], [255, 255, 255, 255], 'the corner is opaque white');
  });

  it('rejects values the symbology cannot hold with PORM_RICH_DATA_INVALID', async () => {
    await assert.rejects(barcodePng('code128', 'café'), invalid);
    await assert.rejects(barcodePng('qr', 'a'.repeat(2332)), invalid);
  });

  const values = ['TKT-7F3K-99QX-ARCTIC', 'https://porm.example/t/Ab3dEf9hJk?seat=C12', '<script>alert(1)</script>'];

  it('decodes back to the value with zbarimg: QR (UTF-8 too)', { skip: zbarSkip }, async () => {
    for (const value of [...values, 'Grüße 🎉 中文']) {
      const decoded = zbar(await barcodePng('qr', value), 'qrcode');
      assert.deepEqual(decoded, { ok: true, text: value });
    }
  });

  it('decodes back to the value with zbarimg: code 128', { skip: zbarSkip }, async () => {
    for (const value of [...values, 'ABC-123 ^065 ~!']) {
      const decoded = zbar(await barcodePng('code128', value), 'code128');
      assert.deepEqual(decoded, { ok: true, text: value });
    }
  });

  it('decodes back to the value with zbarimg: PDF417', async (t) => {
    const skip = await zbarPdf417Skip();
    if (skip) {
      t.skip(skip);
      return;
    }
    for (const value of values) assert.deepEqual(zbar(await barcodePng('pdf417', value), 'pdf417'), { ok: true, text: value });
  });
});
