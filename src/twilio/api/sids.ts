import { createHash } from 'node:crypto';
import { idOfMessageSid, messageSidOf as sidOfId } from '../sids.ts';

// Message SIDs are porm message ids re-spelled (src/twilio/sids.ts, shared with the Twilio
// webhook dialect so a callback's MessageSid is the SID this API answers): `msg_` + a ULID is
// exactly 32 hex digits, so SM/MM + hex maps both ways with no table. MM marks a message with
// media, as Twilio's do; either prefix resolves. Media SIDs name the Nth media item of a message:
// a hash of (message id, position), resolved by recomputing it over the message's items (the path
// always names the message too).

const MESSAGE_ID = /^msg_[0-7][0-9a-hjkmnp-tv-z]{25}$/;
export const MEDIA_SID = /^ME[0-9a-fA-F]{32}$/;

/** The SID of a porm message id (undefined for an id porm did not mint as msg_ + ULID). */
export function messageSidOf(messageId: string, hasMedia: boolean): string | undefined {
  return MESSAGE_ID.test(messageId) ? sidOfId(messageId, hasMedia) : undefined;
}

/** The porm message id a SID names, or undefined when it is not an SM/MM SID. */
export function messageIdOf(sid: string): string | undefined {
  return idOfMessageSid(sid, 'msg') ?? undefined;
}

export function mediaSidOf(messageId: string, index: number): string {
  return `ME${createHash('sha256').update(`porm-media:${messageId}:${index}`).digest('hex').slice(0, 32)}`;
}
