import type { Message } from '../model.ts';
import type { ClaimStop } from './step-outcome.ts';

/** A message past its validity period is failed instead of sent late. */
export function checkExpiry(message: Pick<Message, 'expiresAt' | 'validityPeriod'>, now: number): ClaimStop | undefined {
  if (message.expiresAt === null || now < message.expiresAt) return undefined;
  return { kind: 'fail', code: 'PORM_MESSAGE_EXPIRED', message: `not sent within its validity period of ${message.validityPeriod} s` };
}
