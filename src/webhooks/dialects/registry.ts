import type { WebhookDialect } from './dialect.ts';
import { standardDialect } from './standard/index.ts';
import { twilioDialect } from './twilio/index.ts';

/** The dialect of /v1 and of every delivery row written before dialects existed. */
export const STANDARD_DIALECT = 'standard';

// One line per dialect. Immutable: built once when the module loads.
const DIALECTS: ReadonlyMap<string, WebhookDialect> = new Map<string, WebhookDialect>([
  [standardDialect.name, standardDialect],
  [twilioDialect.name, twilioDialect],
]);

/** The dialect a delivery row names, or undefined for one this build does not know. */
export function webhookDialect(name: string): WebhookDialect | undefined {
  return DIALECTS.get(name);
}

export function webhookDialectNames(): string[] {
  return [...DIALECTS.keys()];
}
