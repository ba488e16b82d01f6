import { z } from 'zod';
import { connectorSchema } from '../connector-schema.ts';
import { defineConnectorType } from '../connector-type.ts';

// Registry entry of the `sandbox-smsc` connector type: porm's built-in SMPP 3.4 SMSC on
// loopback, with porm's own smpp client bound to it. Imports zod only.

export const sandboxSmscSchema = connectorSchema('sandbox-smsc', {
  /** How long the simulated SMSC waits before it sends a delivery receipt. */
  deliveryDelayMs: z.number().int().min(0).max(3_600_000).default(1000),
  /** Loopback port of the built-in SMSC; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(0),
  /** Binds porm keeps to it, and each bind's window (as for an `smpp` carrier). */
  binds: z.number().int().min(1).max(16).default(2),
  windowSize: z.number().int().min(1).max(1_000).default(10),
  dataCoding: z.enum(['auto', 'gsm7', 'ucs2']).default('auto'),
  moPartTtlMs: z.number().int().min(1_000).max(7 * 86_400_000).default(86_400_000),
  /**
   * SMPP over TLS between porm and its sandbox SMSC, to try TLS end to end: the SMSC listens with
   * this PEM key and certificate, and porm's client trusts `ca` (default: the certificate itself,
   * right for a self-signed one) and checks the certificate against `servername` (default: 127.0.0.1).
   */
  tls: z.object({
    key: z.string().min(1).max(4096),
    cert: z.string().min(1).max(4096),
    ca: z.string().min(1).max(4096).optional(),
    servername: z.string().min(1).max(253).optional(),
  }).strict().optional(),
  /** History the SMSC keeps in memory (newest first to stay); receipts still owed are always kept. */
  keep: z.object({
    submissions: z.number().int().min(1).max(10_000_000).optional(),
    finishedMessages: z.number().int().min(1).max(10_000_000).optional(),
    resubmitCounts: z.number().int().min(1).max(10_000_000).optional(),
  }).strict().optional(),
});

export type SandboxSmscCarrierConfig = z.output<typeof sandboxSmscSchema>;

export const sandboxSmscType = defineConnectorType({
  type: 'sandbox-smsc',
  channels: ['sms'],
  schema: sandboxSmscSchema,
  load: () => import('./sandbox-smsc-connector.ts'),
});
