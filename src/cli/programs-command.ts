import { Command, InvalidArgumentError, Option } from 'commander';
import type { Program } from '../compliance/programs/program-store.ts';
import type { SettingsInput } from '../compliance/programs/settings-validate.ts';
import { programResource } from '../api/v1/presenters/compliance.ts';
import { capSpec, list, onOff, timeRange, withCompliance } from './compliance-context.ts';
import { fail, printJson, printLine, printTable } from './output.ts';

// `porm programs`: an account's programs (one messaging use case each) and their compliance
// settings, through the same ProgramService as /v1/programs. Settings flags are a patch: what is
// left out keeps its value; the service validates them with /v1's codes and pointers.

const REPLY_KINDS = ['opt_out', 'opt_in', 'help', 'confirm_request'] as const;
type ReplyKind = (typeof REPLY_KINDS)[number];

interface SettingFlags {
  quietHours?: { start: string; end: string };
  quietTransactional?: boolean;
  stateRules?: boolean;
  cap?: { max: number; windowHours: number } | 'off';
  capAction?: 'hold' | 'fail';
  optOutKeywords?: string[];
  optInKeywords?: string[];
  helpKeywords?: string[];
  doubleOptIn?: boolean;
  requireConsent?: boolean;
  brandWide?: boolean;
  defaultLanguage?: string;
  reply?: Array<{ language: string; kind: ReplyKind; text: string }>;
}
interface Common { account?: string; json?: boolean }

/** `--reply en.help=Text…`: one reply text of one language. */
function reply(value: string, previous: SettingFlags['reply'] = []): NonNullable<SettingFlags['reply']> {
  const m = /^([A-Za-z-]{2,20})\.([a-z_]+)=([\s\S]*)$/.exec(value);
  const kind = m ? REPLY_KINDS.find((k) => k === m[2]) : undefined;
  if (!m || !kind) throw new InvalidArgumentError(`LANG.KIND=TEXT with KIND one of ${REPLY_KINDS.join(', ')}, e.g. en.help="Help at example.com"`);
  return [...previous, { language: m[1]!, kind, text: m[3]! }];
}

function withSettingFlags(command: Command): Command {
  return command
    .option('--quiet-hours <HH:MM-HH:MM>', 'marketing only inside this window, recipient local time (end exclusive)', timeRange)
    .option('--quiet-transactional <on|off>', 'apply quiet hours to transactional messages too', onOff)
    .option('--state-rules <on|off>', 'apply the stricter state rules (FL, OK, MD, CT, WA) from the area code', onOff)
    .option('--cap <N/H|off>', 'at most N marketing messages per recipient in any H hours (off: no cap)', capSpec)
    .addOption(new Option('--cap-action <action>', 'over the cap: hold the message, or fail it').choices(['hold', 'fail']))
    .option('--opt-out-keywords <list>', 'words added to the built-in opt-out ones, comma-separated ("" clears)', list)
    .option('--opt-in-keywords <list>', 'opt-in words added to START, YES, UNSTOP ("" clears)', list)
    .option('--help-keywords <list>', 'help words added to HELP, INFO ("" clears)', list)
    .option('--double-opt-in <on|off>', 'marketing only after the recipient answered YES to porm\'s request', onOff)
    .option('--require-consent <on|off>', 'marketing without an opt-in on record fails (PORM_CONSENT_REQUIRED)', onOff)
    .option('--brand-wide <on|off>', 'an opt-out to this program suppresses every program of the account', onOff)
    .option('--default-language <lang>', 'the replies used when a keyword tells no language')
    .option('--reply <LANG.KIND=TEXT>', `a reply text (KIND: ${REPLY_KINDS.join(', ')}); repeatable`, reply)
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON (the /v1 program object)');
}

/** The flags as the /v1 settings patch; `current` supplies the cap when only its action changes. */
function settingsOf(flags: SettingFlags, current?: Program): SettingsInput {
  const s: SettingsInput = {};
  if (flags.quietHours || flags.quietTransactional !== undefined || flags.stateRules !== undefined) {
    s.quiet_hours = {
      ...(flags.quietHours ?? {}),
      ...(flags.quietTransactional !== undefined ? { applies_to_transactional: flags.quietTransactional } : {}),
      ...(flags.stateRules !== undefined ? { state_rules: flags.stateRules } : {}),
    };
  }
  if (flags.cap === 'off') {
    if (flags.capAction) fail('--cap-action goes with a cap, not with --cap off', 'PORM_CLI_USAGE');
    s.frequency_cap = null;
  } else if (flags.cap) {
    s.frequency_cap = { max: flags.cap.max, window_hours: flags.cap.windowHours, action: flags.capAction ?? current?.settings.frequencyCap?.action ?? 'hold' };
  } else if (flags.capAction) {
    const cap = current?.settings.frequencyCap;
    if (!cap) fail('--cap-action needs a cap: give --cap N/H too', 'PORM_CLI_USAGE');
    s.frequency_cap = { max: cap.max, window_hours: cap.windowHours, action: flags.capAction };
  }
  if (flags.optOutKeywords || flags.optInKeywords || flags.helpKeywords) {
    s.keywords = {
      ...(flags.optOutKeywords ? { opt_out: flags.optOutKeywords } : {}),
      ...(flags.optInKeywords ? { opt_in: flags.optInKeywords } : {}),
      ...(flags.helpKeywords ? { help: flags.helpKeywords } : {}),
    };
  }
  if (flags.doubleOptIn !== undefined) s.double_opt_in = flags.doubleOptIn;
  if (flags.requireConsent !== undefined) s.require_consent_for_marketing = flags.requireConsent;
  if (flags.brandWide !== undefined) s.brand_wide_suppression = flags.brandWide;
  if (flags.defaultLanguage !== undefined) s.default_language = flags.defaultLanguage;
  if (flags.reply) {
    const replies: NonNullable<SettingsInput['replies']> = {};
    for (const r of flags.reply) replies[r.language] = { ...replies[r.language], [r.kind]: r.text };
    s.replies = replies;
  }
  return s;
}

const capText = (p: Program): string => {
  const cap = p.settings.frequencyCap;
  return cap ? `${cap.max} per ${cap.windowHours} h (${cap.action})` : 'none';
};
const onOffText = (v: boolean): string => (v ? 'on' : 'off');

function printProgram(p: Program): void {
  const s = p.settings;
  const words = (w: string[]): string => (w.length > 0 ? w.join(', ') : '(built-in only)');
  printLine(`${p.id}  ${p.name}${p.isDefault ? '  (default)' : ''}`);
  printLine(`  quiet hours: ${s.quietHours.start}–${s.quietHours.end} recipient local time; transactional ${onOffText(s.quietHours.appliesToTransactional)}; state rules ${onOffText(s.quietHours.stateRules)}`);
  printLine(`  frequency cap: ${capText(p)}`);
  printLine(`  double opt-in: ${onOffText(s.doubleOptIn)}; consent required for marketing: ${onOffText(s.requireConsentForMarketing)}; brand-wide suppression: ${onOffText(s.brandWideSuppression)}`);
  printLine(`  keywords: opt-out ${words(s.keywords.optOut)}; opt-in ${words(s.keywords.optIn)}; help ${words(s.keywords.help)}`);
  printLine(`  replies: ${Object.keys(s.replies).join(', ')} (default ${s.defaultLanguage})`);
}

function show(p: Program, json: boolean | undefined): void {
  if (json) printJson(programResource(p));
  else printProgram(p);
}

export function programsCommand(): Command {
  const programs = new Command('programs').description('compliance programs: quiet hours, frequency caps, keywords, consent and double opt-in');
  programs.command('list', { isDefault: true })
    .description('the account\'s programs, the default one included')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: Common, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, programs: service }) => {
        const all = await service.list(accountId);
        if (flags.json) return printJson(all.map(programResource));
        printTable(all.map((p) => ({
          id: p.id, name: p.name, default: p.isDefault ? 'yes' : '', quiet: `${p.settings.quietHours.start}-${p.settings.quietHours.end}`, cap: capText(p),
          consent: onOffText(p.settings.requireConsentForMarketing), 'double-opt-in': onOffText(p.settings.doubleOptIn),
        })), ['id', 'name', 'default', 'quiet', 'cap', 'consent', 'double-opt-in']);
      });
    });
  programs.command('show')
    .description('one program and its settings')
    .argument('<id>', 'prg_…')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: Common, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, programs: service }) => show(await service.get(accountId, id), flags.json));
    });
  withSettingFlags(programs.command('create')
    .description('create a program; settings not given take their defaults (docs/compliance.md)')
    .argument('<name>', 'a name of 1 to 64 characters, unique in the account'))
    .action(async (name: string, flags: SettingFlags & Common, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, programs: service }) => {
        const created = await service.create(accountId, { name, settings: settingsOf(flags) });
        if (flags.json) return printJson(programResource(created));
        printLine(`created ${created.id} "${created.name}"`);
        printProgram(created);
      });
    });
  withSettingFlags(programs.command('update')
    .description('change a program\'s name or settings; what is not given keeps its value')
    .argument('<id>', 'prg_…')
    .option('--name <name>', 'a new name'))
    .action(async (id: string, flags: SettingFlags & Common & { name?: string }, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, programs: service }) => {
        const current = flags.capAction && !flags.cap ? await service.get(accountId, id) : undefined;
        const updated = await service.update(accountId, id, { ...(flags.name !== undefined ? { name: flags.name } : {}), settings: settingsOf(flags, current) });
        show(updated, flags.json);
      });
    });
  return programs;
}
