import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPormError } from '../errors.ts';
import { validateReply, type ReplyCommand } from './reply-input.ts';

const base: ReplyCommand = { from: '+14155550123', to: '+14155550199', body: 'STOP' };

function codes(command: Partial<ReplyCommand>): Array<[string, string]> {
  try {
    validateReply({ ...base, ...command });
    return [];
  } catch (err) {
    if (!isPormError(err)) throw err;
    return err.fields.map((f) => [f.field, f.code]);
  }
}

test('a plain reply passes, numbers normalised, media decoded', () => {
  const reply = validateReply({ ...base, to: '72345', media: [{ id: 'med_0123456789abcdefghijklmnop' }, { content_type: 'Image/PNG', data: 'iVBORw==', filename: 'a.png' }] });
  assert.equal(reply.to, '72345');
  assert.deepEqual(reply.media[0], { kind: 'id', id: 'med_0123456789abcdefghijklmnop' });
  assert.deepEqual(reply.media[1], { kind: 'inline', contentType: 'image/png', data: Buffer.from('iVBORw==', 'base64'), filename: 'a.png' });
});

test('every problem is reported at its pointer', () => {
  assert.deepEqual(codes({ from: '+1', to: 'x' }), [['/from', 'PORM_INVALID_PHONE_NUMBER'], ['/to', 'PORM_INVALID_PHONE_NUMBER']]);
  assert.deepEqual(codes({ body: '' }), [['/body', 'PORM_SANDBOX_REPLY_EMPTY']]);
  assert.deepEqual(codes({ body: '😀'.repeat(1601) }), [['/body', 'PORM_BODY_TOO_LONG']]);
  assert.deepEqual(codes({ body: '😀'.repeat(1600) }), []);
  assert.deepEqual(codes({ subject: 'a\u001bb' }), [['/subject', 'PORM_INVALID_FIELD']]);
  assert.deepEqual(codes({ carrier: 'A!' }), [['/carrier', 'PORM_SANDBOX_CARRIER_UNKNOWN']]);
  assert.deepEqual(codes({ media: [{ id: 'x' }] }), [['/media/0/id', 'PORM_INVALID_FIELD']]);
  assert.deepEqual(codes({ media: [{ id: 'med_doesnotexist' }] }), [['/media/0/id', 'PORM_INVALID_MEDIA_REFERENCE']]);
  assert.deepEqual(codes({ media: [{ content_type: 'image/png' }] }), [['/media/0', 'PORM_MISSING_FIELD']]);
  assert.deepEqual(codes({ media: [{ content_type: 'image/png', data: 'abc' }] }), [['/media/0/data', 'PORM_INVALID_FIELD']]);
  assert.deepEqual(codes({ media: [{ content_type: 'image/png', data: 'AAAA', filename: 'a/b' }] }), [['/media/0/filename', 'PORM_INVALID_FIELD']]);
});
