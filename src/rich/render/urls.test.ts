import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowedUrl, schemeOf } from './index.ts';
import { dialString, isPormBase } from './urls.ts';

describe('isAllowedUrl', () => {
  it('allows the default link schemes and configured app schemes', () => {
    for (const u of ['https://a.example/', 'HTTP://a.example', 'tel:+1555', 'sms:+1555?body=x', 'mailto:a@b.example', 'geo:1,2']) assert.ok(isAllowedUrl(u, 'link'), u);
    assert.ok(!isAllowedUrl('myapp://x', 'link'));
    assert.ok(isAllowedUrl('MyApp://x', 'link', ['myapp']));
  });

  it('refuses script-capable schemes however they are spelled, even when configured', () => {
    const bad = ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:x', 'java\nscript:x', 'java\rscript:x', ' \u0000javascript:x', '\u0001javascript:x', 'javascript\u000b:x',
      'vbscript:x', 'data:text/html;base64,PHNjcmlwdD4=', 'DATA:image/png;base64,x', 'file:///etc/passwd', 'blob:https://a/x', 'about:blank', 'jav&#x09;ascript:x', 'java\u200bscript:x', ':x', '1http://x'];
    for (const u of bad) {
      assert.ok(!isAllowedUrl(u, 'link', ['javascript', 'data', 'vbscript', 'file']), JSON.stringify(u));
      assert.ok(!isAllowedUrl(u, 'media', [], '/m/x'), JSON.stringify(u));
    }
  });

  it('allows only http(s) and plain paths under base for media', () => {
    assert.ok(isAllowedUrl('https://cdn.example/a.png', 'media'));
    assert.ok(!isAllowedUrl('tel:+1', 'media'));
    assert.ok(!isAllowedUrl('/m/x/img/a', 'media'), 'relative needs a base');
    assert.ok(isAllowedUrl('/m/x/img/a', 'media', [], '/m/x'));
    for (const u of ['/m/xy/a', '/m/x/../y', '/m/x/%2E%2E/y', '/m/x/a\\b', '//evil.example/a', 'img/a', '/m/x/a b', '?x', '#x']) {
      assert.ok(!isAllowedUrl(u, 'media', [], '/m/x'), u);
    }
  });

  it('refuses empty and over-long URLs', () => {
    assert.ok(!isAllowedUrl('', 'link'));
    assert.ok(!isAllowedUrl(`https://a.example/${'a'.repeat(9000)}`, 'link'));
  });

  it('reads the scheme as a browser does', () => {
    assert.equal(schemeOf(' Java\tScript:x'), 'javascript');
    assert.equal(schemeOf('/a:b'), '');
    assert.equal(schemeOf('a/b:c'), '');
    assert.equal(schemeOf('a b:c'), 'ab');
    assert.equal(schemeOf('&#106;avascript:x'), '', 'the # starts a fragment: a relative reference');
    assert.equal(schemeOf('jav&colon;x:y'), null);
  });
});

describe('url helpers', () => {
  it('dialString keeps only dialling characters', () => {
    assert.equal(dialString('+1 (555) 123-4567'), '+15551234567');
    assert.equal(dialString('*123#'), '*123%23');
    assert.equal(dialString('1+2'), '12');
    assert.equal(dialString('"><script>'), null);
  });

  it('isPormBase accepts a path or an http(s) origin+path only', () => {
    for (const b of ['/m/AbC', 'https://porm.example/m/AbC', 'http://localhost:3000/m/x']) assert.ok(isPormBase(b), b);
    for (const b of ['', '/', '/m/x/', '//evil', 'javascript:x', 'https:/x', '/m/"x', '/m/x y', 'ftp://x/m']) assert.ok(!isPormBase(b), b);
  });
});
