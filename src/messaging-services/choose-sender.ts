import type { Capability } from '../numbers/model.ts';
import type { PoolNumber } from './model.ts';

// Which numbers of a pool can carry a message. Pure.

/** What a message needs of its sender: MMS for media (or an MMS asked for), SMS otherwise. */
export function neededCapability(message: { media: readonly unknown[]; requestedChannel: string }): Capability {
  return message.media.length > 0 || message.requestedChannel === 'mms' ? 'mms' : 'sms';
}

export interface Candidates {
  numbers: PoolNumber[];
  /**
   * True when no number of the pool has the capability, so the others stand in: an MMS from an
   * SMS number (porm then falls back to SMS with a media link on any permanent MMS failure), or a
   * text from an MMS-only number (sent as a text MMS where no SMS route serves it).
   */
  standIn: boolean;
}

export function candidatesFor(pool: readonly PoolNumber[], need: Capability): Candidates {
  const capable = pool.filter((n) => n.capabilities.includes(need));
  return capable.length > 0 ? { numbers: capable, standIn: false } : { numbers: [...pool], standIn: true };
}
