import type { NumberKind } from './number-format.ts';
import type { InboundWebhook, InboundWebhookInput } from './inbound-webhook.ts';

export type Capability = 'sms' | 'mms';
export const CAPABILITIES: readonly Capability[] = ['sms', 'mms'];

/** How the account came to hold the number. */
export type NumberSource = 'registered' | 'sandbox_first_use';

/** A sender number owned by one account. */
export interface SenderNumber {
  id: string;
  accountId: string;
  /** Canonical text (number-format.ts): what messages name in `from` and MOs in `to`. */
  number: string;
  kind: NumberKind;
  capabilities: Capability[];
  /** The carrier (config carriers.<name>) this number uses; null: the routing table decides. */
  route: string | null;
  /** Reserved for the compliance program the number belongs to (campaign registration); no behaviour yet. */
  programId: string | null;
  source: NumberSource;
  /** Where MOs to it are posted Twilio-style, answered with TwiML (null: nowhere but /v1 webhooks). */
  inboundWebhook: InboundWebhook | null;
  createdAt: number;
  updatedAt: number;
}

export interface NumberInput {
  number: string;
  capabilities?: Capability[];
  route?: string | null;
  inboundWebhook?: InboundWebhookInput | null;
}

export interface NumberPatch {
  capabilities?: Capability[];
  route?: string | null;
  inboundWebhook?: InboundWebhookInput | null;
  /** The compliance program (src/compliance/programs); null: the account's default program. */
  programId?: string | null;
}
