// Where the shared interop fixtures live. They are read in place, never copied into porm
// (../shared/fixtures/README.md); tests skip, saying so, when the folder is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURES = resolve(REPO_ROOT, '../shared/fixtures');
export const MMS_FIXTURES = join(FIXTURES, 'mms');
export const SHARED_TOOLS = resolve(REPO_ROOT, '../shared/tools');
export const haveFixtures = existsSync(join(MMS_FIXTURES, 'EXPECTED.md'));
export const fixturesSkip = haveFixtures ? false : 'skipped: ../shared/fixtures not found';

/** `conformance/x.mms`-style names of every sample PDU. */
export function fixturePdus(): string[] {
  if (!haveFixtures) return [];
  return ['conformance', 'handsets'].flatMap((dir) => readdirSync(join(MMS_FIXTURES, dir)).sort().map((f) => `${dir}/${f}`));
}
