// SMIL slideshow and MMS body builder: exact SMIL, layout choice, escaping, naming, slide
// rules, and tshark decoding a whole m-send-req that carries the slideshow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodePdu } from '../pdu/decode.ts';
import { encodePdu } from '../pdu/encode.ts';
import type { Pdu } from '../pdu/model.ts';
import { PduError } from '../pdu/pdu-error.ts';
import { tsharkHttp, tsharkMismatches, tsharkSkip } from '../pdu/testing/tshark.ts';
import { buildMixed, buildSlideshow } from './body.ts';
import type { Media, Slide } from './model.ts';
import { escapeXml } from './xml.ts';
import { composeMmsBody } from '../compose.ts';

const jpeg = (size: number, width?: number, height?: number): Media => {
  const data = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
  data.set([0xff, 0xd8, 0xff, 0xe0]);
  data.set([0xff, 0xd9], size - 2);
  return { contentType: 'image/jpeg', data, width, height };
};
const amr: Media = { contentType: 'audio/amr', data: new TextEncoder().encode('#!AMR\n\u0000') };
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof PduError ? err.code : String(err);
  }
  return 'no error';
};

describe('SMIL slideshow', () => {
  it('writes the canonical portrait SMIL: root-layout, Image and Text regions, one par per slide', () => {
    const show = buildSlideshow([
      { image: jpeg(100, 600, 800), text: 'Hello', durationMs: 4000 },
      { text: 'Bye', audio: amr },
    ]);
    assert.equal(show.orientation, 'portrait');
    assert.equal(show.smil,
      '<smil><head><layout><root-layout width="320" height="480"/>'
      + '<region id="Image" left="0" top="0" width="100%" height="80%" fit="meet"/>'
      + '<region id="Text" left="0" top="80%" width="100%" height="20%" fit="scroll"/></layout></head>'
      + '<body><par dur="4000ms"><img src="image1.jpg" region="Image"/><text src="text1.txt" region="Text"/></par>'
      + '<par dur="5000ms"><text src="text2.txt" region="Text"/><audio src="audio1.amr"/></par></body></smil>');
  });

  it('chooses landscape from the media aspect ratio, and a single region when only one kind is shown', () => {
    const wide = buildSlideshow([{ image: jpeg(10, 1600, 900) }, { video: { contentType: 'video/3gpp', data: new Uint8Array([1]), width: 176, height: 144 } }]);
    assert.equal(wide.orientation, 'landscape');
    assert.match(wide.smil, /<root-layout width="480" height="320"\/><region id="Image" left="0" top="0" width="100%" height="100%" fit="meet"\/><\/layout>/);
    assert.match(wide.smil, /<video src="video1.3gp" region="Image"\/>/);
    const textOnly = buildSlideshow([{ text: 'a' }], { orientation: 'landscape' });
    assert.match(textOnly.smil, /<root-layout width="480" height="320"\/><region id="Text" left="0" top="0" width="100%" height="100%" fit="scroll"\/>/);
  });

  it('assembles multipart.related with type and start, SMIL first, every part with Content-ID and Content-Location', () => {
    const show = buildSlideshow([{ image: { ...jpeg(50), filename: 'My Photo (1).JPG', alt: 'a "b" & <c>' }, text: 'Hé' }]);
    assert.deepEqual(show.contentType, { mediaType: 'application/vnd.wap.multipart.related', type: 'application/smil', start: 'smil.smil' });
    assert.deepEqual(show.parts.map((p) => [p.contentType, p.contentId, p.contentLocation, p.charset]), [
      ['application/smil', 'smil.smil', 'smil.smil', undefined],
      ['image/jpeg', 'My_Photo_1_.JPG', 'My_Photo_1_.JPG', undefined],
      ['text/plain', 'text1.txt', 'text1.txt', 'utf-8'],
    ]);
    assert.deepEqual([...show.parts[2]!.data], [0x48, 0xc3, 0xa9]);
    assert.match(show.smil, /<img src="My_Photo_1_.JPG" region="Image" alt="a &quot;b&quot; &amp; &lt;c&gt;"\/>/);
  });

  it('every src resolves to a part, names stay unique (fast-check)', () => {
    const media = fc.record({ contentType: fc.constantFrom('image/jpeg', 'image/gif', 'video/3gpp', 'audio/amr'), data: fc.uint8Array({ minLength: 1, maxLength: 8 }), filename: fc.option(fc.string(), { nil: undefined }) });
    const slide = fc.record({ image: media, text: fc.string(), audio: media, durationMs: fc.integer({ min: 1, max: 60000 }) }, { requiredKeys: [] })
      .filter((s) => s.image !== undefined || (s.text !== undefined && s.text !== '') || s.audio !== undefined);
    fc.assert(fc.property(fc.array(slide, { minLength: 1, maxLength: 6 }), (slides) => {
      const show = buildSlideshow(slides as Slide[]);
      const ids = show.parts.map((p) => p.contentLocation);
      assert.equal(new Set(ids.map((id) => id?.toLowerCase())).size, ids.length);
      for (const [, src] of show.smil.matchAll(/src="([^"]+)"/g)) assert.ok(ids.includes(src), src);
      assert.equal((show.smil.match(/<par /g) ?? []).length, slides.length);
      const pdu: Pdu = { messageType: 'm-send-req', transactionId: 't', mmsVersion: '1.2', to: ['+1555'], ...show };
      assert.equal(decodePdu(encodePdu(pdu)).pdu.parts?.length, show.parts.length);
    }), { numRuns: 200 });
  });

  it('a slide lasts as long as its video or audio, never less than its set or default time', () => {
    const video = { contentType: 'video/3gpp', data: new Uint8Array([1]), durationMs: 8000 };
    const show = buildSlideshow([
      { video, text: 'Watch' },
      { audio: { ...amr, durationMs: 7200.4 }, text: 'Listen', durationMs: 4000 },
      { audio: { ...amr, durationMs: 1500 } },
      { image: jpeg(10), durationMs: 3000 },
    ]);
    assert.deepEqual([...show.smil.matchAll(/<par dur="([^"]+)">/g)].map((m) => m[1]), ['8000ms', '7201ms', '5000ms', '3000ms']);
    assert.match(show.smil, /<par dur="8000ms"><video src="video1.3gp" region="Image"\/><text src="text1.txt" region="Text"\/><\/par>/);
  });

  it('composeMmsBody: the fitted clip length reaches the SMIL, laid out or not', () => {
    const clip = { contentType: 'video/mp4', data: new Uint8Array([1, 2]), durationMs: 8000 };
    const auto = composeMmsBody('hi', [clip]);
    const laid = composeMmsBody('', [clip, { contentType: 'image/png', data: new Uint8Array([3]) }], [{ text: 'a', visual: 0, audio: null }, { text: 'b', visual: 1, audio: null }]);
    const smilOf = (body: ReturnType<typeof composeMmsBody>): string => new TextDecoder().decode(body.parts[0]!.data);
    assert.match(smilOf(auto), /^<smil>.*<body><par dur="8000ms"><video src="video1.mp4" region="Image"\/><text src="text1.txt" region="Text"\/><\/par><\/body><\/smil>$/);
    assert.deepEqual([...smilOf(laid).matchAll(/<par dur="([^"]+)">/g)].map((m) => m[1]), ['8000ms', '5000ms']);
  });

  it('refuses slides MMS SMIL does not allow', () => {
    assert.equal(codeOf(() => buildSlideshow([])), 'PORM_SMIL_INVALID_SLIDE');
    assert.equal(codeOf(() => buildSlideshow([{}])), 'PORM_SMIL_INVALID_SLIDE');
    assert.equal(codeOf(() => buildSlideshow([{ text: '' }])), 'PORM_SMIL_INVALID_SLIDE');
    assert.equal(codeOf(() => buildSlideshow([{ video: { contentType: 'video/3gpp', data: new Uint8Array([1]) }, audio: amr }])), 'PORM_SMIL_INVALID_SLIDE');
    assert.equal(codeOf(() => buildSlideshow([{ image: jpeg(4), video: { contentType: 'video/3gpp', data: new Uint8Array([1]) } }])), 'PORM_SMIL_INVALID_SLIDE');
    assert.equal(codeOf(() => buildSlideshow([{ text: 'x', durationMs: 0 }])), 'PORM_SMIL_INVALID_SLIDE');
  });
});

describe('plain message body', () => {
  it('multipart.mixed with text first, then attachments, all with Content-ID and Content-Location', () => {
    const body = buildMixed({ text: 'hi', attachments: [jpeg(8), { ...jpeg(8), filename: 'image1.jpg' }, { contentType: 'application/pdf', data: new Uint8Array([1]) }] });
    assert.deepEqual(body.contentType, { mediaType: 'application/vnd.wap.multipart.mixed' });
    assert.deepEqual(body.parts.map((p) => p.contentLocation), ['text1.txt', 'image1.jpg', 'image1-2.jpg', 'file1.bin']);
    assert.ok(body.parts.every((p) => p.contentId === p.contentLocation));
  });
});

describe('XML escaping', () => {
  it('escapes the five XML specials and drops controls XML cannot carry', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe(`tshark decodes an m-send-req carrying a SMIL slideshow${tsharkSkip ? ` (${tsharkSkip})` : ''}`, { skip: tsharkSkip }, () => {
  it('300 KB photo + text + audio over HTTP (recipe A): same headers, parts and SMIL', () => {
    const show = buildSlideshow([{ image: { ...jpeg(300 * 1024, 1024, 768), filename: 'photo.jpg' }, text: 'Look at this' }, { text: 'And listen', audio: amr }]);
    const pdu: Pdu = { messageType: 'm-send-req', transactionId: 'porm-smil-1', mmsVersion: '1.2', to: ['+15550001111'], subject: 'Slides', deliveryReport: true, ...show };
    const bytes = encodePdu(pdu);
    assert.ok(bytes.length > 300 * 1024);
    const frame = tsharkHttp(bytes);
    assert.ok(frame.mmse, 'tshark found the MMS PDU');
    assert.equal(frame.malformed, false);
    assert.deepEqual(tsharkMismatches(decodePdu(bytes).pdu, frame.mmse), []);
    // tshark dissected the SMIL part as SMIL: the layout regions and the slides are there.
    const first = (((frame.mmse['wsp.post.data'] as Record<string, unknown>)['Multipart body'] as Record<string, unknown>)['wsp.multipart_tree'] as Record<string, unknown>[])[0]!;
    const smil = JSON.stringify(first.smil);
    for (const needle of ['root-layout', 'region id=\\"Image\\"', 'region id=\\"Text\\"', 'src=\\"photo.jpg\\"', 'src=\\"audio1.amr\\"']) assert.ok(smil.includes(needle), needle);
  });
});
