import { createWriteStream } from 'node:fs';

// The generated contacts file both import benches read (contacts-import, campaign): phone, name,
// tags and plan for `rows` contacts, with valid US numbers spread over zones by area code.

const AREA_CODES = ['212', '305', '623', '808', '907', '208', '405', '410', '203', '206', '312', '415', '617', '702', '713'];

export const numberFor = (i: number): string => `+1${AREA_CODES[i % AREA_CODES.length]}${String(2_000_000 + Math.floor(i / AREA_CODES.length)).padStart(7, '0')}`;

/** Writes the file in 1 MiB chunks, waiting for the stream to drain (memory stays flat for any size). */
export async function writeContactsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('phone,name,tags,plan\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${numberFor(i)},Person ${i},${i % 3 === 0 ? 'vip' : ''},${i % 2 === 0 ? 'gold' : 'silver'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}
