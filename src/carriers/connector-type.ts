import type { z } from 'zod';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Carrier, Channel } from './carrier.ts';
import type { CarrierEvents } from './carrier-events.ts';
import type { AnyConnectorSchema } from './connector-schema.ts';
import type { HandsetView } from './sandbox/handset.ts';
import type { SubmissionRow } from './sandbox/sandbox-ledger.ts';
import type { MmscControl } from './sandbox/control-file.ts';

// The registry contract: what a connector type gives porm. A type's entry file
// (carriers/<type>/<type>-type.ts) holds its schema and channels and points at its factory
// with a dynamic import, so reading the config never loads a connector's code.

/** What a factory gets to build one configured connector. */
export interface ConnectorContext<C> {
  /** The connector's name: its key in `carriers`. */
  name: string;
  /** Its settings, validated by the type's schema (defaults filled in). */
  config: C;
  /** What this process runs: build outbound only where workers run, HTTP routes only where the API does. */
  role: 'all' | 'api' | 'worker';
  dataDir: string;
  logLevel: string;
  /** Where every report, inbound message and read report goes. */
  events: CarrierEvents;
  log: Logger;
}

/** Inbound HTTP traffic of one connector: a Fastify plugin mounted at `prefix`. */
export interface ConnectorRoutes {
  /** `/<type>/<name>` by convention; MM7-speaking types keep `/mm7/<name>`. */
  prefix: string;
  plugin: FastifyPluginAsync;
}

/** One built connector. Every part is optional: a type builds what the process's role needs. */
export interface Connector {
  /** Where messages are submitted. Absent where no workers run. */
  readonly outbound?: Carrier;
  readonly routes?: ConnectorRoutes;
  /** The sandbox's view of what a handset received (GET /v1/messages/:id/handset). */
  readonly handsets?: HandsetSource;
  /** The sandbox SMSC's handset: sends an MO SMS to porm over SMPP (POST /v1/sandbox/inbound). */
  readonly smsHandset?: SmsHandset;
  /** Called once the API listens, with its base URL (e.g. to point a simulator's reports at it). */
  listening?(apiUrl: string): void;
  close(): Promise<void>;
}

/** Structural so that the API layer need not load the sandbox's thread code to type it. */
export interface HandsetSource {
  readonly url: string;
  handset(pormMessageId: string): HandsetView | undefined;
  submission(pormMessageId: string): SubmissionRow | undefined;
  /** Where porm asks the simulator to play the handset (POST /v1/sandbox/*). */
  readonly control?: MmscControl;
}

/** A simulated handset that texts porm: each part's deliver_sm_resp command_status, in sending order. */
export interface SmsHandset {
  injectMo(order: { from: string; to: string; text: string; order?: readonly number[] }): Promise<{ parts: number[] }>;
}

export type ConnectorFactory<C> = (context: ConnectorContext<C>) => Promise<Connector>;

/** A registry entry, as written in a type's entry file. */
export interface ConnectorTypeDefinition<S extends AnyConnectorSchema> {
  readonly type: z.output<S>['type'];
  readonly channels: readonly [Channel, ...Channel[]];
  readonly schema: S;
  /** `() => import('./<type>-connector.ts')`: loaded when the first connector of this type is built. */
  load(): Promise<{ create: ConnectorFactory<z.output<S>> }>;
}

export interface ConnectorType<S extends AnyConnectorSchema = AnyConnectorSchema> extends ConnectorTypeDefinition<S> {
  /** Validates `config` against this type's schema (it already passed, inside loadConfig) and builds it. */
  open(config: unknown, context: Omit<ConnectorContext<unknown>, 'config'>): Promise<Connector>;
}

/** Wraps a definition so the registry can build any entry without knowing its config type. */
export function defineConnectorType<S extends AnyConnectorSchema>(definition: ConnectorTypeDefinition<S>): ConnectorType<S> {
  return {
    ...definition,
    async open(config, context) {
      // Parsing again turns the registry's untyped view into this type's own, without a cast.
      const parsed = definition.schema.parse(config);
      const { create } = await definition.load();
      return create({ ...context, config: parsed });
    },
  };
}
