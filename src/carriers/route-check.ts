import type { Channel } from './carrier.ts';
import type { RouteConfig } from './route-schema.ts';

/**
 * Checks routes against the configured carriers: every name must be a carrier, and a route
 * for one channel may only list carriers that serve it. Returns one line per problem, in the
 * `path: message` form of the other configuration errors. Pure: config.ts throws.
 */
export function routeProblems(
  routes: readonly RouteConfig[],
  carriers: Readonly<Record<string, { type: string }>>,
  channelsOf: (type: string) => readonly Channel[],
): string[] {
  const problems: string[] = [];
  routes.forEach((route, i) => {
    for (const name of route.carriers) {
      const carrier = carriers[name];
      if (!carrier) {
        problems.push(`routes.${i}: carrier "${name}" is not defined in carriers`);
        continue;
      }
      const serves = channelsOf(carrier.type);
      if (route.channel && !serves.includes(route.channel)) {
        problems.push(`routes.${i}: carrier "${name}" (type ${carrier.type}) does not serve ${route.channel}; it serves ${serves.join(', ')}`);
      }
    }
  });
  return problems;
}
