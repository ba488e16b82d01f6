import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementName } from './guarded-pool.ts';

const thrice = (text: string): Array<string | undefined> => [statementName(text), statementName(text), statementName(text)];

test('statement names: a text is named on its third run and keeps its name; transaction control never is', () => {
  const [first, second, a] = thrice('select * from messages where id = $1');
  assert.deepEqual([first, second], [undefined, undefined]);
  const b = thrice('insert into jobs (kind) values ($1)')[2];
  assert.ok(a && b && a !== b);
  assert.equal(statementName('select * from messages where id = $1'), a);
  assert.ok(thrice('  WITH x as (select 1) select * from x')[2]);
  for (const control of ['start transaction isolation level read committed', 'commit', 'rollback', 'savepoint s1', 'select1']) {
    assert.deepEqual(thrice(control), [undefined, undefined, undefined], control);
  }
});

test('statement names: texts built for one-off list lengths stay unnamed, and the names stay bounded', () => {
  const list = (n: number): string => `select * from messages where id in (${Array.from({ length: n }, (_, j) => `$${j + 1}`).join(',')})`;
  for (let i = 1; i <= 3000; i++) assert.equal(statementName(list(i)), undefined);
  const names = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    for (const name of thrice(`select ${i} from jobs where id = $1`)) if (name) names.add(name);
  }
  assert.ok(names.size > 100 && names.size <= 2000, `${names.size} named`);
});
