import type { Store } from '../../store/store.ts';
import type { MessageTransitions } from '../transitions.ts';
import { queryTemplate } from '../../store/query-template.ts';

const setCarrier = queryTemplate<{ id: string; carrier: string }>((db, p) =>
  db.updateTable('messages').set({ carrier: p.carrier }).where('id', '=', p.id).where('status', '=', 'sending'));

/**
 * Records, durably and before the submit, that a message fails over to another connector (a
 * write unit of its own, only ever on failover). See submit.ts for why it must precede the submit.
 */
export function connectorSwitch(store: Store, transitions: MessageTransitions, messageId: string, now: () => number) {
  return (from: string, to: string, reason: string): Promise<void> => store.write(async (tx) => {
    await setCarrier(tx, { id: messageId, carrier: to });
    await transitions.note(tx, messageId, 'failover', { from, to, reason }, now());
  });
}
