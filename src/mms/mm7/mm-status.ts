import type { Mm7DeliveryMmStatus, Mm7ReadMmStatus } from './model.ts';

// MMStatus of delivery reports and read replies -> porm message outcome. A delivery report moves
// a sent message to delivered or undelivered; anything that says "not yet" or "cannot tell" leaves
// it where it is (pending) so that a later report can still settle it.

export type Mm7DeliveryOutcome = 'delivered' | 'undelivered' | 'pending';

export const MM7_DELIVERY_MM_STATUSES: readonly Mm7DeliveryMmStatus[] = [
  'Expired',
  'Retrieved',
  'Rejected',
  'Deferred',
  'Indeterminate',
  'Forwarded',
  'Unrecognised',
  'DeliveryConditionNotMet',
];

export const MM7_READ_MM_STATUSES: readonly Mm7ReadMmStatus[] = ['Read', 'Deleted', 'Indeterminate'];

const DELIVERY: Readonly<Record<Mm7DeliveryMmStatus, { readonly outcome: Mm7DeliveryOutcome; readonly why: string }>> = {
  Retrieved: { outcome: 'delivered', why: 'the handset fetched the message' },
  // The recipient forwarded it without fetching it: it reached the recipient, who acted on it.
  Forwarded: { outcome: 'delivered', why: 'the recipient forwarded the message' },
  Expired: { outcome: 'undelivered', why: 'the message expired before the handset fetched it' },
  Rejected: { outcome: 'undelivered', why: 'the recipient or its MMSC rejected the message' },
  Unrecognised: { outcome: 'undelivered', why: 'the recipient MMSC did not recognise the message' },
  DeliveryConditionNotMet: { outcome: 'undelivered', why: 'a DeliveryCondition of the submit was not met' },
  // Deferred: the handset postponed retrieval; a final report normally follows.
  Deferred: { outcome: 'pending', why: 'the handset deferred retrieval' },
  // Indeterminate: the MMSC cannot tell (e.g. delivered to a legacy or foreign system); keep the
  // message in "sent" rather than claim either result.
  Indeterminate: { outcome: 'pending', why: 'the MMSC cannot determine the delivery result' },
};

export function deliveryOutcome(status: Mm7DeliveryMmStatus): { outcome: Mm7DeliveryOutcome; final: boolean; why: string } {
  const row = DELIVERY[status];
  return { outcome: row.outcome, final: row.outcome !== 'pending', why: row.why };
}

/** Read replies do not change delivery state; they say whether the recipient opened the message. */
export function readOutcome(status: Mm7ReadMmStatus): 'read' | 'deleted-unread' | 'unknown' {
  if (status === 'Read') return 'read';
  if (status === 'Deleted') return 'deleted-unread';
  return 'unknown';
}
