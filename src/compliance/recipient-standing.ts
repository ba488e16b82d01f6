import { sql } from 'kysely';
import type { Db } from '../store/schema.ts';
import { queryTemplate } from '../store/query-template.ts';
import { defaultProgram, defaultProgramId, programFromRow, type Program } from './programs/program-store.ts';
import { BRAND_WIDE, type ConsentType } from './consent/ledger.ts';

/** What the compliance check needs to know about one recipient of one sender number, read at once. */
export interface RecipientStanding {
  /** The sender number's program (the account's default when it has none): as programOfNumber. */
  program: Program;
  /** On the program's suppression list or the brand-wide one: as suppressionFor. */
  suppressed: boolean;
  /** The latest opt-in/opt-out/confirmation request for the program: as latestConsent. */
  latest: { type: ConsentType; confirmed: boolean } | undefined;
}

interface StandingRow {
  pid: string;
  name: string | null;
  is_default: number | null;
  settings_json: string | null;
  created_at: number | null;
  updated_at: number | null;
  suppressed: number;
  consent_type: string | null;
  consent_confirmed: number | null;
}

// Every accept and every claim asks this. Three statements (program, suppression, consent) cost
// three round trips through the driver, and the consent lookup with its IN list bound as
// parameters cost more than the other two together (bench api, compliance line): one statement,
// with the consent types as literals, reads the same rows through the same indexes
// (suppressions' primary key; consent_events_recipient) inside the caller's unit, so it sees
// every STOP and program change committed before it, exactly as the separate reads did.
const selectStanding = queryTemplate<{ accountId: string; number: string; to: string; defaultId: string }, StandingRow>((db, p) => {
  const query = sql<StandingRow>`
    with prog as (
      select coalesce(
        (select pr.id from numbers n join programs pr on pr.id = n.program_id
          where n.number = ${p.number} and n.account_id = ${p.accountId} and pr.account_id = ${p.accountId}),
        ${p.defaultId}) as id
    )
    select prog.id as pid, pg.name, pg.is_default, pg.settings_json, pg.created_at, pg.updated_at,
      case when exists (select 1 from suppressions s
        where s.account_id = ${p.accountId} and s.recipient = ${p.to} and s.program_id in (prog.id, ${BRAND_WIDE})) then 1 else 0 end as suppressed,
      lc.type as consent_type, lc.confirmed as consent_confirmed
    from prog
    left join programs pg on pg.id = prog.id and pg.account_id = ${p.accountId}
    left join (
      select c.type, c.confirmed from consent_events c
      where c.account_id = ${p.accountId} and c.recipient = ${p.to} and c.program_id = (select id from prog)
        and c.type in ('opt_in', 'opt_out', 'confirm_requested')
      order by c.id desc limit 1
    ) lc on 1 = 1`;
  return { compile: () => query.compile(db) };
});

// An account without a program row (the usual case until one is configured) gets its default
// program on every accept and claim: building it (settings, a deep copy of the default replies)
// cost about as much as the standing statement (pipeline-sms bench profile). Kept per account and
// shared read-only, as program-store.ts shares parsed settings; createdAt 0 as before.
const DEFAULTS_KEPT = 512;
const defaults = new Map<string, Program>();

function defaultOf(accountId: string): Program {
  let program = defaults.get(accountId);
  if (!program) {
    program = defaultProgram(accountId, 0);
    if (defaults.size >= DEFAULTS_KEPT) defaults.delete(defaults.keys().next().value!);
    defaults.set(accountId, program);
  }
  return program;
}

/** The program, suppression and latest consent of `to` for sender `from`, in one statement. */
export async function recipientStanding(tx: Db, accountId: string, from: string, to: string): Promise<RecipientStanding> {
  const defaultId = defaultProgramId(accountId);
  const row = (await selectStanding(tx, { accountId, number: from, to, defaultId })).rows[0]!;
  const program = row.name !== null && row.is_default !== null && row.settings_json !== null && row.created_at !== null && row.updated_at !== null
    ? programFromRow({ id: row.pid, account_id: accountId, name: row.name, is_default: Number(row.is_default), settings_json: row.settings_json, created_at: Number(row.created_at), updated_at: Number(row.updated_at) })
    : defaultOf(accountId);
  return {
    program,
    suppressed: Number(row.suppressed) === 1,
    latest: row.consent_type === null ? undefined : { type: row.consent_type as ConsentType, confirmed: Number(row.consent_confirmed) === 1 },
  };
}
