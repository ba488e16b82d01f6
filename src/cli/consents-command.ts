import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { PormError } from '../errors.ts';
import { normalizePhone } from '../messages/validate.ts';
import { consentResource } from '../api/v1/presenters/compliance.ts';
import type { ConsentEvent } from '../compliance/consent/ledger.ts';
import { withCompliance } from './compliance-context.ts';
import { printJson, printLine, printTable } from './output.ts';

// `porm consents`: the consent ledger, through the same ConsentService as /v1/consents: a
// number's history ("when and how did this person consent?"), an opt-in you collected (with its
// proof), and the CSV export for an audit.

interface Common { account?: string; json?: boolean; program?: string }
interface RecordFlags extends Common {
  source: 'web_form' | 'api' | 'import';
  wording?: string; url?: string; ip?: string; userAgent?: string; at?: string; optOut?: boolean;
}

function eventLine(e: ConsentEvent): Record<string, string> {
  const how = e.source === 'keyword' ? `keyword ${e.keyword ?? ''}`.trim() : e.source;
  const proof = [e.url, e.ip, e.wording ? `"${e.wording.length > 40 ? `${e.wording.slice(0, 39)}…` : e.wording}"` : null].filter((v) => v !== null).join(' ');
  return { at: new Date(e.at).toISOString(), type: e.type + (e.confirmed ? ' (confirmed)' : ''), how, program: e.programId === '' ? '(all programs)' : e.programId, proof };
}

/** A number as the ledger stores it, or the same error /v1 gives. */
function recipient(value: string): string {
  const to = normalizePhone(value);
  if (!to) throw new PormError('PORM_INVALID_PHONE_NUMBER', `"${value.slice(0, 40)}" is not a valid E.164 phone number (like +14155550100)`, [{ field: '/to', code: 'PORM_INVALID_PHONE_NUMBER', message: 'an E.164 number like +14155550100' }]);
  return to;
}

export function consentsCommand(): Command {
  const consents = new Command('consents').description('the consent ledger: a number\'s history, recording an opt-in with its proof, CSV export');
  consents.command('history')
    .description('every consent event of a number, oldest first')
    .argument('<number>', 'E.164, e.g. +14155550123')
    .option('--program <id>', 'only this program\'s events (prg_…)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents: service }) => {
        const events = await service.history(accountId, number, flags.program);
        if (flags.json) return printJson(events.map(consentResource));
        if (events.length === 0) return printLine(`no consent events for ${recipient(number)}`);
        printTable(events.map(eventLine), ['at', 'type', 'how', 'program', 'proof']);
      });
    });
  consents.command('record')
    .description('record an opt-in you collected, with its proof (or an opt-out you were told of, with --opt-out)')
    .argument('<number>', 'E.164')
    .addOption(new Option('--source <source>', 'where the consent came from').choices(['web_form', 'api', 'import']).makeOptionMandatory())
    .option('--wording <text>', 'the wording the person agreed to (required for an opt-in)')
    .option('--url <url>', 'the web form\'s URL (required for --source web_form)')
    .option('--ip <address>', 'the IP address the form was sent from')
    .option('--user-agent <text>', 'the browser that sent the form')
    .option('--at <iso>', 'when the person consented (ISO 8601 with a zone; default now)')
    .option('--opt-out', 'record an opt-out instead (and suppress the number)')
    .option('--program <id>', 'the program (default: the account\'s default program)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: RecordFlags, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents: service }) => {
        const event = await service.record(accountId, {
          to: number, source: flags.source, type: flags.optOut ? 'opt_out' : 'opt_in',
          ...(flags.wording !== undefined ? { wording: flags.wording } : {}), ...(flags.url !== undefined ? { url: flags.url } : {}),
          ...(flags.ip !== undefined ? { ip: flags.ip } : {}), ...(flags.userAgent !== undefined ? { userAgent: flags.userAgent } : {}),
          ...(flags.at !== undefined ? { at: flags.at } : {}), ...(flags.program !== undefined ? { programId: flags.program } : {}),
        });
        if (flags.json) return printJson(consentResource(event));
        printLine(`recorded ${event.type} of ${event.recipient} (${event.id}) from ${event.source} at ${new Date(event.at).toISOString()}`);
      });
    });
  consents.command('export')
    .description('the ledger as CSV (RFC 4180, every cell quoted, formula-safe), oldest first')
    .option('--to <e164>', 'only this number')
    .option('--program <id>', 'only this program (prg_…)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--account <id>', 'account (default: the first account)')
    .action(async (flags: Common & { to?: string; output?: string }, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents: service }) => {
        const filter = { ...(flags.to !== undefined ? { to: recipient(flags.to) } : {}), ...(flags.program !== undefined ? { programId: flags.program } : {}) };
        // Opened first, so a path that cannot be written fails with its code before anything is read.
        const out = flags.output ? (await open(flags.output, 'w')).createWriteStream() : process.stdout;
        // Written as it is read (the service reads the ledger in chunks), waiting when the pipe is full.
        for await (const line of service.exportCsv(accountId, filter)) {
          if (!out.write(`${line}\r\n`)) await once(out, 'drain');
        }
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        }
      });
    });
  return consents;
}
