// Pure matching of what an example printed against what its doc says it prints. Docs show the fields a
// reader cares about, not every field, so JSON is matched as a subset; "…" stands for text the doc
// cannot know (ids, times): "msg_…" matches any string starting "msg_".

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Values a doc shows from a real run but a new run cannot repeat: porm ids (`msg_01m80htk47dzxd3ze8q00xcfb0`),
// request ids, sandbox carrier ids, webhook secrets and timestamps. Each matches any value of its own kind, so docs can show
// realistic answers; "…" matches any text.
const VOLATILE: ReadonlyArray<[RegExp, (m: string) => string]> = [
  [/\b([a-z]{2,5})_[0-9a-hjkmnp-tv-z]{26}\b/g, (m) => `${m.slice(0, m.indexOf('_'))}_[0-9a-hjkmnp-tv-z]{26}`],
  [/\breq_[0-9a-z]{14}\b/g, () => 'req_[0-9a-z]+'],
  [/\bSBX[0-9A-F]{24}\b/g, () => 'SBX[0-9A-F]{24}'],
  [/\bwhsec_[A-Za-z0-9+/]{43}=/g, () => 'whsec_[A-Za-z0-9+/]{43}='],
  // Twilio-style SIDs and RFC 2822 dates (docs/twilio.md).
  [/\b(?:AC|SM|MM|ME|SK|MG)[0-9a-f]{32}\b/g, (m) => `${m.slice(0, 2)}[0-9a-f]{32}`],
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000/g, () => '[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000'],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, () => '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z'],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern a documented string stands for: volatile values as their kind, "…" as any text. */
export function patternOf(expected: string): RegExp {
  const marks: string[] = [];
  let text = expected;
  for (const [re, pattern] of VOLATILE) {
    text = text.replace(re, (m) => {
      marks.push(pattern(m));
      return `\uE000${marks.length - 1}\uE000`;
    });
  }
  const source = text
    .split('…')
    .map((piece) => escapeRegExp(piece).replace(/\uE000(\d+)\uE000/g, (_m, i: string) => marks[Number(i)] ?? ''))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`);
}

/** Whether a string an example printed is the one its doc shows (see patternOf). */
export function matchesText(expected: string, actual: string): boolean {
  return expected === actual || patternOf(expected).test(actual);
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
      if (key === '…') continue; // `"…": "…"` in a doc: and more fields
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
  const pattern = patternOf(norm(expect));
  const inner = pattern.source.slice(1, -1);
  if (new RegExp(inner).test(text)) return undefined;
  return `expected the output to contain ${JSON.stringify(norm(expect))}: ${JSON.stringify(output.slice(0, 400))}`;
}
