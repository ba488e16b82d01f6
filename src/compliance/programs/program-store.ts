import type { Selectable } from 'kysely';
import type { Db } from '../../store/schema.ts';
import { queryTemplate } from '../../store/query-template.ts';
import type { ProgramsTable } from '../tables.ts';
import { defaultProgramSettings, type ProgramSettings } from './settings.ts';

// Reading programs inside a caller's unit. The default program's id is derived from the account
// id (acct_X → prg_X), so it is known without a row: the claim and the inbound path never write
// just to find it, and two units creating it at once collide on the primary key, harmlessly.

export interface Program {
  id: string;
  accountId: string;
  name: string;
  isDefault: boolean;
  settings: ProgramSettings;
  createdAt: number;
  updatedAt: number;
}

export function defaultProgramId(accountId: string): string {
  return `prg_${accountId.replace(/^acct_/, '')}`;
}

// Every accept and claim reads its program: parsing the same settings JSON again each time cost as
// much as the lookups themselves (bench api, compliance line). Parsed settings are kept by their
// exact JSON text, so a changed program is a new key. Shared and read-only: readers only read
// settings, and writers merge into a clone (mergeSettings).
const PARSED_LIMIT = 512;
const parsed = new Map<string, ProgramSettings>();

function settingsOf(json: string): ProgramSettings {
  let settings = parsed.get(json);
  if (!settings) {
    // Stored settings were validated when written; defaults fill keys added by later versions.
    settings = { ...defaultProgramSettings(), ...(JSON.parse(json) as Partial<ProgramSettings>) };
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(json, settings);
  }
  return settings;
}

export function programFromRow(row: Selectable<ProgramsTable>): Program {
  return {
    id: row.id, accountId: row.account_id, name: row.name, isDefault: row.is_default === 1,
    settings: settingsOf(row.settings_json), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

const selectProgram = queryTemplate<{ id: string; accountId: string }, Selectable<ProgramsTable>>((db, p) =>
  db.selectFrom('programs').select(['id', 'account_id', 'name', 'is_default', 'settings_json', 'created_at', 'updated_at']).where('id', '=', p.id).where('account_id', '=', p.accountId));

const selectProgramOfNumber = queryTemplate<{ number: string; accountId: string }, { pid: string | null; paccount: string | null; name: string | null; is_default: number | null; settings_json: string | null; created_at: number | null; updated_at: number | null }>((db, p) =>
  db.selectFrom('numbers').leftJoin('programs', 'programs.id', 'numbers.program_id')
    .select(['programs.id as pid', 'programs.account_id as paccount', 'programs.name', 'programs.is_default', 'programs.settings_json', 'programs.created_at', 'programs.updated_at'])
    .where('numbers.number', '=', p.number).where('numbers.account_id', '=', p.accountId));

export function defaultProgram(accountId: string, now: number): Program {
  return { id: defaultProgramId(accountId), accountId, name: 'default', isDefault: true, settings: defaultProgramSettings(), createdAt: now, updatedAt: now };
}

/** Writes the default program's row if it is not there yet (idempotent, race-safe). */
export async function ensureDefaultProgram(tx: Db, accountId: string, now: number): Promise<void> {
  const p = defaultProgram(accountId, now);
  await tx.insertInto('programs').values({
    id: p.id, account_id: accountId, name: p.name, is_default: 1, settings_json: JSON.stringify(p.settings), created_at: now, updated_at: now,
  }).onConflict((oc) => oc.doNothing()).execute();
}

export async function findProgram(tx: Db, accountId: string, id: string): Promise<Program | undefined> {
  const row = (await selectProgram(tx, { id, accountId })).rows[0];
  if (row) return programFromRow(row);
  return id === defaultProgramId(accountId) ? defaultProgram(accountId, 0) : undefined;
}

/**
 * The program of a sender number of the account: its program_id, or the account's default
 * program when it has none (or when `from` is not a registered number of the account).
 */
export async function programOfNumber(tx: Db, accountId: string, number: string): Promise<Program> {
  const row = (await selectProgramOfNumber(tx, { number, accountId })).rows[0];
  if (row?.pid && row.paccount === accountId && row.name !== null && row.is_default !== null && row.settings_json !== null && row.created_at !== null && row.updated_at !== null) {
    return programFromRow({ id: row.pid, account_id: accountId, name: row.name, is_default: row.is_default, settings_json: row.settings_json, created_at: row.created_at, updated_at: row.updated_at });
  }
  return (await findProgram(tx, accountId, defaultProgramId(accountId)))!;
}
