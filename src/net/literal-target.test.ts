import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalPrivateTarget } from './literal-target.ts';

test('loopback, private, link-local and localhost URLs are private on their face', () => {
  for (const url of [
    'http://127.0.0.1/a.jpg', 'http://127.1:8080/x', 'http://2130706433/', 'http://localhost/a', 'https://LOCALHOST./a',
    'http://api.localhost/x', 'http://10.0.0.5/x', 'http://192.168.1.1/', 'http://169.254.169.254/latest', 'http://[::1]/x',
    'http://[::ffff:127.0.0.1]/x', 'http://0.0.0.0/', 'http://[fd00::1]/',
  ]) assert.ok(literalPrivateTarget(url), url);
});

test('public addresses and names are not judged without DNS', () => {
  for (const url of ['https://example.com/a.jpg', 'http://93.184.215.14/x', 'https://[2606:4700::1111]/', 'https://localhost.example.com/', 'not a url']) {
    assert.equal(literalPrivateTarget(url), undefined, url);
  }
});
