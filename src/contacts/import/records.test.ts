import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameRecords } from './records.ts';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

async function framed(text: string): Promise<Array<string | number>> {
  const out: Array<string | number> = [];
  for await (const r of frameRecords(chunks(text))) out.push('kind' in r ? r.line : r.text);
  return out;
}

test('a quoted line break stays in its record', async () => {
  assert.deepEqual(await framed('phone,name\n+14155550100,"Ana\nMaria"\n+14155550101,Bo\n'), ['phone,name', '+14155550100,"Ana\nMaria"', '+14155550101,Bo']);
});

test('a quote still open at the end of the file costs its own row only: the lines after it are framed again', async () => {
  assert.deepEqual(await framed('phone,name\n+14155550100,"Ana\n+14155550101,Bo\n+14155550102,Cy'), ['phone,name', 2, '+14155550101,Bo', '+14155550102,Cy']);
});

test('a stray quote in the middle costs its row; a line that is bad on its own is reported too', async () => {
  assert.deepEqual(await framed('phone,name\n+14155550100,"Ana\n+14155550101,Bo"x\n+14155550102,Cy\n'), ['phone,name', 2, 3, '+14155550102,Cy']);
});
