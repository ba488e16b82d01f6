// Writes docs/errors.md from the error registry: `node --import tsx scripts/gen-error-docs.ts`.
// A test fails when the file and the registry disagree, so the docs cannot drift.
import { writeFileSync } from 'node:fs';
import { renderErrorDocs } from '../src/error-docs.ts';

writeFileSync('docs/errors.md', renderErrorDocs());
console.log('wrote docs/errors.md');
