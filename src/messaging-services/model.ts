import type { Capability } from '../numbers/model.ts';

// A messaging service: a sender pool of an account's numbers. A message sent through it without a
// sender gets one from the pool (the recipient's sticky sender when on, else any number that can
// carry it); its status callback and inbound webhook are defaults for what goes through it.

/** At most this many numbers per pool (Twilio's default limit too). */
export const MAX_POOL_NUMBERS = 400;

export interface PoolNumber {
  /** The number's id (num_…). */
  id: string;
  number: string;
  capabilities: Capability[];
  addedAt: number;
}

export interface ServiceInboundWebhook {
  url: string;
  method: 'POST' | 'GET';
}

export interface MessagingService {
  id: string;
  accountId: string;
  name: string;
  /** The same recipient keeps getting the same number from the pool. */
  stickySender: boolean;
  /** Where status changes of messages sent through it go when a message names no callback of its own. */
  statusCallback: string | null;
  /** Where MOs to pool numbers without a webhook of their own are posted, Twilio-style (TwiML answers). */
  inboundWebhook: ServiceInboundWebhook | null;
  numbers: PoolNumber[];
  createdAt: number;
  updatedAt: number;
}

export interface MessagingServiceInput {
  name: string;
  stickySender?: boolean;
  statusCallback?: string | null;
  inboundWebhook?: { url: string; method?: 'POST' | 'GET' } | null;
  /** Numbers to put in the pool at once: ids (num_…) or the numbers themselves. */
  numbers?: string[];
}

export type MessagingServicePatch = Partial<Omit<MessagingServiceInput, 'numbers'>>;
