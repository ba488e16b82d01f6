import type { RouteConfig } from '../config.ts';
import type { Carrier } from './carrier.ts';

/**
 * The routing table: which carrier connector serves which sender numbers. The longest
 * matching E.164 prefix wins; '*' matches every sender and loses to any prefix.
 */
export class RoutingTable {
  private readonly routes: ReadonlyArray<{ prefix: string; carrier: Carrier }>;

  constructor(routes: readonly RouteConfig[], carriers: ReadonlyMap<string, Carrier>) {
    this.routes = routes
      .map((route) => {
        const carrier = carriers.get(route.carrier);
        if (!carrier) throw new Error(`route names unknown carrier ${route.carrier}`);
        return { prefix: route.from === '*' ? '' : route.from, carrier };
      })
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  carrierFor(from: string): Carrier | undefined {
    return this.routes.find((route) => from.startsWith(route.prefix))?.carrier;
  }

  carrier(name: string): Carrier | undefined {
    return this.routes.find((route) => route.carrier.name === name)?.carrier;
  }
}
