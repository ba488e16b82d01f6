import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES } from '../src/rich/format/examples.ts';
import { withHarness, type Harness } from './helpers/harness.ts';

describe('template documents over the API', () => {
  let h: Harness;
  withHarness((harness) => (h = harness));

  test('the JSON Schema is published without a key', async () => {
    const res = await fetch(`${h.url}/v1/schema/template.json`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /application\/schema\+json/);
    const schema = (await res.json()) as { $id: string };
    assert.equal(schema.$id, 'https://porm.dev/v1/schema/template.json');
  });

  test('a valid document validates, with the linter\'s warnings', async () => {
    for (const doc of Object.values(EXAMPLES)) {
      const res = await h.api('POST', '/v1/templates/validate', doc);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.valid, true, JSON.stringify(res.body.errors));
      assert.ok(Array.isArray(res.body.warnings));
    }
  });

  test('an invalid document lists every error with its JSON pointer', async () => {
    const broken = { ...EXAMPLES.orderShipped, version: 2, colour: 'red' };
    const res = await h.api('POST', '/v1/templates/validate', broken);
    assert.equal(res.body.valid, false);
    const errors = res.body.errors as Array<{ pointer: string; code: string }>;
    assert.ok(errors.some((e) => e.pointer === '/version'), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.pointer === '/colour' && e.code === 'PORM_TEMPLATE_DOC_UNKNOWN_FIELD'), JSON.stringify(errors));
    assert.equal((await h.api('POST', '/v1/templates/validate', [1, 2])).body.valid, false);
  });
});

describe('POST /v1/templates/validate takes the body of POST /v1/templates', () => {
  let h: Harness;
  withHarness((harness) => (h = harness));

  test('{"document": …} validates the document inside, with pointers into the document', async () => {
    const ok = await h.api('POST', '/v1/templates/validate', { document: EXAMPLES.survey, name: 'nps', note: 'first' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.valid, true, JSON.stringify(ok.body.errors));
    const bad = await h.api('POST', '/v1/templates/validate', { document: { ...EXAMPLES.survey, version: 2 } });
    assert.equal(bad.body.valid, false);
    assert.ok((bad.body.errors as Array<{ pointer: string }>).some((e) => e.pointer === '/version'), bad.text);
  });

  test('the same body saves with POST /v1/templates', async () => {
    const body = { document: EXAMPLES.orderShipped };
    assert.equal((await h.api('POST', '/v1/templates/validate', body)).body.valid, true);
    assert.equal((await h.api('POST', '/v1/templates', body)).status, 201);
  });

  test('a bare document is still accepted; an unknown field beside "document" is refused', async () => {
    assert.equal((await h.api('POST', '/v1/templates/validate', EXAMPLES.survey)).body.valid, true);
    const res = await h.api('POST', '/v1/templates/validate', { document: EXAMPLES.survey, nmae: 'x' });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'PORM_UNKNOWN_FIELD');
  });
});
