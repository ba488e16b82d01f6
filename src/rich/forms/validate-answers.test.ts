import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundForm } from '../bound/model.ts';
import { validateAnswers } from './validate-answers.ts';

const form = (fields: BoundForm['fields']): BoundForm => ({ type: 'form', key: 'f', id: 'f', title: null, fields, submitLabel: 'Send', multipleAnswers: false });
const text = (name: string, pattern: string | null, required = false) =>
  ({ kind: 'text' as const, name, label: name, required, errorMessage: null, pattern, placeholder: null, maxLength: null });

describe('validateAnswers', () => {
  it('types the answers: numbers, ratings, toggles, lists', () => {
    const r = validateAnswers(form([
      { kind: 'number', name: 'n', label: 'n', required: true, errorMessage: null, min: 0, max: 10 },
      { kind: 'rating', name: 'r', label: 'r', required: true, errorMessage: null, min: 1, max: 5 },
      { kind: 'toggle', name: 't', label: 't', required: false, errorMessage: null },
      { kind: 'multi_choice', name: 'm', label: 'm', required: false, errorMessage: null, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
    ]), { n: '2.5', r: '5', t: 'true', m: ['a', 'b'] });
    assert.deepEqual(r, { ok: true, answers: { n: 2.5, r: 5, t: true, m: ['a', 'b'] } });
  });

  it('a 0–10 rating (min 0) takes 0 and 10; a 1–5 rating refuses 0', () => {
    const nps = form([{ kind: 'rating', name: 'score', label: 's', required: true, errorMessage: null, min: 0, max: 10 }]);
    assert.deepEqual(validateAnswers(nps, { score: '0' }), { ok: true, answers: { score: 0 } });
    assert.deepEqual(validateAnswers(nps, { score: '10' }), { ok: true, answers: { score: 10 } });
    const eleven = validateAnswers(nps, { score: '11' });
    assert.equal(eleven.ok, false);
    if (!eleven.ok) assert.deepEqual(eleven.errors.map((e) => [e.field, e.code]), [['/score', 'PORM_RICH_FORM_INVALID']]);
    const five = form([{ kind: 'rating', name: 'r', label: 'r', required: true, errorMessage: null, min: 1, max: 5 }]);
    assert.equal(validateAnswers(five, { r: '0' }).ok, false);
  });

  it('refuses each bad field with a pointer, and fields the form does not have', () => {
    const r = validateAnswers(form([text('a', '[a-z]+', true), { kind: 'date', name: 'd', label: 'd', required: false, errorMessage: null }]), { a: 'ABC', d: '2026-02-30', x: '1' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors.map((e) => e.field).sort(), ['/a', '/d', '/x']);
  });

  it('a pattern that backtracks catastrophically cannot freeze the server', () => {
    const started = performance.now();
    const r = validateAnswers(form([text('a', '(a+)+')]), { a: `${'a'.repeat(40)}!` });
    assert.equal(r.ok, false);
    assert.ok(performance.now() - started < 5_000);
  });

  it('reads patterns with the v flag, as browsers do', () => {
    assert.equal(validateAnswers(form([text('a', '[\\p{L}--[a-z]]+')]), { a: 'ÄÖ' }).ok, true);
  });

  it('prototype keys in answers are refused as unknown fields', () => {
    const r = validateAnswers(form([text('a', null)]), JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, unknown>);
    assert.equal(r.ok, false);
  });
});
