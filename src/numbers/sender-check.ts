import { PormError } from '../errors.ts';
import type { Db } from '../store/schema.ts';
import { parseSenderNumber } from './number-format.ts';
import { CAPABILITIES } from './model.ts';
import { claimNumber } from './claim-number.ts';
import { selectOwner } from './number-sql.ts';

/**
 * Whether only sandbox carriers could serve this account's messages from this sender. Built from the
 * routing configuration in main.ts, so that this folder does not depend on how routing works.
 */
export type IsSandboxRoute = (accountId: string, from: string) => boolean;

/**
 * The sender rule, run inside the send's write unit: an account sends only from its own
 * numbers. On a sandbox route an unowned number is claimed by its first sender in the same
 * unit (so the README's tour needs no setup); real carrier routes need the number registered.
 */
export class SenderCheck {
  constructor(private readonly isSandboxRoute: IsSandboxRoute) {}

  async check(tx: Db, accountId: string, from: string, now: number): Promise<void> {
    const owner = (await selectOwner(tx, { number: from })).rows[0];
    if (owner) {
      if (owner.account_id === accountId) return;
      throw notOwned(`${from} belongs to another account`);
    }
    const parsed = parseSenderNumber(from);
    if (!this.isSandboxRoute(accountId, from) || !parsed.ok || parsed.number !== from) {
      throw notOwned(`${from} is not one of your numbers: register it first (POST /v1/numbers or porm numbers add)`);
    }
    const claim = await claimNumber(tx, { accountId, number: from, kind: parsed.kind, capabilities: CAPABILITIES, route: null, source: 'sandbox_first_use', now });
    if (claim.ownerId !== accountId) throw notOwned(`${from} belongs to another account`);
  }
}

function notOwned(message: string): PormError {
  return new PormError('PORM_SENDER_NOT_OWNED', message, [{ field: '/from', code: 'PORM_SENDER_NOT_OWNED', message }]);
}
