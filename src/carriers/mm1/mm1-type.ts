import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `mm1` connector type: porm submits as a handset would, an m-send-req PDU
// POSTed to the operator's MMSC (OMA MMS CTR, mms-wire.md §4). Imports zod only.

export const mm1Schema = connectorSchema('mm1', {
  /** The MMSC's MM1 URL (the handset's "MMSC" APN setting), e.g. http://mms.example.net/mms/wapenc. */
  mmscUrl: z.url({ protocol: /^https?$/ }),
  /** The WAP/HTTP proxy handsets reach the MMSC through (the APN's "MMS proxy"), e.g. http://10.0.0.10:8080. */
  proxy: z.url({ protocol: /^http$/ }).optional(),
  /** The SIM's number, E.164: the MMSC sends every message from it, so it is the only sender this route takes. */
  msisdn: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'an E.164 number: + and 7 to 15 digits'),
  /** `insert`: From is the Insert-address-token and the MMSC fills in the SIM's number (what handsets send); `msisdn`: From carries it. */
  from: z.enum(['insert', 'msisdn']).default('insert'),
  mmsVersion: z.enum(['1.0', '1.1', '1.2', '1.3']).default('1.2'),
  deliveryReport: z.boolean().default(true),
  readReport: z.boolean().default(false),
  /** Some MMSCs admit only handsets they know: the User-Agent and UAProf URL to present. */
  userAgent: z.string().min(1).max(200).optional(),
  uaProfUrl: z.url().optional(),
  /**
   * The SMS connector (`smpp` or `sandbox-smsc`) that receives the SIM's SMS, where the MMSC's
   * WAP Push reports arrive. Left out: a WAP Push to `msisdn` through any SMS connector is taken.
   */
  reportsVia: z.string().min(1).max(100).optional(),
  timeoutMs: z.number().int().min(100).max(300_000).default(60_000),
  maxSockets: z.number().int().min(1).max(256).default(8),
}).refine((c) => c.proxy === undefined || c.mmscUrl.startsWith('http:'), {
  message: 'an https mmscUrl cannot go through `proxy` (MM1 proxies are plain HTTP)', path: ['proxy'],
});

export type Mm1CarrierConfig = z.output<typeof mm1Schema>;

export const mm1Type = defineConnectorType({
  type: 'mm1',
  channels: ['mms'],
  schema: mm1Schema,
  load: () => import('./mm1-connector.ts'),
});
