import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `sandbox` connector type: porm's built-in MMSC simulator. Imports zod
// only; the simulator's worker thread is started by the connector load() brings in.

export const sandboxSchema = connectorSchema('sandbox', {
  /** How long the simulated MMSC waits before sending a delivery report. */
  deliveryDelayMs: z.number().int().min(0).max(3_600_000).default(1000),
  /** Simulated latency of the MMSC's SubmitRsp, after it has recorded the submission. */
  submitLatencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Loopback port of the built-in MMSC's MM7 endpoint; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(0),
});

export type SandboxCarrierConfig = z.output<typeof sandboxSchema>;

export const sandboxType = defineConnectorType({
  type: 'sandbox',
  channels: ['mms'],
  schema: sandboxSchema,
  load: () => import('./sandbox-connector.ts'),
});
