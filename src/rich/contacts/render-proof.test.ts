import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderProof } from './render-proof.ts';

const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('renderProof: a render proves the phone shows porm pages only from a real browser', () => {
  it('a phone browser that is not automated proves it', () => {
    assert.deepEqual(renderProof({ userAgent: PHONE, webdriver: false }), { ok: true });
    assert.deepEqual(renderProof({ userAgent: IPHONE, webdriver: false }), { ok: true });
  });
  it('navigator.webdriver true, or not reported, does not', () => {
    assert.deepEqual(renderProof({ userAgent: PHONE, webdriver: true }), { ok: false, reason: 'automation' });
    assert.deepEqual(renderProof({ userAgent: PHONE, webdriver: undefined }), { ok: false, reason: 'automation' });
  });
  it('headless browsers, bots and preview fetchers do not, whatever they report', () => {
    for (const ua of [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'WhatsApp/2.23.20.0', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) SkypeUriPreview Preview/0.5', 'curl/8.5.0', 'python-requests/2.31',
    ]) assert.deepEqual(renderProof({ userAgent: ua, webdriver: false }), { ok: false, reason: 'automated_user_agent' }, ua);
  });
  it('no user agent does not', () => {
    assert.deepEqual(renderProof({ userAgent: ' ', webdriver: false }), { ok: false, reason: 'no_user_agent' });
  });
});
