import { randomBase62 } from '../../ids.ts';
import type { Connector, ConnectorContext } from '../connector-type.ts';
import { Mm7Carrier } from '../mm7/mm7-carrier.ts';
import { Mm7Inbound } from '../mm7/mm7-inbound.ts';
import { mm7Routes } from '../mm7/mm7-routes.ts';
import { SandboxMmscThread } from './mmsc-thread.ts';
import type { SandboxCarrierConfig } from './sandbox-type.ts';

/**
 * Builds one `sandbox` connector: porm's MMSC simulator on a thread, reached over a real MM7
 * link on loopback with credentials made up for this run in both directions. It needs the API
 * and the workers in one process, so other roles build nothing.
 */
export async function create(context: ConnectorContext<SandboxCarrierConfig>): Promise<Connector> {
  const { name, config, log } = context;
  if (context.role !== 'all') return { async close() {} };
  const outboundCredentials = { username: 'porm', password: randomBase62(24) };
  const mmsc = await SandboxMmscThread.start({
    name, dataDir: context.dataDir, host: '127.0.0.1', port: config.port,
    deliveryDelayMs: config.deliveryDelayMs, submitLatencyMs: config.submitLatencyMs, credentials: outboundCredentials,
  }, context.logLevel);
  const outbound = new Mm7Carrier(name, {
    type: 'sandbox', url: mmsc.mm7Url, ...outboundCredentials, vaspId: 'porm', vasId: 'porm', release: 'REL-6-MM7-1-4',
    transferEncoding: 'binary', deliveryReport: true, timeoutMs: 30_000, maxSockets: 64,
  }, log);
  const inboundCredentials = { username: 'sandbox-mmsc', password: randomBase62(24) };
  const prefix = `/mm7/${name}`;
  return {
    outbound,
    routes: { prefix, plugin: mm7Routes(new Mm7Inbound(name, inboundCredentials, context.events, log)) },
    handsets: mmsc,
    listening(apiUrl) {
      mmsc.startReporting({ url: `${apiUrl}${prefix}`, ...inboundCredentials });
    },
    async close() {
      await outbound.close();
      await mmsc.close();
    },
  };
}
