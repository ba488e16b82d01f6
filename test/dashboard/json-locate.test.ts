// The editor's JSON places: the syntax check agrees with JSON.parse on mangled texts (so every
// refusal has a place, and nothing JSON.parse takes is refused), and every pointer into a document
// lands on its own key or item.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSyntaxProblem, locatePointer, placeAt } from '../../src/dashboard/json-locate.ts';
import { SCENARIOS } from '../../src/rich/format/scenarios.ts';

const parses = (t: string): boolean => { try { JSON.parse(t); return true; } catch { return false; } };

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31; };
}

function pointers(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => { const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`; return [p, ...pointers(v, p)]; });
}

describe('json places', () => {
  const text = JSON.stringify(SCENARIOS.clinicReminder, null, 2);

  it('agrees with JSON.parse on thousands of mangled documents', () => {
    const next = random(17);
    const junk = ['{', '}', '[', ']', ',', ':', '"', '\\', 'e', '-', '0', ' ', '\n', 'null', '\u0001', '\\u00'];
    for (let n = 0; n < 3000; n++) {
      let t = text;
      for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
        const at = Math.floor(next() * t.length);
        const op = next();
        t = op < 0.4 ? t.slice(0, at) + t.slice(at + 1) : op < 0.8 ? t.slice(0, at) + junk[Math.floor(next() * junk.length)]! + t.slice(at) : t.slice(0, at);
      }
      const problem = jsonSyntaxProblem(t);
      assert.equal(problem === null, parses(t), JSON.stringify(t.slice(0, 200)));
      if (problem) assert.ok(problem.offset >= 0 && problem.offset <= t.length);
    }
    for (const t of ['', ' ', '1', '"x"', '[]', '{}', '-', '1.', '.5', '1e', '0x1', 'NaN', '"\t"', '"\\x"', '[' .repeat(50000), '{"a":1}}', '{"a":1,"a":2}']) {
      assert.equal(jsonSyntaxProblem(t) === null, parses(t), JSON.stringify(t.slice(0, 40)));
    }
  });

  it('puts every pointer on its key or item, and a missing one on the nearest that exists', () => {
    const doc = JSON.parse(text) as unknown;
    for (const p of pointers(doc)) {
      const { offset, exact } = locatePointer(text, p);
      assert.equal(exact, true, p);
      const last = p.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
      const parent = p.slice(0, p.lastIndexOf('/'));
      const container = parent === '' ? doc : parent.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      if (Array.isArray(container)) assert.equal(text[offset], JSON.stringify(container[Number(last)])[0], p);
      else assert.ok(text.startsWith(JSON.stringify(last), offset), `${p} at ${JSON.stringify(placeAt(text, offset))}`);
    }
    const missing = locatePointer(text, '/components/0/nope');
    assert.equal(missing.exact, false);
    assert.equal(missing.offset, locatePointer(text, '/components/0').offset);
    assert.deepEqual(locatePointer('{"a":1,"a":{"b":2}}', '/a/b'), { offset: 12, exact: true }, 'the last of repeated keys, as JSON.parse');
    assert.deepEqual(placeAt('ab\r\ncd\nef', 5), { line: 2, col: 2, offset: 5, text: 'cd' });
  });
});
