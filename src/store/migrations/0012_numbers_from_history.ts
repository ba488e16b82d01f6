import { sql, type Kysely } from 'kysely';
import { newId } from '../../ids.ts';

// Upgrading from before numbers existed: every sender number that exactly one account has sent
// from becomes that account's number, so its sends on real carrier routes keep working and the
// replies to it keep reaching it. A number two accounts have both sent from is left unowned
// (the operator, or one of them, registers it): porm cannot know whose it is, and guessing would
// hand one tenant's replies to another. Only canonical E.164 numbers and short codes are taken,
// the forms porm accepted as senders.
export async function up(db: Kysely<unknown>): Promise<void> {
  const senders = await sql<{ from_number: string; account_id: string; first_at: number }>`
    SELECT from_number, MIN(account_id) AS account_id, MIN(created_at) AS first_at FROM messages
    WHERE from_number NOT IN (SELECT number FROM numbers)
    GROUP BY from_number HAVING COUNT(DISTINCT account_id) = 1`.execute(db);
  for (const s of senders.rows) {
    const kind = /^\+[1-9]\d{7,14}$/.test(s.from_number) ? 'e164' : /^\d{3,8}$/.test(s.from_number) ? 'short_code' : undefined;
    if (!kind) continue;
    const at = Number(s.first_at);
    await sql`INSERT INTO numbers (id, account_id, number, kind, capabilities_json, route, program_id, source, created_at, updated_at)
      VALUES (${newId('num', at)}, ${s.account_id}, ${s.from_number}, ${kind}, ${'["sms","mms"]'}, NULL, NULL, ${'registered'}, ${at}, ${at})`.execute(db);
  }
}
