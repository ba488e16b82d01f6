import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ProgramService } from '../compliance/programs/program-service.ts';
import { ConsentService } from '../compliance/consent/consent-service.ts';
import { accountFor, withReaders } from './context.ts';

// What `porm programs`, `porm consents` and `porm suppressions` share: the compliance services over
// the data directory's store (the same classes /v1 calls, never HTTP, so the commands work whether
// or not a server runs), the account they act for, and parsers for their option values.

export interface ComplianceCli {
  accountId: string;
  programs: ProgramService;
  consents: ConsentService;
}

export async function withCompliance<T>(command: Command, account: string | undefined, run: (cli: ComplianceCli) => Promise<T>): Promise<T> {
  return withReaders(command, async (readers) => run({
    accountId: await accountFor(readers, account),
    programs: new ProgramService(readers.store, readers.clock),
    consents: new ConsentService(readers.store, readers.clock),
  }));
}

/** `on` / `off` (also true/false, yes/no): commander reports anything else as PORM_CLI_USAGE. */
export function onOff(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['on', 'true', 'yes'].includes(v)) return true;
  if (['off', 'false', 'no'].includes(v)) return false;
  throw new InvalidArgumentError('on or off');
}

/** A comma-separated list; an empty string is the empty list (to clear one). */
export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** `HH:MM-HH:MM`, split only: the service checks the times (with the same codes as /v1). */
export function timeRange(value: string): { start: string; end: string } {
  const m = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('a window like 08:00-20:00');
  return { start: m[1]!, end: m[2]! };
}

/** `N/H` (at most N marketing messages per H hours) or `off`. */
export function capSpec(value: string): { max: number; windowHours: number } | 'off' {
  if (value.trim().toLowerCase() === 'off') return 'off';
  const m = /^\s*([0-9]{1,6})\s*\/\s*([0-9]{1,6})\s*h?\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('N/H, e.g. 3/24 for at most 3 per 24 hours, or off');
  return { max: Number(m[1]), windowHours: Number(m[2]) };
}

/** A positive integer (a --limit). */
export function positiveInt(value: string): number {
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a positive whole number');
  return Number(value);
}
