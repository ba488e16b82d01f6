import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snakeCaseOf, suggestField } from './field-suggestion.ts';

const fields = ['to', 'from', 'body', 'subject', 'media', 'status_callback', 'send_at', 'validity_period', 'metadata', 'template', 'template_revision'];

test('camelCase and kebab-case names suggest their snake_case field', () => {
  assert.equal(snakeCaseOf('statusCallback'), 'status_callback');
  assert.equal(suggestField('statusCallback', fields), 'status_callback');
  assert.equal(suggestField('sendAt', fields), 'send_at');
  assert.equal(suggestField('validity-period', fields), 'validity_period');
  assert.equal(suggestField('templateRevision', fields), 'template_revision');
});

test('typos suggest the closest field; unrelated names suggest nothing', () => {
  assert.equal(suggestField('subjet', fields), 'subject');
  assert.equal(suggestField('status_calback', fields), 'status_callback');
  assert.equal(suggestField('meta_data', fields), 'metadata');
  assert.equal(suggestField('id', fields), undefined);
  assert.equal(suggestField('recipient', fields), undefined);
  assert.equal(suggestField('x'.repeat(100), fields), undefined);
});
