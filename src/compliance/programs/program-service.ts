import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { defaultProgramId, ensureDefaultProgram, findProgram, programFromRow, type Program } from './program-store.ts';
import { defaultProgramSettings } from './settings.ts';
import { mergeSettings, type SettingsInput } from './settings-validate.ts';

export interface ProgramInput {
  name?: string;
  settings?: SettingsInput;
}

const MAX_PROGRAMS_LISTED = 500;

/** Programs of an account: list, create, change, delete. Every write is one unit. */
export class ProgramService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async list(accountId: string): Promise<Program[]> {
    await this.store.write((tx) => ensureDefaultProgram(tx, accountId, this.clock.now()));
    const rows = await this.store.db.selectFrom('programs').selectAll().where('account_id', '=', accountId).orderBy('id').limit(MAX_PROGRAMS_LISTED).execute();
    return rows.map(programFromRow);
  }

  async get(accountId: string, id: string): Promise<Program> {
    const program = await findProgram(this.store.db, accountId, id);
    if (!program) throw new PormError('PORM_PROGRAM_NOT_FOUND');
    return program;
  }

  async create(accountId: string, input: ProgramInput): Promise<Program> {
    const now = this.clock.now();
    const name = checkName(input.name);
    const { value, errors } = mergeSettings(defaultProgramSettings(), input.settings ?? {});
    if (!value) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    return this.store.write(async (tx) => {
      await ensureDefaultProgram(tx, accountId, now);
      const id = newId('prg', now);
      const inserted = await tx.insertInto('programs').values({ id, account_id: accountId, name, is_default: 0, settings_json: JSON.stringify(value), created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw nameTaken(name);
      return { id, accountId, name, isDefault: false, settings: value, createdAt: now, updatedAt: now };
    });
  }

  async update(accountId: string, id: string, input: ProgramInput): Promise<Program> {
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      if (id === defaultProgramId(accountId)) await ensureDefaultProgram(tx, accountId, now);
      // The row is read and written under its lock: two patches at once apply one after the other.
      await this.store.lockKey(tx, `program:${id}`);
      const current = await findProgram(tx, accountId, id);
      if (!current) throw new PormError('PORM_PROGRAM_NOT_FOUND');
      const name = input.name === undefined ? current.name : checkName(input.name);
      const { value, errors } = mergeSettings(current.settings, input.settings ?? {});
      if (!value) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
      if (name !== current.name) {
        const taken = await tx.selectFrom('programs').select('id').where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
        if (taken) throw nameTaken(name);
      }
      await tx.updateTable('programs').set({ name, settings_json: JSON.stringify(value), updated_at: now }).where('id', '=', id).where('account_id', '=', accountId).execute();
      return { ...current, name, settings: value, updatedAt: now };
    });
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (id === defaultProgramId(accountId)) throw new PormError('PORM_PROGRAM_IS_DEFAULT');
    await this.store.write(async (tx) => {
      await this.store.lockKey(tx, `program:${id}`);
      const used = await tx.selectFrom('numbers').select('id').where('account_id', '=', accountId).where('program_id', '=', id).limit(1).executeTakeFirst();
      if (used) throw new PormError('PORM_PROGRAM_IN_USE');
      const deleted = await tx.deleteFrom('programs').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) throw new PormError('PORM_PROGRAM_NOT_FOUND');
    });
  }
}

function checkName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed === '' || [...trimmed].length > 64 || !trimmed.isWellFormed()) {
    throw new PormError('PORM_INVALID_FIELD', 'a program needs a name of 1 to 64 characters', [{ field: '/name', code: 'PORM_INVALID_FIELD', message: 'a name of 1 to 64 characters' }]);
  }
  return trimmed;
}

function nameTaken(name: string): PormError {
  return new PormError('PORM_PROGRAM_NAME_TAKEN', `a program named "${name}" exists already`, [{ field: '/name', code: 'PORM_PROGRAM_NAME_TAKEN', message: `a program named "${name}" exists already` }]);
}
