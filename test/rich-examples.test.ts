import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { EXAMPLE_FILES, exampleFileText } from '../src/rich/format/example-files.ts';
import { SCENARIO_APP_SCHEMES } from '../src/rich/format/scenarios.ts';
import { validateTemplate } from '../src/rich/format/index.ts';

// Every file the rich-message docs name ships, validates, and is the tested document (issue #10).
const DOCS = ['docs/rich-messages.md', 'docs/templates.md'];
const named = (text: string): string[] => [...new Set([...text.matchAll(/examples\/[\w.-]+\.json/g)].map((m) => m[0]))];

describe('the files the rich-message docs name', () => {
  const all = DOCS.flatMap((d) => named(readFileSync(d, 'utf8')));

  test('the docs name files under examples/, and no example is left unnamed', () => {
    assert.ok(all.includes('examples/clinic-reminder.json'), 'the send example names its file');
    for (const path of Object.keys(EXAMPLE_FILES)) assert.ok(all.includes(path), `${path} is named by the docs`);
    // Template documents only: examples/ also holds other files the docs use (a PDU in JSON, pictures).
    const isTemplate = (file: string): boolean => 'components' in (JSON.parse(readFileSync(`examples/${file}`, 'utf8')) as object);
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.json') && !f.includes('.data.') && isTemplate(f))) {
      assert.ok(`examples/${file}` in EXAMPLE_FILES, `examples/${file} is a known example`);
    }
  });

  for (const path of new Set(all)) {
    test(`${path} exists, validates and is the tested document`, () => {
      assert.ok(existsSync(path), `${path} ships (run node --import tsx scripts/gen-rich-examples.ts)`);
      const text = readFileSync(path, 'utf8');
      const r = validateTemplate(JSON.parse(text), { urlSchemes: ['https', 'http', 'tel', 'sms', 'mailto', 'geo', ...SCENARIO_APP_SCHEMES] });
      assert.deepEqual(r.ok ? [] : r.errors, []);
      const doc = EXAMPLE_FILES[path];
      assert.ok(doc, `${path} comes from src/rich/format/example-files.ts`);
      assert.equal(text, exampleFileText(doc), `${path} is up to date (run node --import tsx scripts/gen-rich-examples.ts)`);
    });
  }

  test('each document printed in docs/templates.md is its file', () => {
    const md = readFileSync('docs/templates.md', 'utf8');
    const printed = [...md.matchAll(/The file \[`(examples\/[\w.-]+\.json)`\][^\n]*\n(?:[^\n]*\n)*?```json\n([\s\S]*?)\n```\n/g)];
    assert.equal(printed.length, 4, 'the four reference examples are printed');
    for (const [, path, json] of printed) assert.equal(`${json}\n`, readFileSync(path!, 'utf8'), `${path} as printed`);
  });
});
