import type { Carrier, Channel } from '../../carriers/carrier.ts';
import type { Db } from '../../store/schema.ts';
import type { Message } from '../model.ts';
import type { ClaimStop } from './step-outcome.ts';

// The seams of the send path that other capabilities fill: routing, rate limits, compliance.

export interface RouteRequest { accountId: string; channel: Channel; from: string; to: string; preferred?: string }

/** Which connectors may carry a message, in failover order; [] means no route. */
export interface RoutePicker { candidates(request: RouteRequest): readonly Carrier[] }

/**
 * The sender's number as the claim sees it: whether the message's account still owns it (it may
 * have been given up, even taken by another account, since the message was accepted) and its own
 * route (a connector name), or null when the routing table decides.
 */
export type SenderRoute = (tx: Db, accountId: string, from: string) => Promise<{ owned: boolean; route: string | null }>;

/** A per-connector pace (messages per second, in-flight cap): wait when told, never fail. */
export interface SendRateLimiter {
  acquire(connector: string, now: number): { ok: true; release(): void } | { ok: false; retryAt: number };
}

export interface ComplianceRequest {
  message: Message;
  channel: Channel;
  now: number;
}

/**
 * Consent, suppression, quiet hours and frequency caps, asked once per claim inside the unit
 * that moves the message to `sending` (so it can read the consent ledger consistently). It may let
 * the message go, defer it (quiet hours) or fail it (no consent). The compliance module implements it.
 */
export interface ComplianceCheck {
  check(tx: Db, request: ComplianceRequest): Promise<ClaimStop | undefined>;
}
