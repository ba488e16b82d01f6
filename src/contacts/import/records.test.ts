import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvRecords, frameRecords } from './records.ts';

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

test('records without quotes get the cells csv-parse gives them, beside quoted ones in the same batch', async () => {
  // Seeded, so a failure reproduces: commas, spaces, tabs, empty cells, non-ASCII, apostrophes.
  let seed = 15;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const alphabet = ['a', 'Z', '0', '9', ',', ',', ' ', '\t', '\'', 'é', '中', '😀', '+', '-', ';', '|', '\\', '=', '#'];
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: 1 + next(40) }, () => alphabet[next(alphabet.length)]).join('');
    if (text.trim() !== '') lines.push(text);
  }
  // Some quoted records among them, which csv-parse still reads.
  for (let i = 0; i < lines.length; i += 7) lines[i] = `"${lines[i]!.replaceAll('"', '')}",x`;
  const got: string[][] = [];
  for await (const batch of csvRecords(chunks(lines.join('\n')))) {
    for (const item of batch) {
      assert.equal(item.kind, 'record');
      if (item.kind === 'record') got.push(item.cells);
    }
  }
  assert.equal(got.length, lines.length);
  lines.forEach((line, i) => assert.deepEqual(got[i], (parse(line, { relax_column_count: true }) as string[][])[0], line));
});
