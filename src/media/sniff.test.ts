import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import fc from 'fast-check';
import { sniff } from './sniff.ts';
import { isMediaError } from './errors.ts';
import { alphaPng, animatedGif, bmp, cameraJpeg, heicLike, zip } from './image/test-fixtures.ts';

const ftyp = (brand: string): Buffer => {
  const box = Buffer.alloc(32);
  box.writeUInt32BE(32, 0);
  box.write(`ftyp${brand}`, 4, 'latin1');
  box.write(`\0\0\0\0${brand}isom`, 12, 'latin1');
  return Buffer.concat([box, Buffer.from('\0\0\0\x08free\0\0\0\x10mdat0123456789ab', 'latin1')]);
};
const riff = (form: string, chunk: string): Buffer => {
  const b = Buffer.alloc(64);
  b.write('RIFF', 0, 'latin1'); b.writeUInt32LE(56, 4); b.write(form + chunk, 8, 'latin1');
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(8000, 24);
  return b;
};
const ogg = (codec: string): Buffer => {
  const b = Buffer.alloc(64);
  b.write('OggS', 0, 'latin1'); b[5] = 2; b[26] = 1; b[27] = 30; b.write(codec, 28, 'latin1');
  return b;
};
const mp3 = Buffer.concat([Buffer.from('ID3\x03\0\0\0\0\0\0', 'latin1'), Buffer.from([0xff, 0xfb, 0x90, 0x44]), Buffer.alloc(400)]);
const adts = Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(9), Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(9)]);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(isMediaError(err), `expected MediaError, got ${String(err)}`);
    return err.code;
  }
  return 'resolved';
}

describe('sniff', () => {
  const images: Record<string, Buffer> = {};
  before(async () => {
    const photo = await cameraJpeg(64, 48);
    images['image/jpeg'] = photo;
    images['image/png'] = await alphaPng(32, 32);
    images['image/gif'] = await animatedGif(16, 16, 3);
    images['image/webp'] = await sharp(photo).webp().toBuffer();
    images['image/avif'] = await sharp(photo).avif().toBuffer();
    images['image/tiff'] = await sharp(photo).tiff().toBuffer();
    images['image/bmp'] = bmp(8, 8);
    images['image/heic'] = await heicLike();
  });

  it('detects every accepted image type from the bytes', async () => {
    for (const [mime, bytes] of Object.entries(images)) assert.deepEqual(await sniff(bytes), { mime, kind: 'image' }, mime);
  });

  const binary: [string, Buffer, string, string][] = [
    ['mp4', ftyp('isom'), 'video/mp4', 'video'],
    ['mov', ftyp('qt  '), 'video/quicktime', 'video'],
    ['3gp', ftyp('3gp4'), 'video/3gpp', 'video'],
    ['m4a', ftyp('M4A '), 'audio/mp4', 'audio'],
    ['mp3', mp3, 'audio/mpeg', 'audio'],
    ['aac', adts, 'audio/aac', 'audio'],
    ['amr', Buffer.from('#!AMR\n\x3c\x48\xf5\x1f\x96\x66\x79\xe1\xe0\x01\xe7\x8a\xf0\x00\x00\x00', 'latin1'), 'audio/amr', 'audio'],
    ['wav', riff('WAVE', 'fmt '), 'audio/wav', 'audio'],
    ['ogg vorbis', ogg('\x01vorbis'), 'audio/ogg', 'audio'],
    ['ogg opus', ogg('OpusHead'), 'audio/ogg', 'audio'],
    ['pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'application/pdf', 'document'],
  ];
  for (const [name, bytes, mime, kind] of binary) {
    it(`detects ${name}`, async () => assert.deepEqual(await sniff(bytes), { mime, kind }));
  }

  it('detects text, vCard and iCalendar by content, with or without BOM', async () => {
    assert.deepEqual(await sniff(Buffer.from('Hello 👋\r\nsee you at 5')), { mime: 'text/plain', kind: 'text' });
    assert.deepEqual(await sniff(Buffer.from('\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n')), { mime: 'text/vcard', kind: 'document' });
    assert.deepEqual(await sniff(Buffer.from('begin:vcalendar\nVERSION:2.0\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR')), { mime: 'text/calendar', kind: 'document' });
  });

  it('refuses a vCard cut before END:VCARD as truncated', async () => {
    assert.equal(await code(sniff(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ad'))), 'PORM_MEDIA_TRUNCATED');
  });

  it('refuses invalid UTF-8 and binary junk as unsupported', async () => {
    assert.equal(await code(sniff(Buffer.from([0x68, 0x69, 0xc3, 0x28]))), 'PORM_MEDIA_UNSUPPORTED_TYPE');
    assert.equal(await code(sniff(Buffer.from('abc\u0000def'))), 'PORM_MEDIA_UNSUPPORTED_TYPE');
    assert.equal(await code(sniff(zip())), 'PORM_MEDIA_UNSUPPORTED_TYPE');
    assert.equal(await code(sniff(Buffer.from('<!DOCTYPE html><html><script>x()</script></html>'))), 'PORM_MEDIA_UNSUPPORTED_TYPE');
  });

  it('refuses SVG, with or without an XML prolog', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    assert.equal(await code(sniff(Buffer.from(svg))), 'PORM_MEDIA_SVG_REFUSED');
    assert.equal(await code(sniff(Buffer.from(`<?xml version="1.0"?>\n<!-- c -->\n${svg}`))), 'PORM_MEDIA_SVG_REFUSED');
  });

  it('refuses zero bytes with the core PORM_MEDIA_EMPTY code', async () => {
    assert.equal(await code(sniff(Buffer.alloc(0))), 'PORM_MEDIA_EMPTY');
  });

  it('refuses a JPEG that is also a ZIP, or that hides a PDF header', async () => {
    assert.equal(await code(sniff(Buffer.concat([images['image/jpeg']!, zip()]))), 'PORM_MEDIA_POLYGLOT');
    const withPdf = Buffer.from(images['image/jpeg']!);
    withPdf.write('%PDF-1.7', 40, 'latin1');
    assert.equal(await code(sniff(withPdf)), 'PORM_MEDIA_POLYGLOT');
  });

  it('does not see a ZIP in bytes that merely contain its signature', async () => {
    const jpeg = Buffer.concat([images['image/jpeg']!, Buffer.from('PK\x05\x06 junk after the image', 'latin1')]);
    assert.equal((await sniff(jpeg)).mime, 'image/jpeg');
  });

  it('reports a declared type that lies, and tolerates aliases and "unknown"', async () => {
    const png = images['image/png']!;
    assert.deepEqual(await sniff(png, 'image/jpeg'), { mime: 'image/png', kind: 'image', declaredMismatch: 'declared image/jpeg, content is image/png' });
    assert.equal((await sniff(images['image/jpeg']!, 'image/jpg; name=x.jpg')).declaredMismatch, undefined);
    assert.equal((await sniff(png, 'application/octet-stream')).declaredMismatch, undefined);
    assert.equal((await sniff(ftyp('M4A '), 'audio/x-m4a')).declaredMismatch, undefined);
  });

  it('never throws anything but MediaError on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
      try {
        await sniff(bytes);
      } catch (err) {
        assert.ok(isMediaError(err));
      }
    }), { numRuns: 300 });
  });
});
