import type { Connector, ConnectorContext } from '../connector-type.ts';
import { Mm1Carrier } from './mm1-carrier.ts';
import type { Mm1CarrierConfig } from './mm1-type.ts';

/**
 * Builds one `mm1` connector: the m-send-req client where workers run. It has no HTTP routes:
 * an MMSC answers MM1 submits in the same HTTP exchange and sends reports as WAP Push over SMS,
 * which reach porm through an SMS connector (see wap-push-report.ts).
 */
export async function create(context: ConnectorContext<Mm1CarrierConfig>): Promise<Connector> {
  const { name, config, log } = context;
  const outbound = context.role !== 'api' ? new Mm1Carrier(name, config, log) : undefined;
  return {
    ...(outbound ? { outbound } : {}),
    async close() {
      await outbound?.close();
    },
  };
}
