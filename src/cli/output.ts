// Terminal output helpers: humans get aligned text, scripts get --json.

export interface Output {
  json: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printTable(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  printLine(line(columns.map((c) => c.toUpperCase())));
  for (const row of rows) printLine(line(columns.map((c) => row[c] ?? '')));
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`porm: ${message}\n`);
  process.exit(code);
}
