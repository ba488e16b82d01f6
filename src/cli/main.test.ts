import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUBCOMMANDS } from './main.ts';

// `porm --help` shows main.ts's summaries without loading the commands; they must say what the
// commands themselves say.
test('every lazily registered subcommand builds a command of its name and summary', async () => {
  for (const sub of SUBCOMMANDS) {
    const command = await sub.load();
    assert.equal(command.name(), sub.name);
    assert.equal(command.description(), sub.summary, `summary of ${sub.name}`);
  }
});
