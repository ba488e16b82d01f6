import { z } from 'zod';

// The `routes` config entries. Imports zod only (config.ts loads it). Two forms are accepted
// and normalised to one: the current { account?, channel?, from?, to?, carriers: [...] } and
// the first version's { from, carrier }.

const PREFIX_OR_ANY = /^(\*|\+[0-9]{1,15})$/;
const PREFIX_MESSAGE = 'use "*" or an E.164 prefix like "+1415"';

const carrierName = z.string().min(1).max(32);

export const routeSchema = z.object({
  /** Only messages of this account (its id, acc_…). */
  account: z.string().min(1).max(64).optional(),
  /** Only this channel; without it the route serves both, each through the carriers that serve it. */
  channel: z.enum(['sms', 'mms']).optional(),
  /** Sender numbers this route serves: '*' (the default) or an E.164 prefix such as '+1415'. */
  from: z.string().regex(PREFIX_OR_ANY, PREFIX_MESSAGE).optional(),
  /** Recipient numbers this route serves: '*' (the default) or an E.164 prefix. */
  to: z.string().regex(PREFIX_OR_ANY, PREFIX_MESSAGE).optional(),
  /** Connectors in failover order: the first is tried first. */
  carriers: z.array(carrierName).min(1).max(8)
    .refine((names) => new Set(names).size === names.length, 'a carrier appears twice in the list').optional(),
  /** The first version's single carrier; same as carriers: [carrier]. */
  carrier: carrierName.optional(),
}).strict()
  .refine((r) => (r.carrier === undefined) !== (r.carriers === undefined), 'give "carriers": ["name", …] (or the older "carrier": "name"), exactly one of them')
  .transform((r): RouteConfig => ({
    ...(r.account !== undefined ? { account: r.account } : {}),
    ...(r.channel !== undefined ? { channel: r.channel } : {}),
    from: r.from ?? '*',
    ...(r.to !== undefined && r.to !== '*' ? { to: r.to } : {}),
    carriers: r.carriers ?? (r.carrier !== undefined ? [r.carrier] : []),
  }));

/** A route after normalisation: `from` is '*' or a prefix, `to` absent means any recipient. */
export interface RouteConfig {
  account?: string;
  channel?: 'sms' | 'mms';
  from: string;
  to?: string;
  carriers: string[];
}

export const DEFAULT_ROUTES: RouteConfig[] = [{ from: '*', carriers: ['sandbox', 'sandbox-smsc'] }];

/**
 * The default routes for the carriers a config defines, when it gives no routes: the built-in
 * route without the names it does not define (a config with only `sandbox` keeps working), or
 * the built-in route unchanged when none is defined (so the usual error names them).
 */
export function defaultRoutesFor(carriers: Readonly<Record<string, unknown>>): RouteConfig[] {
  return DEFAULT_ROUTES.map((route) => {
    const defined = route.carriers.filter((name) => Object.hasOwn(carriers, name));
    return { ...route, carriers: defined.length > 0 ? defined : [...route.carriers] };
  });
}
