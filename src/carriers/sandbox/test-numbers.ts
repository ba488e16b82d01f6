// The sandbox MMSC's documented test numbers (README, "Sandbox test numbers"). Pure: the
// carrier asks this module what a recipient should experience.

export const SANDBOX_NUMBERS = {
  rejected: '+15005550001',
  flaky: '+15005550002',
  undelivered: '+15005550003',
  noReport: '+15005550004',
} as const;

/** How many submits of one message to the flaky number fail before one is accepted. */
export const FLAKY_FAILURES = 2;

export type SandboxVerdict =
  | { kind: 'reject' }
  | { kind: 'transient' }
  | { kind: 'accept'; report: 'delivered' | 'undelivered' | null };

/** Decides a submit's fate from the recipient and how many times this message was submitted before. */
export function sandboxVerdict(to: string, previousSubmits: number): SandboxVerdict {
  switch (to) {
    case SANDBOX_NUMBERS.rejected:
      return { kind: 'reject' };
    case SANDBOX_NUMBERS.flaky:
      return previousSubmits < FLAKY_FAILURES ? { kind: 'transient' } : { kind: 'accept', report: 'delivered' };
    case SANDBOX_NUMBERS.undelivered:
      return { kind: 'accept', report: 'undelivered' };
    case SANDBOX_NUMBERS.noReport:
      return { kind: 'accept', report: null };
    default:
      return { kind: 'accept', report: 'delivered' };
  }
}
