import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Carrier } from './carrier.ts';
import type { CarrierEvents } from './carrier-events.ts';
import type { Connector, ConnectorRoutes, HandsetSource, SmsHandset } from './connector-type.ts';
import { connectorType } from './registry.ts';
import { SubmitTracker } from './submit-tracker.ts';

/**
 * The configured connectors of one process, each built by its registry type: outbound
 * carriers (where workers run), inbound HTTP routes (where the API runs), and the sandbox
 * MMSCs' handset views. Each outbound carrier is wrapped in a SubmitTracker (throughput and errors for its health). A connector's code is loaded here, not when the config is read.
 */
export class CarrierSet {
  readonly outbound = new Map<string, Carrier>();
  readonly routes: ConnectorRoutes[] = [];
  readonly sandboxes = new Map<string, HandsetSource>();
  readonly smsHandsets = new Map<string, SmsHandset>();
  private readonly connectors: Connector[] = [];

  private constructor() {}

  static async build(config: Config, events: CarrierEvents, log: Logger): Promise<CarrierSet> {
    const set = new CarrierSet();
    try {
      for (const [name, carrierConfig] of Object.entries(config.carriers)) {
        const type = connectorType(carrierConfig.type);
        // loadConfig only accepts registered types; this guards a Config built some other way.
        if (!type) throw new Error(`carrier ${name}: no connector type "${carrierConfig.type}"`);
        const connector = await type.open(carrierConfig, {
          name, role: config.role, dataDir: config.dataDir, logLevel: config.logLevel, events, log: log.child({ carrier: name }),
        });
        set.connectors.push(connector);
        if (connector.outbound) set.outbound.set(name, new SubmitTracker(connector.outbound));
        if (connector.routes) set.routes.push(connector.routes);
        if (connector.handsets) set.sandboxes.set(name, connector.handsets);
        if (connector.smsHandset) set.smsHandsets.set(name, connector.smsHandset);
      }
    } catch (err) {
      // A half-built set must not leave simulator threads running.
      await set.close();
      throw err;
    }
    return set;
  }

  /** Tells each connector the API's base URL, once it listens (sandboxes post their reports there). */
  startSandboxReports(apiUrl: string): void {
    for (const connector of this.connectors) connector.listening?.(apiUrl);
  }

  async close(): Promise<void> {
    for (const connector of this.connectors) await connector.close();
  }
}
