import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

// A fresh `npm install` / `npm ci` prints no warnings (issue #10): no project npm config npm does
// not know, and no locked package whose engines refuse the oldest Node porm supports. (Checked on
// the files; the install itself was verified by hand with `npm ci` in a clean copy.)

const root = new URL('../', import.meta.url);
const json = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, root), 'utf8')) as Record<string, unknown>;

/** Does `version` (x.y.z) satisfy an engines range of the forms npm packages use (>=, <, ^, x.x, *, ||)? */
function satisfies(version: string, range: string): boolean {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  const parts = (v: string): [number, number, number] => {
    const [a = '0', b = '0', c = '0'] = v.split('.');
    const n = (s: string): number => (/^\d+$/.test(s) ? Number(s) : 0);
    return [n(a), n(b), n(c)];
  };
  const atLeast = ([a, b, c]: [number, number, number]): boolean => major !== a ? major > a : minor !== b ? minor > b : patch >= c;
  return range.split('||').some((alternative) => alternative.trim().replace(/(>=|<|\^)\s+/g, '$1').split(/\s+/).every((comparator) => {
    if (comparator === '' || comparator === '*') return true;
    if (comparator.startsWith('>=')) return atLeast(parts(comparator.slice(2)));
    if (comparator.startsWith('<') && !comparator.startsWith('<=')) return !atLeast(parts(comparator.slice(1)));
    if (comparator.startsWith('^')) return parts(comparator.slice(1))[0] === major && atLeast(parts(comparator.slice(1)));
    if (/^\d+(\.(x|\*))*$/.test(comparator)) return Number(comparator.split('.')[0]) === major;
    throw new Error(`engines range not understood: ${range}`);
  }));
}

test('no project .npmrc key npm warns about; better-sqlite3 is still built from source', () => {
  const npmrc = new URL('.npmrc', root);
  if (existsSync(npmrc)) assert.doesNotMatch(readFileSync(npmrc, 'utf8'), /^\s*build-from-source\s*=/m);
  // prebuild-install (better-sqlite3's install step) reads this file from the package's directory upwards.
  assert.match(readFileSync(new URL('.prebuild-installrc', root), 'utf8'), /^buildFromSource=true$/m);
});

test('every locked package runs on the oldest supported Node (no EBADENGINE)', () => {
  const engines = (json('package.json').engines as { node: string }).node;
  const oldest = /^>=(\d+\.\d+(?:\.\d+)?)$/.exec(engines)?.[1];
  assert.ok(oldest, `package.json engines.node is a lower bound: ${engines}`);
  const version = oldest.split('.').length === 2 ? `${oldest}.0` : oldest;
  const refused: string[] = [];
  for (const [path, entry] of Object.entries(json('package-lock.json').packages as Record<string, { engines?: { node?: string } | string[] }>)) {
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (path !== '' && range !== undefined && !satisfies(version, range)) refused.push(`${path}: node ${range}`);
  }
  assert.deepEqual(refused, []);
  assert.ok(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24') && !satisfies('20.18.0', '>=22') && satisfies('20.19.0', '18 || 20 || >=22'));
});
