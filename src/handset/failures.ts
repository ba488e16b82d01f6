import type { Mm7DeliveryMmStatus } from '../mms/mm7/index.ts';

// The delivery failures the sandbox can be made to report on demand, and the MM7 MMStatus of the
// DeliveryReportReq each becomes. porm maps every one of them to `undelivered` (PORM_UNDELIVERED);
// they differ in carrier_status and in the text, as reports of a real network do.

export const DELIVERY_FAILURES = {
  undelivered: { mmStatus: 'Rejected', text: 'sandbox: the handset refused the message' },
  rejected: { mmStatus: 'Rejected', text: 'sandbox: the recipient rejected the message' },
  expired: { mmStatus: 'Expired', text: 'sandbox: the message expired before the handset fetched it' },
  unrecognised: { mmStatus: 'Unrecognised', text: 'sandbox: the recipient MMSC did not recognise the message' },
  delivery_condition_not_met: { mmStatus: 'DeliveryConditionNotMet', text: 'sandbox: a delivery condition was not met' },
} as const satisfies Record<string, { mmStatus: Mm7DeliveryMmStatus; text: string }>;

export type DeliveryFailure = keyof typeof DELIVERY_FAILURES;

export function isDeliveryFailure(value: string): value is DeliveryFailure {
  return Object.hasOwn(DELIVERY_FAILURES, value);
}
