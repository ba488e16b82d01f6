import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { randomBase62 } from '../ids.ts';
import type { Carrier } from './carrier.ts';
import { Mm7Carrier } from './mm7/mm7-carrier.ts';
import { Mm7Inbound, type InboundCredentials, type Mm7InboundSinks } from './mm7/mm7-inbound.ts';
import { SandboxMmscThread } from './sandbox/mmsc-thread.ts';

/**
 * The configured carriers of one process: outbound connectors (where workers run), the MM7
 * endpoints carriers call back on (where the API runs), and the built-in MMSC simulators.
 */
export class CarrierSet {
  readonly outbound = new Map<string, Carrier>();
  readonly inbound = new Map<string, Mm7Inbound>();
  readonly sandboxes = new Map<string, SandboxMmscThread>();
  private readonly sandboxInbound = new Map<string, InboundCredentials>();

  private constructor() {}

  /**
   * A sandbox carrier is a real MM7 link to an MMSC simulator on loopback, with credentials made
   * up for this run in both directions. It needs the API and the workers in one process.
   */
  static async build(config: Config, sinks: Mm7InboundSinks, log: Logger): Promise<CarrierSet> {
    const set = new CarrierSet();
    const runsWorkers = config.role !== 'api';
    for (const [name, carrier] of Object.entries(config.carriers)) {
      const carrierLog = log.child({ carrier: name });
      if (carrier.type === 'mm7') {
        if (runsWorkers) set.outbound.set(name, new Mm7Carrier(name, carrier, carrierLog));
        set.inbound.set(name, new Mm7Inbound(name, carrier.inbound, sinks, carrierLog));
        continue;
      }
      if (config.role !== 'all') continue;
      const outboundCredentials = { username: 'porm', password: randomBase62(24) };
      const mmsc = await SandboxMmscThread.start({
        name, dataDir: config.dataDir, host: '127.0.0.1', port: carrier.port,
        deliveryDelayMs: carrier.deliveryDelayMs, submitLatencyMs: carrier.submitLatencyMs, credentials: outboundCredentials,
      }, config.logLevel);
      set.sandboxes.set(name, mmsc);
      set.outbound.set(name, new Mm7Carrier(name, {
        type: 'mm7', url: mmsc.mm7Url, ...outboundCredentials, vaspId: 'porm', vasId: 'porm', release: 'REL-6-MM7-1-4',
        transferEncoding: 'binary', deliveryReport: true, timeoutMs: 30_000, maxSockets: 64,
      }, carrierLog));
      const inboundCredentials = { username: 'sandbox-mmsc', password: randomBase62(24) };
      set.sandboxInbound.set(name, inboundCredentials);
      set.inbound.set(name, new Mm7Inbound(name, inboundCredentials, sinks, carrierLog));
    }
    return set;
  }

  /** Points each simulator's delivery reports at porm's own MM7 endpoint, once the API listens. */
  startSandboxReports(apiUrl: string): void {
    for (const [name, mmsc] of this.sandboxes) {
      const credentials = this.sandboxInbound.get(name)!;
      mmsc.startReporting({ url: `${apiUrl}/mm7/${name}`, ...credentials });
    }
  }

  async close(): Promise<void> {
    for (const carrier of this.outbound.values()) await carrier.close();
    for (const mmsc of this.sandboxes.values()) await mmsc.close();
  }
}
