import type { Db } from '../store/schema.ts';
import { parseSenderNumber } from './number-format.ts';
import { selectOwner } from './number-sql.ts';

/**
 * The account an MO (or any carrier event addressed to a number) belongs to: the owner of the
 * number it was sent to, or null when nobody owns it. Never a guess from who sent last.
 * Runs in the caller's unit, so the attribution and the stored message agree.
 */
export async function ownerOfNumber(tx: Db, to: string): Promise<string | null> {
  const parsed = parseSenderNumber(to);
  // Alphanumeric sender ids cannot be written to; a `to` that looks like one (e.g. "unknown",
  // what the MM7 endpoint records for a missing address) must never match an account's sender id.
  if (!parsed.ok || parsed.kind === 'alphanumeric') return null;
  return (await selectOwner(tx, { number: parsed.number })).rows[0]?.account_id ?? null;
}
