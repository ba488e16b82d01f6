import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointment, orderShipped, survey } from './examples.ts';
import { contrastRatio, lintTemplate, templateJsonSchema, type TemplateDocument } from './index.ts';

const rules = (d: TemplateDocument) => lintTemplate(d).map((w) => `${w.rule} ${w.pointer}`);

describe('lintTemplate', () => {
  it('computes WCAG contrast', () => {
    assert.equal(contrastRatio('#000000', '#ffffff').toFixed(0), '21');
    assert.equal(contrastRatio('#777777', '#ffffff').toFixed(2), '4.48');
  });

  it('is clean on the examples', () => assert.deepEqual(rules(appointment), []));

  it('warns on low contrast', () => {
    assert.deepEqual(rules({ ...survey, theme: { ...survey.theme, textColor: '#999999' } }), ['contrast /theme/textColor']);
    assert.deepEqual(rules({ ...survey, theme: { ...survey.theme, onPrimaryColor: '#3366ff' } }), ['contrast /theme/onPrimaryColor']);
  });

  it('warns on missing alt text and labels', () => {
    const d: TemplateDocument = { ...survey, components: [
      { type: 'image', url: 'https://x.example/a.png' },
      { type: 'code', format: 'qr', value: 'abc' },
      { type: 'form', id: 'f', submitLabel: 'Go', fields: [{ kind: 'text', name: 'n', placeholder: 'Your name' }] },
    ] };
    assert.deepEqual(rules(d), ['image-alt /components/0', 'code-alt /components/1', 'form-label /components/2/fields/0']);
  });

  it('warns on crowded button rows and long labels', () => {
    const b = { type: 'button', label: 'Yes', action: { kind: 'postback', payload: 'y' } } as const;
    const d: TemplateDocument = { ...survey, components: [{ type: 'button_row', buttons: [b, b, b, b] }, { ...b, label: 'A very long label that will be cut' }] };
    assert.deepEqual(rules(d), ['button-row-size /components/0/buttons', 'label-length /components/1/label']);
  });

  it('estimates the SMS fallback', () => {
    const d: TemplateDocument = { ...orderShipped, components: [{ type: 'text', text: 'Ünïcödé ✈ '.repeat(30) }] };
    assert.deepEqual(rules(d), ['sms-length /components']);
  });

  it('publishes a JSON Schema', () => {
    assert.equal(templateJsonSchema['$id'], 'https://porm.dev/v1/schema/template.json');
    assert.doesNotThrow(() => JSON.stringify(templateJsonSchema));
  });
});
