import type { RouteConfig } from './route-schema.ts';
import type { Carrier, Channel } from './carrier.ts';

/** What the send path asks the routing table. */
export interface RouteRequest {
  accountId: string;
  channel: Channel;
  from: string;
  to: string;
  /** A number's own route: that connector first, then the matching route's. */
  preferred?: string;
}

interface CompiledRoute {
  account: string | undefined;
  channel: Channel | undefined;
  /** '' matches every sender. */
  from: string;
  /** '' matches every recipient. */
  to: string;
  carriers: readonly Carrier[];
}

/**
 * The routing table: which connectors, in failover order, take a message. Routes are ranked
 * once, most specific first, by (1) account set, (2) longer sender prefix, (3) longer
 * recipient prefix, (4) channel set, then (5) order in the config. The first route that
 * matches the request and lists a connector serving its channel gives the candidates; less
 * specific routes are never used as failover (list a backup in `carriers` for that).
 */
export class RoutingTable {
  private readonly routes: readonly CompiledRoute[];

  constructor(routes: readonly RouteConfig[], private readonly carriers: ReadonlyMap<string, Carrier>) {
    this.routes = routes
      .map((route) => ({
        account: route.account,
        channel: route.channel,
        from: route.from === '*' ? '' : route.from,
        to: route.to ?? '',
        carriers: route.carriers.map((name) => {
          const carrier = carriers.get(name);
          if (!carrier) throw new Error(`route names unknown carrier ${name}`);
          return carrier;
        }),
      }))
      .map((route, index) => ({ route, index }))
      .sort((a, b) => compareSpecificity(a.route, b.route) || a.index - b.index)
      .map(({ route }) => route);
  }

  /** Ordered: the first is the primary, the rest failover; [] when no route serves the request. */
  candidates(request: RouteRequest): readonly Carrier[] {
    const serves = (carrier: Carrier): boolean => carrier.channels.includes(request.channel);
    let chosen: readonly Carrier[] = [];
    for (const route of this.routes) {
      if (!matches(route, request)) continue;
      const usable = route.carriers.filter(serves);
      if (usable.length > 0) {
        chosen = usable;
        break;
      }
    }
    const preferred = request.preferred !== undefined ? this.carriers.get(request.preferred) : undefined;
    // A number's route is honoured unless every route that lists the connector is for other
    // accounts: a connector kept for one account is never borrowed by another's number.
    const listing = preferred === undefined ? [] : this.routes.filter((r) => r.carriers.includes(preferred));
    const open = listing.length === 0 || listing.some((r) => r.account === undefined || r.account === request.accountId);
    if (!preferred || !open || !serves(preferred)) return chosen;
    return [preferred, ...chosen.filter((carrier) => carrier !== preferred)];
  }

  carrier(name: string): Carrier | undefined {
    return this.carriers.get(name);
  }
}

function matches(route: CompiledRoute, request: RouteRequest): boolean {
  return (route.account === undefined || route.account === request.accountId)
    && (route.channel === undefined || route.channel === request.channel)
    && request.from.startsWith(route.from)
    && request.to.startsWith(route.to);
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  return Number(b.account !== undefined) - Number(a.account !== undefined)
    || b.from.length - a.from.length
    || b.to.length - a.to.length
    || Number(b.channel !== undefined) - Number(a.channel !== undefined);
}
