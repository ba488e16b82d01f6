import type { Program } from '../../../compliance/programs/program-store.ts';
import { presentSettings } from '../../../compliance/programs/settings-validate.ts';
import type { ConsentEvent, Suppression } from '../../../compliance/consent/ledger.ts';

// Programs, consent events and suppressions as /v1 shows them; `porm programs|consents|suppressions --json`
// prints the same objects, so a script reads one shape whichever it talks to.

const iso = (ms: number): string => new Date(ms).toISOString();

export function programResource(p: Program): Record<string, unknown> & { id: string } {
  return { id: p.id, object: 'program', name: p.name, is_default: p.isDefault, settings: presentSettings(p.settings), created_at: iso(p.createdAt), updated_at: iso(p.updatedAt) };
}

export function consentResource(e: ConsentEvent): Record<string, unknown> {
  return {
    id: e.id, object: 'consent_event', to: e.recipient, program_id: e.programId, type: e.type, source: e.source, confirmed: e.confirmed, wording: e.wording,
    url: e.url, ip: e.ip, user_agent: e.userAgent, keyword: e.keyword, inbound_id: e.inboundId, at: iso(e.at), recorded_at: iso(e.recordedAt),
  };
}

export function suppressionResource(s: Suppression): Record<string, unknown> {
  return { object: 'suppression', to: s.recipient, program_id: s.programId, reason: s.reason, source: s.source, created_at: iso(s.createdAt) };
}
