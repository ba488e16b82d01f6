import type { CarrierConfig } from '../../carriers/registry.ts';

export const DEFAULT_MO_PART_TTL_MS = 86_400_000;

/** How long a carrier's incomplete concatenated MO parts are kept (its `moPartTtlMs`, else a day). */
export function smsPartTtl(carrier: CarrierConfig | undefined): number {
  return carrier !== undefined && 'moPartTtlMs' in carrier ? carrier.moPartTtlMs : DEFAULT_MO_PART_TTL_MS;
}
