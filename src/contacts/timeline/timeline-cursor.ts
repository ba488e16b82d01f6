import { PormError } from '../../errors.ts';

// A timeline merges five sources whose ids do not share a prefix, so its cursor is the last
// item's (time, id): every item sorts by time then id, and the next page starts strictly below.

export interface TimelinePosition {
  at: number;
  id: string;
}

export function encodeTimelineCursor(p: TimelinePosition): string {
  return Buffer.from(`${p.at}:${p.id}`).toString('base64url');
}

export function decodeTimelineCursor(cursor: string): TimelinePosition {
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = /^(\d{1,16}):([a-z]{2,5}_[0-9a-z]{26})$/.exec(text);
  if (!match) throw new PormError('PORM_INVALID_CURSOR');
  return { at: Number(match[1]), id: match[2]! };
}

/** Newest first: by time, then by id, both descending. */
export function newerFirst(a: TimelinePosition, b: TimelinePosition): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
