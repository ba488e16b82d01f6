import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRevisionNotice, revisionNotice } from './revision-notice.ts';

test('a revision notice round-trips', () => {
  assert.deepEqual(parseRevisionNotice(revisionNotice('tpl_01jabcdefghjkmnpqrstvwxyz0', 3)), { templateId: 'tpl_01jabcdefghjkmnpqrstvwxyz0', revision: 3 });
});

test('anything else another database user might NOTIFY is dropped', () => {
  for (const payload of ['', 'zzz', 'null', '[]', '42', '"tpl_x"', '{}', '{"t":"tpl_abc"}', '{"r":2}', '{"t":"msg_abc","r":2}',
    '{"t":"tpl_abc","r":0}', '{"t":"tpl_abc","r":-1}', '{"t":"tpl_abc","r":1.5}', '{"t":"tpl_abc","r":"2"}', '{"t":"tpl_abc","r":1e300}',
    '{"t":"tpl_../../etc","r":2}', `{"t":"tpl_${'a'.repeat(65)}","r":2}`, '{"t":["tpl_abc"],"r":2}', '{"__proto__":{"t":"tpl_abc"},"r":2}']) {
    assert.equal(parseRevisionNotice(payload), undefined, payload);
  }
});
