import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import twilio from 'twilio';
import { signedText, twilioSignature, twilioSignatureMatches, type FormParams } from './signature.ts';

// The published vectors of twilio-node's spec/validation.spec.js (URL, parameters, auth token,
// expected signature), written here as data. Each is also checked with the twilio package's own
// validateRequest, so a vector copied wrong fails too.

const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const CALL: FormParams = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_BODY_SHA256 = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';

interface Vector { name: string; url: string; params: FormParams; signature: string }
const VECTORS: Vector[] = [
  { name: 'form parameters', url: URL, params: CALL, signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
  { name: 'a JSON body: its hash in the URL, no parameters', url: `${URL}&bodySHA256=${JSON_BODY_SHA256}`, params: {}, signature: 'a9nBmqA0ju/hNViExpshrM61xv4=' },
  // The spec validates this one through the SDK's URL variants: it is the signature of the URL with :443.
  { name: 'an empty JSON body (signed with the default port)', url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', params: {}, signature: 'Ldidvp12m26NI7eqEvxnEpkd9Hc=' },
  { name: 'http with a port', url: 'http://mycompany.com:1234/myapp.php?foo=1&bar=2', params: CALL, signature: 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=' },
  { name: 'https with :443', url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params: CALL, signature: 'kvajT1Ptam85bY51eRf/AJRuM3w=' },
  { name: 'http with :80', url: 'http://mycompany.com:80/myapp.php?foo=1&bar=2', params: CALL, signature: '0ZXoZLH/DfblKGATFgpif+LLRf4=' },
  { name: 'credentials in the URL', url: 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', params: CALL, signature: 'CukzLTc1tT5dXEDIHm/tKBanW10=' },
  { name: 'a user name in the URL', url: 'https://user@mycompany.com/myapp.php?foo=1&bar=2', params: CALL, signature: '2YRLlVAflCqxaNicjMpJcSTgzSs=' },
  { name: 'special characters in the query', url: `${URL}&Body=It's+amazing`, params: CALL, signature: 'dsq4Ehbj6cs+KdTkpF5sSSplOWw=' },
  { name: 'a repeated parameter', url: URL, params: { 'MessagingBinding.Address': ['+1325xxxxxxx', '+1415xxxxxxx'] }, signature: '83O6e2vORAoJHUNzJjDWN1jz+BA=' },
  { name: 'a repeated parameter in another order', url: URL, params: { 'MessagingBinding.Address': ['+1415xxxxxxx', '+1325xxxxxxx'] }, signature: '83O6e2vORAoJHUNzJjDWN1jz+BA=' },
  { name: 'repeated values, one twice', url: URL, params: { Sid: 'CA123', SidAccount: 'AC123', Digits: ['5678', '1234', '1234'] }, signature: 'IK+Dwps556ElfBT0I3Rgjkr1wJU=' },
];

for (const v of VECTORS) {
  test(`signature vector: ${v.name}`, () => {
    assert.equal(twilioSignature(TOKEN, v.url, v.params), v.signature);
    assert.ok(twilioSignatureMatches(TOKEN, v.signature, v.url, v.params));
    assert.ok(twilio.validateRequest(TOKEN, v.signature, v.url, v.params as Record<string, string>), 'the SDK agrees');
  });
}

test('the JSON body vector hashes to the SHA-256 its URL names', () => {
  assert.equal(createHash('sha256').update(JSON_BODY).digest('hex'), JSON_BODY_SHA256);
});

test('a changed parameter, URL, token or signature does not match', () => {
  const good = VECTORS[0]!;
  assert.ok(!twilioSignatureMatches(TOKEN, good.signature, good.url, { ...CALL, Digits: '1235' }));
  assert.ok(!twilioSignatureMatches(TOKEN, good.signature, `${good.url}&x=1`, CALL));
  assert.ok(!twilioSignatureMatches('54321', good.signature, good.url, CALL));
  assert.ok(!twilioSignatureMatches(TOKEN, 'WRONG_SIGNATURE', good.url, CALL));
  assert.ok(!twilioSignatureMatches(TOKEN, '', good.url, CALL));
});

test('names sort by UTF-16 code unit, case first, as the SDKs sort them', () => {
  assert.equal(signedText('u', { b: '2', B: '1', a: '3', MediaUrl10: 'x', MediaUrl2: 'y' }), 'uB1MediaUrl10xMediaUrl2ya3b2');
});
