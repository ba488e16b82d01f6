import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSend } from './validate.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const base = { to: '+14155550100', from: '+14155550199', body: 'hi' };

test('a valid request is normalised', () => {
  const { value, errors } = validateSend({ ...base, media: [{ url: 'https://example.com/a.jpg' }], sendAt: '2026-01-02T00:00:00Z', validityPeriod: 60 }, now);
  assert.deepEqual(errors, []);
  assert.equal(value?.sendAt, Date.parse('2026-01-02T00:00:00Z'));
  assert.deepEqual(value?.media, [{ kind: 'url', url: 'https://example.com/a.jpg' }]);
});

test('each problem is reported with its field and code', () => {
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ to: '12345' }, '/to', 'PORM_INVALID_PHONE_NUMBER'],
    [{ to: '+1555' }, '/to', 'PORM_INVALID_PHONE_NUMBER'],
    [{ from: 'not a number' }, '/from', 'PORM_INVALID_PHONE_NUMBER'],
    [{ body: 'x'.repeat(1601) }, '/body', 'PORM_BODY_TOO_LONG'],
    [{ body: '' }, '/body', 'PORM_MISSING_FIELD'],
    [{ media: Array.from({ length: 11 }, () => ({ url: 'https://e.com/a.jpg' })) }, '/media', 'PORM_TOO_MANY_MEDIA'],
    [{ media: [{ url: 'ftp://e.com/a.jpg' }] }, '/media/0/url', 'PORM_INVALID_URL'],
    [{ media: [{ url: 'https://u:p@e.com/a.jpg' }] }, '/media/0/url', 'PORM_INVALID_URL'],
    [{ media: [{ url: 'https://e.com/a', id: 'med_x' }] }, '/media/0', 'PORM_INVALID_FIELD'],
    [{ media: [{ id: '../../etc/passwd' }] }, '/media/0/id', 'PORM_INVALID_FIELD'],
    [{ media: [{ id: 'med_doesnotexist' }] }, '/media/0/id', 'PORM_INVALID_MEDIA_REFERENCE'],
    [{ statusCallback: 'javascript:alert(1)' }, '/statusCallback', 'PORM_INVALID_URL'],
    [{ sendAt: 'tomorrow' }, '/sendAt', 'PORM_INVALID_SEND_AT'],
    [{ sendAt: '2026-01-02T00:00:00' }, '/sendAt', 'PORM_INVALID_SEND_AT'],
    [{ sendAt: '2027-01-01T00:00:00Z' }, '/sendAt', 'PORM_INVALID_SEND_AT'],
    [{ metadata: { big: 'x'.repeat(5000) } }, '/metadata', 'PORM_INVALID_FIELD'],
  ];
  for (const [patch, field, code] of cases) {
    const { value, errors } = validateSend({ ...base, ...patch } as Parameters<typeof validateSend>[0], now);
    assert.equal(value, undefined, JSON.stringify(patch).slice(0, 80));
    assert.ok(errors.some((e) => e.field === field && e.code === code), `${field} ${code}: got ${JSON.stringify(errors)}`);
  }
});

test('body length counts characters, not UTF-16 units or bytes', () => {
  assert.deepEqual(validateSend({ ...base, body: '😀'.repeat(1600) }, now).errors, []);
  assert.equal(validateSend({ ...base, body: '😀'.repeat(1601) }, now).errors[0]?.code, 'PORM_BODY_TOO_LONG');
});

test('a sendAt in the past sends now; a short code may send', () => {
  const { value } = validateSend({ ...base, from: '12345', sendAt: '2025-12-31T00:00:00Z' }, now);
  assert.equal(value?.sendAt, null);
  assert.equal(value?.from, '12345');
});

test('the send_at hint quotes a time porm accepts (an hour or two ahead), not a fixed date that ages out', () => {
  for (const at of [now, now + 400 * 86_400_000]) {
    const { errors } = validateSend({ ...base, sendAt: 'tomorrow' }, at);
    const example = /e\.g\. (\S+)$/.exec(errors[0]!.message)?.[1];
    assert.ok(example, errors[0]!.message);
    const { value, errors: again } = validateSend({ ...base, sendAt: example }, at);
    assert.deepEqual(again, []);
    assert.ok(value!.sendAt! > at, 'scheduled, not sent at once');
  }
});
