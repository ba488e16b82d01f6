import type { Carrier, Channel, SubmitResult } from '../../carriers/carrier.ts';
import { channelsOf } from '../../carriers/registry.ts';
import { RoutingTable } from '../../carriers/routing.ts';
import type { RouteConfig } from '../../carriers/route-schema.ts';
import type { SmsAcceptPolicy } from './accept-channel.ts';

/**
 * The accepting side's view of routing: whether a route serves SMS, from the configuration alone
 * (an API-only process builds no connectors). It runs the routing table itself over stand-ins that
 * only declare their channels, so it answers exactly as the send path will pick.
 */
export function smsAcceptPolicy(config: { routes: readonly RouteConfig[]; carriers: Readonly<Record<string, { type: string }>>; sms: { maxSegments: number } }): SmsAcceptPolicy {
  const standIns = new Map<string, Carrier>();
  for (const [name, carrier] of Object.entries(config.carriers)) standIns.set(name, standIn(name, carrier.type, channelsOf(carrier.type)));
  const table = new RoutingTable(config.routes, standIns);
  return {
    maxSegments: config.sms.maxSegments,
    smsRouteExists: ({ accountId, from, to }) => table.candidates({ accountId, from, to, channel: 'sms' }).length > 0,
  };
}

function standIn(name: string, type: string, channels: readonly Channel[]): Carrier {
  return {
    name, type, channels,
    async start(): Promise<void> {},
    async close(): Promise<void> {},
    async submit(): Promise<SubmitResult> {
      throw new Error('a route probe stand-in never sends');
    },
  };
}
