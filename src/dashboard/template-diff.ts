import { diffLines } from 'diff';

// The lines that changed between two revisions of a template, as the revisions page shows them:
// both documents pretty-printed the same way (so only content differs, never formatting), diffed
// by line with jsdiff, and long unchanged stretches folded to a few lines of context.

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; oldLine: number | null; newLine: number | null; text: string }
  | { kind: 'folded'; count: number };

export interface RevisionDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** True when the documents were too different to diff in the time allowed. */
  tooLarge: boolean;
}

const CONTEXT = 3;
/** A diff of two huge, unrelated documents can take long; past this it is not shown. */
const DIFF_TIMEOUT_MS = 1500;

export const prettyDocument = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

export function revisionDiff(before: unknown, after: unknown): RevisionDiff {
  const changes = diffLines(prettyDocument(before), prettyDocument(after), { timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return { rows: [], added: 0, removed: 0, tooLarge: true };
  const all: Array<Extract<DiffRow, { text: string }>> = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    const lines = change.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (change.added) all.push({ kind: 'added', oldLine: null, newLine: newLine++, text });
      else if (change.removed) all.push({ kind: 'removed', oldLine: oldLine++, newLine: null, text });
      else all.push({ kind: 'same', oldLine: oldLine++, newLine: newLine++, text });
    }
  }
  // Keep every changed line and CONTEXT lines around each; fold the rest.
  const keep = all.map((r) => r.kind !== 'same');
  all.forEach((r, i) => {
    if (r.kind === 'same') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(all.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const rows: DiffRow[] = [];
  let folded = 0;
  all.forEach((r, i) => {
    if (keep[i]) {
      if (folded > 0) rows.push({ kind: 'folded', count: folded });
      folded = 0;
      rows.push(r);
    } else folded++;
  });
  if (folded > 0) rows.push({ kind: 'folded', count: folded });
  return { rows, added: all.filter((r) => r.kind === 'added').length, removed: all.filter((r) => r.kind === 'removed').length, tooLarge: false };
}
