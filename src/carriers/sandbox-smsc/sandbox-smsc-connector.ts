import { randomBase62 } from '../../ids.ts';
import type { Connector, ConnectorContext } from '../connector-type.ts';
import { openSmpp } from '../smpp/smpp-connector.ts';
import { smppSchema } from '../smpp/smpp-type.ts';
import { SandboxSmsc } from './sandbox-smsc.ts';
import { SmscControlServer } from './smsc-control.ts';
import { loadSmscTls } from './smsc-tls.ts';
import { UNDELIVERED_ERROR } from './sms-test-numbers.ts';
import type { SandboxSmscCarrierConfig } from './sandbox-smsc-type.ts';

/**
 * Builds one `sandbox-smsc` connector: the sandbox SMSC on loopback, with credentials made up
 * for this run, and porm's own smpp client bound to it, so that SMS through the sandbox takes
 * exactly the path it takes to a real SMSC. Like the MMS sandbox it needs the API and the
 * workers in one process; other roles build nothing.
 */
export async function create(context: ConnectorContext<SandboxSmscCarrierConfig>): Promise<Connector> {
  const { name, config, log } = context;
  if (context.role !== 'all') return { async close() {} };
  const credentials = { systemId: 'porm', password: randomBase62(8) };
  // Files are read (and checked) before anything listens: a wrong path stops `porm start` with its code.
  const tls = config.tls ? loadSmscTls(config.tls) : undefined;
  const smsc = await SandboxSmsc.start({
    host: '127.0.0.1', port: config.port, credentials, deliveryDelayMs: config.deliveryDelayMs, log: log.child({ smsc: name }),
    ...(tls ? { tls } : {}), ...(config.keep ? { keep: config.keep } : {}),
  });
  const client = smppSchema.parse({
    type: 'smpp', host: smsc.host, port: smsc.port, systemId: credentials.systemId, password: credentials.password,
    tls: config.tls ? { ca: config.tls.ca ?? config.tls.cert, ...(config.tls.servername ? { servername: config.tls.servername } : {}) } : false,
    binds: config.binds, windowSize: config.windowSize, dataCoding: config.dataCoding, moPartTtlMs: config.moPartTtlMs,
    profile: config.profile, requestTimeoutMs: 10_000, throttlePauseMs: 200, submitWaitMs: 5_000,
    reconnect: { initialMs: 100, maxMs: 5_000, jitter: 0.3 },
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
  });
  const smpp = openSmpp(name, client, context.events, log);
  // The handset player of another process (`porm sandbox reply|fail`) reaches this SMSC through
  // its control endpoint, whose address and secret go into <dataDir>/sandbox-mmsc-<name>.control.json.
  let control: SmscControlServer;
  try {
    control = await SmscControlServer.start(smsc, { dataDir: context.dataDir, carrier: name });
  } catch (err) {
    await smpp.close();
    await smsc.close();
    throw err;
  }
  return {
    outbound: smpp.outbound,
    smsHandset: {
      injectMo: async (order) => {
        const result = await smsc.injectMo(order);
        return { parts: result.parts.map((p) => p.status) };
      },
      fail: (smscId, stat) => smsc.report(smscId, stat, UNDELIVERED_ERROR.err),
    },
    async close() {
      await control.close();
      await smpp.close();
      await smsc.close();
    },
  };
}
