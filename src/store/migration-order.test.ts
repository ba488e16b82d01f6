import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allMigrations } from './migrate.ts';

// Kysely's Migrator refuses a database whose applied migrations are not a prefix of the list
// ("corrupted migrations"), so a migration numbered below one that has shipped breaks every
// existing install on upgrade. New migrations take a number above the highest.
test('migrations are listed in ascending order of their numbers, each number once', () => {
  const names = Object.keys(allMigrations());
  const numbers = names.map((n) => Number(n.slice(0, 4)));
  assert.ok(numbers.every((n) => Number.isInteger(n) && n > 0), names.join(', '));
  for (let i = 1; i < numbers.length; i += 1) {
    assert.ok(numbers[i]! > numbers[i - 1]!, `${names[i]} comes after ${names[i - 1]}: number it above the highest shipped migration`);
  }
});
