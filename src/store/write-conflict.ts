import { PormError } from '../errors.ts';

/**
 * A write unit lost a race: a conditional update found the row changed since the unit read
 * it (or, on PostgreSQL, the engine aborted the unit: serialization failure, deadlock). The
 * unit's writes are rolled back with it; running the whole read-decide-write again is safe.
 */
export class WriteConflict extends PormError {
  constructor(message?: string) {
    super('PORM_WRITE_CONFLICT', message);
    this.name = 'WriteConflict';
  }
}

export function isWriteConflict(err: unknown): err is WriteConflict {
  return err instanceof WriteConflict;
}
