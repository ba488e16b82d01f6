import type { ComplianceCheck } from './ports.ts';

/** Until the compliance module exists, every message is allowed: a seam, not a check. */
export const allowAll: ComplianceCheck = {
  check: async () => undefined,
};
