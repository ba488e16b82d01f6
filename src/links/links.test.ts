import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findUrls } from './find-urls.ts';
import { shortenBody, MAX_LINKS_PER_MESSAGE } from './shorten-body.ts';
import { withUtm } from './utm.ts';
import { botReason } from './bot-detect.ts';
import { newShortToken, TOKEN_PATTERN } from './short-token.ts';

describe('finding links in a body', () => {
  it('takes http(s) URLs and leaves the sentence punctuation around them', () => {
    const urls = (t: string) => findUrls(t).map((s) => s.url);
    assert.deepEqual(urls('Shop now: https://shop.example.com/sale. Ends soon!'), ['https://shop.example.com/sale']);
    assert.deepEqual(urls('(see https://example.com/a) or http://example.org/b?x=1&y=2, thanks'), ['https://example.com/a', 'http://example.org/b?x=1&y=2']);
    assert.deepEqual(urls('wiki https://en.wikipedia.org/wiki/Foo_(bar) ok'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
    assert.deepEqual(urls('“https://example.com/q”…'), ['https://example.com/q']);
    assert.deepEqual(urls('no links, example.com, ftp://x.org, https://, http://.'), []);
    assert.deepEqual(urls('HTTPS://EXAMPLE.COM/Up'), ['HTTPS://EXAMPLE.COM/Up']);
  });

  it('returns spans that point at the URL in the text, for any text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const text = `${a} https://example.com/p?q=${encodeURIComponent(b)} ${b}`;
      for (const span of findUrls(text)) {
        assert.equal(text.slice(span.start, span.end), span.url);
        assert.ok(URL.canParse(span.url));
      }
    }));
  });
});

describe('shortening a body', () => {
  let n = 0;
  const tokens = () => `tok${String(n++).padStart(7, '0')}`;

  it('replaces each distinct URL with one short link and keeps the rest of the text', () => {
    const out = shortenBody('A https://a.example/x and https://b.example/y, again https://a.example/x.', 'https://go.brand.example/', { utm_source: 'porm' }, tokens);
    assert.equal(out.links.length, 2);
    const [a, b] = out.links;
    assert.equal(out.body, `A https://go.brand.example/l/${a!.token} and https://go.brand.example/l/${b!.token}, again https://go.brand.example/l/${a!.token}.`);
    assert.equal(a!.target, 'https://a.example/x?utm_source=porm');
    assert.deepEqual(out.links.map((l) => l.position), [0, 1]);
  });

  it('leaves links already on the short domain, and stops at the per-message limit', () => {
    assert.deepEqual(shortenBody('https://go.example/l/abc', 'https://go.example', {}, tokens).links, []);
    const many = Array.from({ length: MAX_LINKS_PER_MESSAGE + 3 }, (_, i) => `https://x.example/${i}`).join(' ');
    const out = shortenBody(many, 'https://go.example', {}, tokens);
    assert.equal(out.links.length, MAX_LINKS_PER_MESSAGE);
    assert.ok(out.body.endsWith(`https://x.example/${MAX_LINKS_PER_MESSAGE + 2}`));
  });
});

describe('UTM tagging', () => {
  it('adds configured parameters, keeps those the URL has, and keeps the fragment last', () => {
    assert.equal(withUtm('https://x.example/p?utm_source=mine#top', { utm_source: 'porm', utm_campaign: 'fall sale' }), 'https://x.example/p?utm_source=mine&utm_campaign=fall+sale#top');
    assert.equal(withUtm('https://x.example/p', {}), 'https://x.example/p');
  });
});

describe('bot clicks', () => {
  it('tells previews, prefetches and scripts from a phone browser', () => {
    const phone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    assert.equal(botReason({ method: 'GET', userAgent: phone, purpose: undefined }), null);
    assert.equal(botReason({ method: 'GET', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0', purpose: undefined }), 'link preview or crawler');
    assert.equal(botReason({ method: 'HEAD', userAgent: phone, purpose: undefined }), 'head request');
    assert.equal(botReason({ method: 'GET', userAgent: phone, purpose: 'prefetch' }), 'prefetch');
    assert.equal(botReason({ method: 'GET', userAgent: undefined, purpose: undefined }), 'no user agent');
    assert.equal(botReason({ method: 'GET', userAgent: 'WhatsApp/2.23.20.0 A', purpose: undefined }), 'link preview or crawler');
  });
});

describe('short tokens', () => {
  it('are 10 base62 characters and do not repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const t = newShortToken();
      assert.match(t, TOKEN_PATTERN);
      seen.add(t);
    }
    assert.equal(seen.size, 2000);
  });
});
