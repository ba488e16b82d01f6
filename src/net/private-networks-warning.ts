import type { Logger } from 'pino';
import type { Config } from '../config.ts';

/**
 * At start: a server that lets webhooks or media fetches reach loopback and private networks
 * says so, since any API client can then make porm send requests into its network.
 */
export function warnPrivateNetworks(config: Config, log: Logger): void {
  if (config.webhooks.allowPrivateNetworks) {
    log.warn({ setting: 'webhooks.allowPrivateNetworks' }, 'webhooks may be sent to loopback and private-network addresses; allow this only on a trusted network');
  }
  if (config.media.allowPrivateNetworks) {
    log.warn({ setting: 'media.allowPrivateNetworks' }, 'media may be fetched from loopback and private-network addresses; allow this only on a trusted network');
  }
}
