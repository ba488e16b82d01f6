import { z } from 'zod';

// Settings every connector has, whatever its type. The registry's types build their schemas
// with connectorSchema(), so these are validated and documented once. Imports zod only:
// config.ts (and so every CLI command) loads this file.

/** Pacing porm applies to one connector (see carriers/rate-limit). Omitted: no limit. */
export const rateLimitSchema = z.object({
  /** Submits started per second, averaged; bursts up to one second's worth. */
  perSecond: z.number().positive().max(1_000_000).optional(),
  /** Submits awaiting the carrier's answer at once. */
  maxInFlight: z.number().int().min(1).max(1_000_000).optional(),
}).strict();

export type RateLimitConfig = z.infer<typeof rateLimitSchema>;

const commonShape = {
  /** Media profile every message on this connector is fitted to (media.profiles or a built-in). */
  profile: z.string().default('us-600k'),
  rateLimit: rateLimitSchema.optional(),
};

/** A connector type's config schema: `type`, the common settings, then its own (strict: unknown keys are errors). */
export function connectorSchema<const T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), ...commonShape, ...shape }).strict();
}

export type AnyConnectorSchema = ReturnType<typeof connectorSchema<string, z.ZodRawShape>>;
