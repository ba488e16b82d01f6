import type { Connector, ConnectorContext } from '../connector-type.ts';
import { Mm7Carrier } from './mm7-carrier.ts';
import { Mm7Inbound } from './mm7-inbound.ts';
import { mm7Routes } from './mm7-routes.ts';
import type { Mm7CarrierConfig } from './mm7-type.ts';

/**
 * Builds one `mm7` connector: the SubmitReq client where workers run, and the endpoint the
 * MMSC calls back on, /mm7/<name>, where the API runs.
 */
export async function create(context: ConnectorContext<Mm7CarrierConfig>): Promise<Connector> {
  const { name, config, log } = context;
  const outbound = context.role !== 'api' ? new Mm7Carrier(name, config, log) : undefined;
  const inbound = new Mm7Inbound(name, config.inbound, context.events, log);
  if (config.deliveryReport && !config.inbound) {
    log.warn({ carrier: name }, 'mm7 carrier asks for delivery reports but has no `inbound` credentials: its reports will be refused (401) and messages will stay sent');
  }
  return {
    ...(outbound ? { outbound } : {}),
    routes: { prefix: `/mm7/${name}`, plugin: mm7Routes(inbound) },
    async close() {
      await outbound?.close();
    },
  };
}
