import { FLAKY_FAILURES, SANDBOX_NUMBERS } from '../sandbox/test-numbers.ts';
import { CommandStatus } from '../../sms/pdu/index.ts';

// The sandbox SMSC's test numbers: the MMS sandbox's numbers with the same meaning, plus one an
// MMSC has no use for (message queue full). Pure: the SMSC asks what a submit should meet.

export const SMS_SANDBOX_NUMBERS = {
  ...SANDBOX_NUMBERS,
  /** ESME_RMSGQFUL (0x14) for the first tries of a message, then accepted and delivered. */
  queueFull: '+15005550005',
} as const;

/** How many submits of one message to the flaky / queue-full numbers are refused before one is accepted. */
export const SMS_TRANSIENT_FAILURES = FLAKY_FAILURES;

/** The network error an UNDELIV receipt carries (err:, and the network_error_code TLV: GSM, "absent subscriber"). */
export const UNDELIVERED_ERROR = { err: 27, networkType: 3 } as const;

export type SmsVerdict =
  | { kind: 'refuse'; status: number }
  | { kind: 'accept'; receipt: 'DELIVRD' | 'UNDELIV' | null };

/** SMPP addresses come with or without "+": international numbers (TON 1) compare as E.164. */
export function e164(address: string, ton: number): string {
  if (address.startsWith('+')) return address;
  return ton === 1 && /^\d{1,15}$/.test(address) ? `+${address}` : address;
}

/** Decides a submit's fate from the recipient and how many times the same message was submitted before. */
export function smsVerdict(to: string, previousSubmits: number): SmsVerdict {
  switch (to) {
    case SMS_SANDBOX_NUMBERS.rejected:
      // Permanent: the destination is refused outright, as an SMSC does for a barred number.
      return { kind: 'refuse', status: CommandStatus.ESME_RINVDSTADR };
    case SMS_SANDBOX_NUMBERS.flaky:
      return previousSubmits < SMS_TRANSIENT_FAILURES ? { kind: 'refuse', status: CommandStatus.ESME_RTHROTTLED } : { kind: 'accept', receipt: 'DELIVRD' };
    case SMS_SANDBOX_NUMBERS.queueFull:
      return previousSubmits < SMS_TRANSIENT_FAILURES ? { kind: 'refuse', status: CommandStatus.ESME_RMSGQFUL } : { kind: 'accept', receipt: 'DELIVRD' };
    case SMS_SANDBOX_NUMBERS.undelivered:
      return { kind: 'accept', receipt: 'UNDELIV' };
    case SMS_SANDBOX_NUMBERS.noReport:
      return { kind: 'accept', receipt: null };
    default:
      return { kind: 'accept', receipt: 'DELIVRD' };
  }
}
