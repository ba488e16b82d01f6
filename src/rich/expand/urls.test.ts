import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_URL_SCHEMES } from '../format/vocabulary.ts';
import { readableOn } from './theme.ts';
import { WEB_SCHEMES, normaliseInstant, normalisePhone, normaliseUrl } from './urls.ts';

const ANY = new Set(DEFAULT_URL_SCHEMES);

describe('expand: URL, phone and time checks', () => {
  it('accepts allowed URLs in their canonical form', () => {
    assert.equal(normaliseUrl(' https://Example.COM/a b?q=1 ', ANY), 'https://example.com/a%20b?q=1');
    assert.equal(normaliseUrl('tel:+15551234', ANY), 'tel:+15551234');
    assert.equal(normaliseUrl('mailto:a@b.example', ANY), 'mailto:a@b.example');
    assert.equal(normaliseUrl('tel:+15551234', WEB_SCHEMES), null);
  });

  it('refuses script schemes however they are spelled, even when configured', () => {
    const all = new Set([...ANY, 'javascript', 'data', 'vbscript', 'file']);
    for (const u of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' \tjavascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', 'java\rscript:x', '\u0000javascript:x', 'data:text/html,<b>', 'vbscript:x', 'file:///etc/passwd']) {
      assert.equal(normaliseUrl(u, all), null, JSON.stringify(u));
    }
  });

  it('refuses relative and malformed URLs', () => {
    for (const u of ['', ' ', '/path', '//evil.example', 'example.com', 'http://', 'https://exa mple.com']) assert.equal(normaliseUrl(u, ANY), null, u);
  });

  it('keeps a leading + and the digits of phone numbers', () => {
    assert.equal(normalisePhone('+1 (555) 123-4567'), '+15551234567');
    assert.equal(normalisePhone('  +44 20 7946 0000'), '+442079460000');
    assert.equal(normalisePhone('555.0100'), '5550100');
    assert.equal(normalisePhone('1-2+3'), '123');
    assert.equal(normalisePhone('12'), null);
    assert.equal(normalisePhone('call me'), null);
    assert.equal(normalisePhone('1'.repeat(21)), null);
  });

  it('turns dates into ISO 8601 UTC instants, reading zoneless ones as UTC', () => {
    assert.equal(normaliseInstant('2026-03-02'), '2026-03-02T00:00:00.000Z');
    assert.equal(normaliseInstant('2026-03-02T10:00'), '2026-03-02T10:00:00.000Z');
    assert.equal(normaliseInstant('2026-03-02 10:00:05.5'), '2026-03-02T10:00:05.500Z');
    assert.equal(normaliseInstant('2026-03-02T10:00:00+0130'), '2026-03-02T08:30:00.000Z');
    assert.equal(normaliseInstant('2026-03-02T10:00:00-05'), '2026-03-02T15:00:00.000Z');
    assert.equal(normaliseInstant(' 2026-03-02T10:00:00Z '), '2026-03-02T10:00:00.000Z');
    assert.equal(normaliseInstant('Mon, 02 Mar 2026 10:00:00 GMT'), '2026-03-02T10:00:00.000Z');
    for (const bad of ['', 'soon', '2026-13-45', '2026-02-30T99:00', 'NaN']) assert.equal(normaliseInstant(bad), null, bad);
  });

  it('picks white or black text for the primary colour by contrast', () => {
    assert.equal(readableOn('#0b5fff'), '#ffffff');
    assert.equal(readableOn('#000000'), '#ffffff');
    assert.equal(readableOn('#ffffff'), '#000000');
    assert.equal(readableOn('#ffd400'), '#000000');
  });
});
