import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `mm7` connector type. Imports zod only: the connector itself
// (HTTP client, codec) is loaded by load() when a process builds one.

const mm7Releases = ['REL-5-MM7-1-0', 'REL-5-MM7-1-1', 'REL-5-MM7-1-2', 'REL-5-MM7-1-3', 'REL-5-MM7-1-4', 'REL-5-MM7-1-5',
  'REL-6-MM7-1-0', 'REL-6-MM7-1-1', 'REL-6-MM7-1-2', 'REL-6-MM7-1-3', 'REL-6-MM7-1-4'] as const;

/** Credentials an MMSC must present (HTTP basic auth) when it calls porm's /mm7/<carrier> endpoint. */
export const inboundAuthSchema = z.object({ username: z.string().min(1), password: z.string().min(8) }).strict();

export const mm7Schema = connectorSchema('mm7', {
  /** The MMSC's MM7 endpoint (SubmitReq goes here). */
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().optional(),
  password: z.string().optional(),
  vaspId: z.string().min(1).default('porm'),
  vasId: z.string().min(1).default('porm'),
  serviceCode: z.string().optional(),
  release: z.enum(mm7Releases).default('REL-6-MM7-1-4'),
  mm7Version: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
  namespace: z.string().optional(),
  transferEncoding: z.enum(['binary', 'base64']).default('binary'),
  deliveryReport: z.boolean().default(true),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  maxSockets: z.number().int().min(1).max(1024).default(64),
  inbound: inboundAuthSchema.optional(),
  /** Private status codes of this MMSC, e.g. {"3100": "throttled"}. */
  statusOverrides: z.record(z.string().regex(/^\d{4}$/), z.enum(['success', 'permanent', 'transient', 'throttled'])).optional(),
});

export type Mm7CarrierConfig = z.output<typeof mm7Schema>;

export const mm7Type = defineConnectorType({
  type: 'mm7',
  channels: ['mms'],
  schema: mm7Schema,
  load: () => import('./mm7-connector.ts'),
});
