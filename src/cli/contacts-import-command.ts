import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Command } from 'commander';
import { PormError } from '../errors.ts';
import type { ImportOptions } from '../contacts/import/options.ts';
import type { ImportEncoding } from '../contacts/import/decode.ts';
import { importResource } from '../api/routes/imports.ts';
import { accountFor, explain, withServices } from './context.ts';
import { fail, printJson, printLine } from './output.ts';
import { ImportProgressBar } from './import-progress.ts';

// `porm contacts import FILE`: the same import as POST /v1/imports, run here in the foreground
// through the service (never HTTP), with a progress bar on stderr.

interface Flags {
  map?: string[];
  defaultCountry?: string;
  onDuplicate?: string;
  list?: string;
  encoding?: string;
  consentWording?: string;
  consentSource?: string;
  consentUrl?: string;
  program?: string;
  errors?: string;
  account?: string;
  json?: boolean;
}

function mapping(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) fail(`--map takes Header=field (field: phone, name, time_zone, locale, tags, attributes.<key>, ignore), not "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function contactsImportCommand(): Command {
  return new Command('import')
    .description('import contacts from a CSV file (a header row, then one contact a row), with progress')
    .argument('<file>', 'the CSV file')
    .option('--map <Header=field>', 'map a column to a field: phone, name, time_zone, locale, tags, attributes.<key>, ignore (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--default-country <CC>', 'how numbers without + are read (default US)')
    .option('--on-duplicate <mode>', 'update (default) or skip contacts that exist')
    .option('--list <lst_…>', 'add every imported contact to this list')
    .option('--encoding <name>', 'auto (default: BOM, else UTF-8), utf-8, utf-16le, utf-16be, latin1, windows-1252')
    .option('--consent-wording <text>', 'record an opt-in for each row with the wording people agreed to')
    .option('--consent-source <source>', 'import (default), web_form or api')
    .option('--consent-url <url>', 'the sign-up form\'s URL (required for web_form)')
    .option('--program <prg_…>', 'the program the opt-ins are for (default: the account\'s default)')
    .option('--errors <file>', 'write the per-row error report (CSV) here')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print the import as JSON')
    .action(async (file: string, flags: Flags, command: Command) => {
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        fail(`cannot read ${file}`, 'PORM_CLI_FILE_UNREADABLE');
      }
      const options: ImportOptions = {
        ...(flags.map ? { columns: mapping(flags.map) } : {}),
        ...(flags.defaultCountry ? { defaultCountry: flags.defaultCountry } : {}),
        ...(flags.onDuplicate ? { onDuplicate: flags.onDuplicate as 'update' | 'skip' } : {}),
        ...(flags.list ? { listId: flags.list } : {}),
        ...(flags.encoding ? { encoding: flags.encoding as ImportEncoding } : {}),
        ...(flags.consentWording !== undefined ? { consent: {
          wording: flags.consentWording, ...(flags.consentSource ? { source: flags.consentSource as 'import' } : {}),
          ...(flags.consentUrl ? { url: flags.consentUrl } : {}), ...(flags.program ? { programId: flags.program } : {}),
        } } : {}),
      };
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const imports = services.contacts.imports;
        try {
          const created = await imports.create(accountId, file.split('/').pop() ?? file, options);
          const bar = flags.json ? undefined : new ImportProgressBar(process.stderr, size);
          let ended;
          try {
            ended = await imports.run(accountId, created.id, createReadStream(file, { highWaterMark: 256 * 1024 }), (p) => bar?.update(p.rowsRead, p.bytesRead));
          } finally {
            bar?.done();
          }
          if (flags.errors) {
            const out = createWriteStream(flags.errors);
            for await (const line of imports.errorsCsv(accountId, created.id)) out.write(`${line}\r\n`);
            await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
          }
          if (flags.json) printJson(importResource(ended));
          else {
            printLine(`import ${ended.id}: ${ended.status}; ${ended.rowsRead} rows: ${ended.created} created, ${ended.updated} updated, ${ended.skipped} skipped, ${ended.duplicates} duplicates, ${ended.invalid} invalid, ${ended.consents} opt-ins recorded`);
            if (ended.errorCode) printLine(`failed: ${ended.errorMessage ?? ''} [${ended.errorCode}]`);
          }
          if (ended.status === 'failed') process.exitCode = 1;
        } catch (err) {
          if (flags.json && err instanceof PormError) {
            printJson({ error: { code: err.code, message: err.message, errors: err.fields } });
            process.exit(1);
          }
          explain(err);
        }
      });
    });
}
