import { Command } from 'commander';
import { exitQuietlyOnClosedStdout, explain, printError, setJsonErrors } from './output.ts';

// Subcommands are imported only when they run: `porm --help` loads commander and this file, and
// `porm messages list` loads the store but never Fastify or sharp. Add a subcommand with one line
// here: its name, the one-line summary `porm --help` shows (the same text as the command's own
// .description(), which a test checks), and the import of the module that builds it.
interface Subcommand {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'start', summary: 'start porm: API, workers and the sandbox carrier (embedded SQLite by default)', load: async () => (await import('./start-command.ts')).startCommand() },
  { name: 'send', summary: 'send a message (uploads --media files first); a running `porm start` delivers it', load: async () => (await import('./send-command.ts')).sendCommand() },
  { name: 'messages', summary: 'list and inspect messages', load: async () => (await import('./messages-command.ts')).messagesCommand() },
  { name: 'keys', summary: 'manage API keys', load: async () => (await import('./keys-command.ts')).keysCommand() },
  { name: 'users', summary: 'dashboard users: invite, reset a password, list', load: async () => (await import('./users-command.ts')).usersCommand() },
  { name: 'accounts', summary: 'manage accounts (each has its own messages, media, keys and webhooks)', load: async () => (await import('./accounts-command.ts')).accountsCommand() },
  { name: 'migrate', summary: 'bring the database schema up to date (porm start also does this)', load: async () => (await import('./migrate-command.ts')).migrateCommand() },
  { name: 'pdu', summary: 'decode and encode binary MMS (MM1) PDUs', load: async () => (await import('./pdu-command.ts')).pduCommand() },
  { name: 'sandbox-mmsc', summary: 'run the MM7 MMSC simulator on its own (SubmitReq in, SubmitRsp and DeliveryReportReq out)', load: async () => (await import('./sandbox-mmsc-command.ts')).sandboxMmscCommand() },
  { name: 'sandbox-mm1', summary: 'run a sandbox MM1 MMSC on its own (m-send-req over HTTP; delivery reports as WAP Push SMS from a sandbox SMSC)', load: async () => (await import('./sandbox-mm1-command.ts')).sandboxMm1Command() },
  { name: 'sandbox-mm4', summary: 'run a sandbox peer MMSC for MM4 on its own (MM4_forward.REQ in over SMTP; forward.RES and delivery reports out)', load: async () => (await import('./sandbox-mm4-command.ts')).sandboxMm4Command() },
  { name: 'sandbox-smsc', summary: 'run the SMPP 3.4 SMSC simulator on its own (binds, submit_sm, delivery receipts)', load: async () => (await import('./sandbox-smsc-command.ts')).sandboxSmscCommand() },
  { name: 'media', summary: 'work with media files', load: async () => (await import('./media-command.ts')).mediaCommand() },
  { name: 'sandbox', summary: 'play the sandbox handset: replies and delivery failures', load: async () => (await import('./sandbox-command.ts')).sandboxCommand() },
  { name: 'numbers', summary: 'sender numbers owned by an account (E.164, short codes, alphanumeric sender ids)', load: async () => (await import('./numbers-command.ts')).numbersCommand() },
  { name: 'inbound', summary: 'inbound messages (MOs)', load: async () => (await import('./numbers-command.ts')).inboundCommand() },
  { name: 'programs', summary: 'compliance programs: quiet hours, frequency caps, keywords, consent and double opt-in', load: async () => (await import('./programs-command.ts')).programsCommand() },
  { name: 'consents', summary: 'the consent ledger: a number\'s history, recording an opt-in with its proof, CSV export', load: async () => (await import('./consents-command.ts')).consentsCommand() },
  { name: 'suppressions', summary: 'suppression lists: numbers porm sends nothing to (list, add, remove)', load: async () => (await import('./suppressions-command.ts')).suppressionsCommand() },
  { name: 'contacts', summary: 'contacts: add, list, show, timeline, remove, import a CSV', load: async () => (await import('./contacts-command.ts')).contactsCommand() },
  { name: 'lists', summary: 'contact lists', load: async () => (await import('./contacts-command.ts')).listsCommand() },
  { name: 'segments', summary: 'segments: preview a rule, create, list, show, remove', load: async () => (await import('./segments-command.ts')).segmentsCommand() },
  { name: 'campaigns', summary: 'campaigns: create, list, show, dry-run, start, pause, resume, cancel', load: async () => (await import('./campaigns-command.ts')).campaignsCommand() },
];

/**
 * The porm program. Each subcommand is a placeholder with its name and summary, unless `loaded`
 * holds the real one; `chosen` is called with the subcommand whose placeholder was invoked.
 */
export function buildProgram(loaded?: Command, chosen?: (sub: Subcommand) => void): Command {
  const program = new Command('porm')
    .description('porm: self-hosted MMS and rich messaging')
    .option('--data <dir>', 'data directory (default ./data, or PORM_DATA_DIR)')
    .option('--config <file>', 'JSON config file (or PORM_CONFIG)')
    .option('--database-url <url>', 'PostgreSQL for distributed mode, postgres://… (or PORM_DATABASE_URL; default: SQLite under --data)')
    .showHelpAfterError();
  for (const sub of SUBCOMMANDS) {
    if (loaded?.name() === sub.name) {
      program.addCommand(loaded);
      continue;
    }
    // A placeholder accepts anything (its --help too): the real command parses it all again.
    program.command(sub.name).description(sub.summary)
      .helpOption(false).allowUnknownOption().allowExcessArguments()
      .action(() => chosen?.(sub));
  }
  if (chosen) {
    // Commander answers `porm help NAME` with NAME's help at once, which would be the placeholder's:
    // this help command picks NAME like its placeholder does, and the real command answers.
    program.helpCommand(false).command('help [command]').description('display help for command').allowExcessArguments()
      .action((name?: string) => {
        const sub = SUBCOMMANDS.find((s) => s.name === name);
        if (sub) chosen(sub);
        else program.help(name === undefined ? undefined : { error: true });
      });
  }
  return program;
}

/**
 * Commander's own errors (unknown option, missing argument) in porm's form, `porm: … [PORM_CLI_USAGE]`
 * or JSON under --json, on this command and every command below it (settings are not inherited
 * by commands built elsewhere and added with addCommand).
 */
function reportUsageErrors(command: Command, json: () => boolean): Command {
  command.configureOutput({
    outputError: (text) => printError({ code: 'PORM_CLI_USAGE', message: text.trim().replace(/^error: /, '') }),
    // The usage shown after an error (showHelpAfterError) is for people, not for a JSON reader.
    writeErr: (text) => (json() ? undefined : process.stderr.write(text)),
  });
  for (const sub of command.commands) reportUsageErrors(sub, json);
  return command;
}

export async function runCli(argv: string[]): Promise<void> {
  exitQuietlyOnClosedStdout();
  // Until the command's own options are parsed (a usage error comes before that), --json anywhere
  // before `--` asks for JSON errors; then the chosen command's own --json option decides.
  const args = argv.slice(2);
  let json = args.slice(0, args.includes('--') ? args.indexOf('--') : undefined).includes('--json');
  setJsonErrors(json);
  const isJson = (): boolean => json;
  try {
    const chosen: { sub?: Subcommand } = {};
    await reportUsageErrors(buildProgram(undefined, (sub) => (chosen.sub = sub)), isJson).parseAsync(argv);
    // The same arguments again, now with the real subcommand: its options, help and errors.
    if (chosen.sub) {
      const program = reportUsageErrors(buildProgram(await chosen.sub.load()), isJson);
      program.hook('preAction', (_program, action) => setJsonErrors((json = action.opts<{ json?: boolean }>().json === true)));
      await program.parseAsync(argv);
    }
  } catch (err) {
    // Every command's errors end here unless it reported them itself: always with their code.
    explain(err);
  }
}
