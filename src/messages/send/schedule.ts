import type { Message } from '../model.ts';
import type { ClaimStop } from './step-outcome.ts';

/** A job that comes up before the message's send time (its job was due early) waits for it. */
export function checkSchedule(message: Pick<Message, 'sendAt'>, now: number): ClaimStop | undefined {
  if (message.sendAt === null || message.sendAt <= now) return undefined;
  return { kind: 'defer', until: message.sendAt, reason: 'scheduled for later' };
}
