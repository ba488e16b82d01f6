// Pure Markdown parsing for the docs test: fenced code blocks, the `<!-- docs-test: … -->` marker before
// each, and the `# → …` expectations inside shell blocks. No I/O, so it is unit-tested on strings.

/** What the comment right before a block tells the docs test to do with it. */
export type Marker =
  | { kind: 'skip'; reason: string }
  /** A JSON config file: it must load and validate through porm's loadConfig. */
  | { kind: 'config' }
  /** A JSON request body: sent to the started porm with this method and path, it must be accepted (2xx). */
  | { kind: 'body'; method: string; path: string }
  /** A JSON block showing what the previous shell block's last command prints (matched as a subset). */
  | { kind: 'output' }
  /** A rich-message template document (docs/templates.md): it must pass porm's validator. */
  | { kind: 'template' };

export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  marker?: Marker;
}

export interface MarkerError {
  line: number;
  message: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$/;
const MARKER = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

export function parseMarker(spec: string): Marker | string {
  const skip = /^skip\s*(?:[—–-]+|:)\s*(.+)$/.exec(spec);
  if (skip?.[1]) return { kind: 'skip', reason: skip[1].trim() };
  if (spec === 'skip') return 'a skip needs a reason: <!-- docs-test: skip — why -->';
  if (spec === 'config') return { kind: 'config' };
  if (spec === 'output') return { kind: 'output' };
  if (spec === 'template') return { kind: 'template' };
  const body = /^body\s+(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)$/.exec(spec);
  if (body?.[1] && body[2]) return { kind: 'body', method: body[1], path: body[2] };
  return `unknown docs-test marker "${spec}" (skip — reason | config | output | template | body METHOD /path)`;
}

/** Every fenced block of a Markdown text, with the marker on the nearest non-blank line above it. */
export function extractBlocks(markdown: string): { blocks: CodeBlock[]; errors: MarkerError[] } {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  const errors: MarkerError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const fence = open[2] ?? '```';
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    const block: CodeBlock = { line: i + 1, lang: (open[3] ?? '').toLowerCase(), text: body.join('\n') };
    let k = i - 1;
    while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
    const marker = MARKER.exec(lines[k] ?? '');
    if (marker) {
      const parsed = parseMarker(marker[1] ?? '');
      if (typeof parsed === 'string') errors.push({ line: k + 1, message: parsed });
      else block.marker = parsed;
    }
    blocks.push(block);
    i = j;
  }
  return { blocks, errors };
}

/** A run of shell lines and what the doc says they print (the `# → …` lines that end the run). */
export interface Step {
  /** 1-based line inside the block where the step starts. */
  line: number;
  script: string;
  /** The expectation text, or undefined when the step only has to exit 0. */
  expect?: string;
  /** The exit status the doc says the step ends with (`# → (exit 2) …`); 0 unless said. */
  exitCode: number;
}

const ARROW = /^\s*#\s*→\s?(.*)$/;
const CONTINUATION = /^\s*#\s{2,}(.*)$/;
const EXIT = /^\(exit (\d+)\)\s*/;

/**
 * Splits a shell block at its `# → …` lines: each expectation ends a step and applies to what the lines
 * since the previous one printed. `#   …` lines right after an arrow continue it (long JSON wraps).
 */
export function splitSteps(text: string): Step[] {
  const lines = text.split('\n');
  const steps: Step[] = [];
  let script: string[] = [];
  let start = 1;
  for (let i = 0; i < lines.length; i++) {
    const arrow = ARROW.exec(lines[i] ?? '');
    if (!arrow) {
      script.push(lines[i] ?? '');
      continue;
    }
    const parts = [arrow[1] ?? ''];
    while (i + 1 < lines.length) {
      const more = CONTINUATION.exec(lines[i + 1] ?? '');
      if (!more || ARROW.test(lines[i + 1] ?? '')) break;
      parts.push(more[1] ?? '');
      i++;
    }
    let expect = parts.join(' ').trim();
    let exitCode = 0;
    const exit = EXIT.exec(expect);
    if (exit?.[1]) {
      exitCode = Number(exit[1]);
      expect = expect.slice(exit[0].length);
    }
    const step: Step = { line: start, script: script.join('\n'), exitCode };
    if (expect !== '') step.expect = expect;
    steps.push(step);
    script = [];
    start = i + 2;
  }
  if (script.some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) steps.push({ line: start, script: script.join('\n'), exitCode: 0 });
  return steps;
}
