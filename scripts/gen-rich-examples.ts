// Writes examples/*.json from the tested template documents: `node --import tsx scripts/gen-rich-examples.ts`.
// test/rich-examples.test.ts fails when a file, or a document printed in docs/templates.md, disagrees.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXAMPLE_FILES, exampleFileText } from '../src/rich/format/example-files.ts';

for (const [path, doc] of Object.entries(EXAMPLE_FILES)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, exampleFileText(doc));
  console.log(`wrote ${path}`);
}
