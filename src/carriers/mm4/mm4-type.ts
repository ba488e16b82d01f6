import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `mm4` connector type: MMS to a peer MMSC over SMTP (3GPP TS 23.140 §8.4).
// Imports zod only; the SMTP client and listener are loaded by load() when a process builds one.

const domain = z.string().regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i, 'a DNS domain such as mms.mnc002.mcc242.gprs');

/** How porm reaches the peer MMSC's SMTP server. */
const smtpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(25),
  /** `required`: refuse to send without STARTTLS; `opportunistic`: use it when offered; `off`: never. */
  startTls: z.enum(['required', 'opportunistic', 'off']).default('opportunistic'),
  /** TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS. */
  implicitTls: z.boolean().default(false),
  /** Check the peer's certificate (turn off only for a test peer with a self-signed one). */
  verifyCertificate: z.boolean().default(true),
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  maxConnections: z.number().int().min(1).max(64).default(4),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
}).strict().refine((s) => (s.username === undefined) === (s.password === undefined), 'username and password go together');

/** Where porm listens for the peer's MM4_forward.RES, delivery and read reports, and its inbound MMS. */
const listenSchema = z.object({
  host: z.string().min(1).default('0.0.0.0'),
  /** 0 picks a free port (tests); a peer needs a fixed one. */
  port: z.number().int().min(0).max(65535).default(2525),
  /** PEM files for STARTTLS on the listener; without them the listener offers no TLS. */
  tlsKeyFile: z.string().min(1).optional(),
  tlsCertFile: z.string().min(1).optional(),
  maxMessageBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(8 * 1024 * 1024),
}).strict().refine((l) => (l.tlsKeyFile === undefined) === (l.tlsCertFile === undefined), 'tlsKeyFile and tlsCertFile go together');

/** How the peer proves it is the peer: SMTP AUTH credentials, source addresses, or both. */
const peerAuthSchema = z.object({
  username: z.string().min(1).optional(),
  password: z.string().min(8).optional(),
  /** Addresses or CIDR ranges the peer connects from (e.g. ["203.0.113.0/24"]). */
  allowFrom: z.array(z.string().min(1)).max(100).optional(),
}).strict()
  .refine((a) => (a.username === undefined) === (a.password === undefined), 'username and password go together')
  .refine((a) => a.username !== undefined || (a.allowFrom?.length ?? 0) > 0, 'say how the peer authenticates: username/password, allowFrom, or both');

export const mm4Schema = connectorSchema('mm4', {
  /** The peer MMSC's MM4 domain: recipients are addressed as +15551234567/TYPE=PLMN@<peerDomain>. */
  peerDomain: domain,
  smtp: smtpSchema,
  /** porm's own MM4 domain: senders are +1555…/TYPE=PLMN@<domain>, and the peer answers to <systemUser>@<domain>. */
  domain,
  systemUser: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i).default('system-user'),
  /** X-Mms-3GPP-MMS-Version porm writes. */
  mmsVersion: z.string().regex(/^\d+\.\d+\.\d+$/).default('6.3.0'),
  /** Ask the peer for MM4_forward.RES (X-Mms-Ack-Request). */
  ackRequest: z.boolean().default(true),
  /** Ask for handset delivery reports (X-Mms-Delivery-Report). */
  deliveryReport: z.boolean().default(true),
  listen: listenSchema.default({ host: '0.0.0.0', port: 2525, maxMessageBytes: 8 * 1024 * 1024 }),
  peer: peerAuthSchema,
});

export type Mm4CarrierConfig = z.output<typeof mm4Schema>;

export const mm4Type = defineConnectorType({
  type: 'mm4',
  channels: ['mms'],
  schema: mm4Schema,
  load: () => import('./mm4-connector.ts'),
});
