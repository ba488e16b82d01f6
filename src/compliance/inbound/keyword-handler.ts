import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import type { InboundMessage } from '../../inbound/model.ts';
import { classifyKeyword } from '../keywords/index.ts';
import { programOfNumber } from '../programs/program-store.ts';
import { appendConsent, BRAND_WIDE, consentLockKey, suppress, unsuppress } from '../consent/ledger.ts';
import { replyText, sendComplianceReply, type SystemSender } from '../replies.ts';
import { announceConsent, type Announcer } from '../events.ts';

/**
 * A handset's STOP/START/HELP, handled inside the unit that stores the inbound message: the
 * consent event and the suppression commit with it, so no claim after that commit can miss them
 * (the claim takes the same recipient lock and reads the suppression). Then exactly one reply,
 * from the number that received the keyword, through the normal send path.
 */
export class KeywordHandler {
  constructor(
    private readonly store: Pick<Store, 'lockKey'>,
    private readonly sender: SystemSender,
    private readonly announcer: Announcer,
  ) {}

  async handle(tx: Db, accountId: string, inbound: InboundMessage, now: number): Promise<void> {
    const program = await programOfNumber(tx, accountId, inbound.to);
    const match = classifyKeyword(inbound.body, program.settings.keywords);
    if (!match) return;
    const recipient = inbound.from;
    await this.store.lockKey(tx, consentLockKey(accountId, recipient));
    const base = {
      accountId, programId: program.id, recipient, source: 'keyword' as const, wording: inbound.body.slice(0, 1600), url: null, ip: null, userAgent: null,
      keyword: match.keyword, inboundId: inbound.id, at: now,
    };
    const reply = (kind: 'opt_out' | 'opt_in' | 'help'): Promise<unknown> => sendComplianceReply(tx, this.sender, {
      accountId, from: inbound.to, to: recipient, body: replyText(program.settings, kind, match.language), kind, inboundId: inbound.id,
    }, now);
    switch (match.kind) {
      case 'opt_out': {
        await appendConsent(tx, { ...base, type: 'opt_out', confirmed: false }, now);
        await suppress(tx, { accountId, programId: program.settings.brandWideSuppression ? null : program.id, recipient, reason: `replied "${match.keyword.toUpperCase()}"`, source: 'keyword' }, now);
        // Messages held for a double opt-in YES run now, and fail at claim as opted out.
        await this.release(tx, accountId, program.id, recipient, now);
        await reply('opt_out');
        await announceConsent(tx, this.announcer, accountId, 'consent.opted_out', inbound.id, now);
        return;
      }
      case 'opt_in': {
        // A keyword opt-in is the recipient's own: it confirms a double opt-in request too.
        await appendConsent(tx, { ...base, type: 'opt_in', confirmed: true }, now);
        // An operator's manual suppression (source api) is not lifted by a keyword.
        await unsuppress(tx, accountId, recipient, program.settings.brandWideSuppression ? [program.id, BRAND_WIDE] : [program.id], ['api']);
        await this.release(tx, accountId, program.id, recipient, now);
        // YES to a confirmation request is answered with the opt-in confirmation as well.
        await reply('opt_in');
        await announceConsent(tx, this.announcer, accountId, 'consent.opted_in', inbound.id, now);
        return;
      }
      case 'help':
        await reply('help');
    }
  }

  /** Brings held (double opt-in) messages' send jobs forward to now: the claim decides again (send after a YES, fail after a STOP). */
  private async release(tx: Db, accountId: string, programId: string, recipient: string, now: number): Promise<void> {
    const held = await tx.deleteFrom('compliance_holds').where('account_id', '=', accountId).where('program_id', '=', programId).where('recipient', '=', recipient)
      .returning('message_id').execute();
    if (held.length === 0) return;
    // The queue stores a send job's payload as JSON.stringify({ messageId }); an unclaimed job is moved, a claimed one finishes as it is.
    const payloads = held.map((h) => JSON.stringify({ messageId: h.message_id }));
    await tx.updateTable('jobs').set({ run_at: now }).where('kind', '=', 'message.send').where('payload_json', 'in', payloads).where('locked_by', 'is', null).execute();
  }
}
