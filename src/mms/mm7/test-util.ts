import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Helpers for the *.test.ts files of this folder only (never imported by codec code).

export const NS6 = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4';

/** The envelope the builder writes around `body`, spelled out so tests stay byte-exact. */
export function envelope(tx: string, body: string, ns = NS6): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<env:Header><mm7:TransactionID xmlns:mm7="${ns}" env:mustUnderstand="1">${tx}</mm7:TransactionID></env:Header>` +
    `<env:Body>${body}</env:Body></env:Envelope>`
  );
}

/** The `code` of what `fn` throws, or undefined when it returns. */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? `untyped: ${String(err)}`;
  }
}

/** Local names of the direct children of the first `parent` element, in document order. */
export function topLevelChildren(xml: string, parent: string): string[] {
  const start = xml.indexOf(`<${parent} `);
  const body = xml.slice(xml.indexOf('>', start) + 1, xml.indexOf(`</${parent}>`));
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z0-9]+)[^>]*?(\/?)>/g)) {
    if (m[1] === '/') depth--;
    else {
      if (depth === 0) names.push(m[2]!);
      if (m[3] !== '/') depth++;
    }
  }
  return names;
}

/** `../shared/fixtures/mm7` relative to the repository root, or undefined when absent. */
export const MM7_FIXTURES: string | undefined = (() => {
  const dir = fileURLToPath(new URL('../../../../shared/fixtures/mm7/', import.meta.url));
  return existsSync(dir) ? dir : undefined;
})();
