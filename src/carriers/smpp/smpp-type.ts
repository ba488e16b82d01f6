import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `smpp` connector type (an ESME speaking SMPP 3.4 to an SMSC). Imports
// zod only: the session and codec are loaded by load() when a process builds one.

const ton = z.number().int().min(0).max(6);
const npi = z.number().int().min(0).max(18);

/** TON/NPI used when porm cannot tell better: E.164 numbers go as international/ISDN (1/1). */
export const addressDefaultsSchema = z.object({ ton: ton.default(1), npi: npi.default(1) }).strict();

export const smppSchema = connectorSchema('smpp', {
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(2775),
  /**
   * TLS to the SMSC (SMPP over TLS, usually port 3550): `true` checks the SMSC's certificate
   * against the system's CAs; `{ "ca": "/path/smsc-ca.pem" }` trusts that PEM file instead (a
   * private CA or a self-signed SMSC certificate), `servername` the name to check it against.
   */
  tls: z.union([z.boolean(), z.object({
    ca: z.string().min(1).max(4096).optional(),
    servername: z.string().min(1).max(253).optional(),
  }).strict()]).default(false),
  /** Skip certificate checks (a test SMSC with a self-signed certificate only). */
  tlsInsecure: z.boolean().default(false),
  systemId: z.string().min(1).max(15),
  password: z.string().max(8).default(''),
  systemType: z.string().max(12).default(''),
  /** One transceiver per bind, or a transmitter plus a receiver per bind. */
  bindMode: z.enum(['transceiver', 'transmitter+receiver']).default('transceiver'),
  /** Connections (binds) kept open to the SMSC; submits spread over them. */
  binds: z.number().int().min(1).max(64).default(1),
  /** Requests awaiting their response at once, per bind (Kannel's max-pending-submits). */
  windowSize: z.number().int().min(1).max(1_000).default(10),
  /** A request with no response after this is a transient failure (never a silent drop). */
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** How long a bind (connect + bind_*_resp) may take. */
  bindTimeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  enquireLinkIntervalMs: z.number().int().min(100).max(3_600_000).default(30_000),
  /** enquire_link requests left unanswered in a row before the bind is dropped and redone. */
  enquireLinkMissedLimit: z.number().int().min(1).max(100).default(3),
  reconnect: z.object({
    initialMs: z.number().int().min(10).max(600_000).default(1_000),
    maxMs: z.number().int().min(10).max(3_600_000).default(60_000),
    /** Each wait is multiplied by a random factor in [1 - jitter, 1 + jitter]. */
    jitter: z.number().min(0).max(1).default(0.3),
  }).strict().default({ initialMs: 1_000, maxMs: 60_000, jitter: 0.3 }),
  /** How long a bind pauses its submits after ESME_RTHROTTLED or ESME_RMSGQFUL. */
  throttlePauseMs: z.number().int().min(0).max(600_000).default(1_000),
  /** A submit waits this long for a bound session with room in its window before it is given back as transient. */
  submitWaitMs: z.number().int().min(0).max(300_000).default(5_000),
  source: addressDefaultsSchema.default({ ton: 1, npi: 1 }),
  destination: addressDefaultsSchema.default({ ton: 1, npi: 1 }),
  /** `auto`: GSM-7 when every character fits, else UCS-2. */
  dataCoding: z.enum(['auto', 'gsm7', 'ucs2']).default('auto'),
  /** Ask the SMSC for delivery receipts (registered_delivery 1). */
  registeredDelivery: z.boolean().default(true),
  serviceType: z.string().max(5).default(''),
  /**
   * validity_period for messages without a `validity_period` of their own, in seconds (the SMSC
   * gives up delivering after it: receipt stat:EXPIRED). Left out: the SMSC's own default.
   */
  // 31 days: src/sms/pdu/smpp-time.ts MAX_RELATIVE_SECONDS (not imported: this file loads zod only).
  validityPeriod: z.number().int().min(1).max(31 * 86_400).optional(),
  /** How validity_period is written (SMPP 3.4 §7.1.1): relative to the SMSC's receipt, or an absolute UTC time. */
  validityFormat: z.enum(['relative', 'absolute']).default('relative'),
  /** Concatenated MO parts whose message is still incomplete after this are dropped (with a log line). */
  moPartTtlMs: z.number().int().min(1_000).max(7 * 86_400_000).default(86_400_000),
});

export type SmppCarrierConfig = z.output<typeof smppSchema>;

export const smppType = defineConnectorType({
  type: 'smpp',
  channels: ['sms'],
  schema: smppSchema,
  load: () => import('./smpp-connector.ts'),
});
