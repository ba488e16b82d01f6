import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboundError } from './outbound-error.ts';
import { hostOf, portOf, validateOutboundUrl } from './validate-url.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected OutboundError, got ${String(err)}`);
    return err.code;
  }
  return 'no error';
}

describe('validateOutboundUrl', () => {
  it('accepts http and https and fills default ports', () => {
    const a = validateOutboundUrl('https://example.com/hook?x=1');
    assert.equal(hostOf(a), 'example.com');
    assert.equal(portOf(a), 443);
    assert.equal(portOf(validateOutboundUrl('http://example.com')), 80);
    assert.equal(portOf(validateOutboundUrl('http://example.com:8080/')), 8080);
    assert.equal(hostOf(validateOutboundUrl('http://example.com./')), 'example.com');
    assert.equal(hostOf(validateOutboundUrl('http://[2001:4860::8888]/')), '2001:4860::8888');
  });

  for (const url of ['', 'not a url', 'http://', 'http://[::1', 'http://256.1.1.1/', 'http://1.2.3.4.5/', '//example.com/x', 'http://exa mple.com/', 'http://./', 'http://[fe80::1%25eth0]/']) {
    it(`rejects malformed ${JSON.stringify(url)} as PORM_URL_INVALID`, () => {
      assert.equal(codeOf(() => validateOutboundUrl(url)), 'PORM_URL_INVALID');
    });
  }

  for (const url of ['http://user@example.com/', 'http://user:pw@example.com/', 'https://:pw@example.com/', 'http://trusted.example@127.0.0.1/']) {
    it(`rejects userinfo in ${url}`, () => assert.equal(codeOf(() => validateOutboundUrl(url)), 'PORM_URL_INVALID'));
  }

  for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'javascript:alert(1)', 'data:text/plain,hi', 'ws://example.com/']) {
    it(`blocks scheme of ${url}`, () => assert.equal(codeOf(() => validateOutboundUrl(url)), 'PORM_URL_BLOCKED'));
  }

  // The address check relies on WHATWG URL turning every numeric trick into the real address.
  const NORMALISED: readonly [string, string][] = [
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.0.0.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://0xA9FEA9FE/', '169.254.169.254'],
    ['http://3232235777/', '192.168.1.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://LOCALHOST/', 'localhost'],
  ];
  for (const [url, host] of NORMALISED) {
    it(`normalises ${url} to ${host}`, () => assert.equal(hostOf(validateOutboundUrl(url)), host));
  }
});
