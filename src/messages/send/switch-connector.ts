import type { Store } from '../../store/store.ts';
import type { Db } from '../../store/schema.ts';
import type { MessageTransitions } from '../transitions.ts';
import { queryTemplate } from '../../store/query-template.ts';

const setCarrier = queryTemplate<{ id: string; carrier: string }>((db, p) =>
  db.updateTable('messages').set({ carrier: p.carrier }).where('id', '=', p.id).where('status', '=', 'sending'));

/**
 * Records, durably and before the submit, that a message fails over to another connector (a
 * write unit of its own, only ever on failover). See submit.ts for why it must precede the submit.
 */
export function connectorSwitch(store: Store, transitions: MessageTransitions, messageId: string, now: () => number, stillHeld?: (tx: Db) => Promise<boolean>) {
  // False: this worker must not hand the message to another connector, because its job is no longer
  // its own (another worker resumed it) or the message has left `sending` (that worker sent it).
  return (from: string, to: string, reason: string): Promise<boolean> => store.write(async (tx) => {
    if (stillHeld && !(await stillHeld(tx))) return false;
    const moved = await setCarrier(tx, { id: messageId, carrier: to });
    if (Number(moved.numAffectedRows ?? 0n) === 0) return false;
    await transitions.note(tx, messageId, 'failover', { from, to, reason }, now());
    return true;
  });
}
