import type { Config } from '../config.ts';

/**
 * The fastest a campaign of this account may go: the highest perSecond among the carriers of the
 * routes open to it (the send pipeline's token buckets hold each carrier to its own), or null when
 * any of those carriers is unlimited. Pacing the fan-out above that would only fill the queue.
 */
export function routeRateCap(config: Config): (accountId: string) => number | null {
  return (accountId) => {
    const open = config.routes.filter((r) => r.account === undefined || r.account === accountId);
    let cap = 0;
    for (const route of open) {
      for (const name of route.carriers) {
        const perSecond = config.carriers[name]?.rateLimit?.perSecond;
        if (perSecond === undefined) return null;
        cap = Math.max(cap, perSecond);
      }
    }
    return cap > 0 ? Math.floor(cap) || 1 : null;
  };
}
