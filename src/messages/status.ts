// The message lifecycle. A final state never moves back: late or duplicate reports are
// recorded as events but change nothing.
//   accepted → (scheduled) → queued → sending → sent → delivered | undelivered | failed
//   canceled is reachable only before sending; sending → queued is a scheduled retry;
//   queued → scheduled is a hold (quiet hours, a frequency cap, double opt-in) until it is released.

export const MESSAGE_STATUSES = [
  'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'canceled',
] as const;

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'undelivered', 'failed', 'canceled']);

export const CANCELABLE_STATUSES: readonly MessageStatus[] = ['accepted', 'scheduled', 'queued'];

const ALLOWED: Record<MessageStatus, readonly MessageStatus[]> = {
  accepted: ['scheduled', 'queued', 'canceled', 'failed'],
  scheduled: ['queued', 'canceled', 'failed'],
  queued: ['sending', 'scheduled', 'canceled', 'failed'],
  sending: ['sent', 'queued', 'failed'],
  sent: ['delivered', 'undelivered', 'failed'],
  delivered: [],
  undelivered: [],
  failed: [],
  canceled: [],
};

export function isFinal(status: MessageStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses a message may be in for a move to `to` to be legal. */
export function sourcesOf(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => ALLOWED[from].includes(to));
}

export function isMessageStatus(value: string): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value);
}
