// Pure matching of what an example printed against what its doc says it prints. Docs show the fields a
// reader cares about, not every field, so JSON is matched as a subset; "…" stands for text the doc
// cannot know (ids, times): "msg_…" matches any string starting "msg_".

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A string with "…" in it matches when its pieces occur in order, anchored at the ends the "…" does not open. */
export function matchesText(expected: string, actual: string): boolean {
  if (!expected.includes('…')) return expected === actual;
  const pieces = expected.split('…');
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i === 0) {
      if (!actual.startsWith(piece)) return false;
      at = piece.length;
      continue;
    }
    if (i === pieces.length - 1) return piece === '' || (actual.length - piece.length >= at && actual.endsWith(piece));
    const found = actual.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/** The first difference between expected and actual, as a path and reason, or undefined when it matches. */
export function subsetMismatch(expected: Json, actual: unknown, path = '$'): string | undefined {
  if (typeof expected === 'string') {
    return typeof actual === 'string' && matchesText(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    // A last element "…" means "and more": the doc shows the first elements only.
    const open = expected.length > 0 && expected[expected.length - 1] === '…';
    const shown = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < shown.length : actual.length !== shown.length) return `${path}: expected ${open ? 'at least ' : ''}${shown.length} elements, got ${actual.length}`;
    for (let i = 0; i < shown.length; i++) {
      const miss = subsetMismatch(shown[i] ?? null, actual[i], `${path}[${i}]`);
      if (miss) return miss;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const record = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in record)) return `${path}.${key}: missing`;
      const miss = subsetMismatch(value, record[key], `${path}.${key}`);
      if (miss) return miss;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function parseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks a step's output against its expectation. A JSON expectation must match (as a subset) the whole
 * output or one of its lines (curl -i prints headers first; a CLI may print several lines); any other
 * expectation must occur in the output, whitespace runs compared as one space and "…" as any text.
 */
export function checkOutput(expect: string, output: string): string | undefined {
  const wanted = parseJson(expect);
  if (wanted.ok && typeof wanted.value === 'object' && wanted.value !== null) {
    // The whole output, each one-line document, and the rest of the output from each line that opens a
    // document at its start (a CLI may print a note, then pretty-printed JSON).
    const lines = output.split('\n');
    const candidates = [
      output.trim(),
      ...lines.map((l) => l.trim()).filter((l) => l.startsWith('{') || l.startsWith('[')),
      ...lines.flatMap((l, i) => (l.startsWith('{') || l.startsWith('[') ? [lines.slice(i).join('\n')] : [])),
    ];
    let first: string | undefined;
    for (const candidate of candidates) {
      const got = parseJson(candidate);
      if (!got.ok) continue;
      const miss = subsetMismatch(wanted.value, got.value);
      if (!miss) return undefined;
      first ??= miss;
    }
    return first ?? `expected JSON ${expect}, but the output holds none: ${JSON.stringify(output.slice(0, 300))}`;
  }
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const text = norm(output);
  const pieces = norm(expect).split('…').map((p) => p.trim()).filter((p) => p !== '');
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    if (found < 0) return `expected the output to contain ${JSON.stringify(piece)}: ${JSON.stringify(output.slice(0, 400))}`;
    at = found + piece.length;
  }
  return undefined;
}
