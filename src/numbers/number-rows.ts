import type { Selectable } from 'kysely';
import type { NumbersTable } from '../store/schema.ts';
import type { Capability, NumberSource, SenderNumber } from './model.ts';
import type { NumberKind } from './number-format.ts';
import { inboundWebhookOf } from './inbound-webhook.ts';
import { phoneNumberSidOf } from '../twilio/sids.ts';

export function numberFromRow(row: Selectable<NumbersTable>): SenderNumber {
  return {
    id: row.id, accountId: row.account_id, number: row.number, kind: row.kind as NumberKind,
    capabilities: JSON.parse(row.capabilities_json) as Capability[], route: row.route, programId: row.program_id,
    source: row.source as NumberSource, inboundWebhook: inboundWebhookOf(row), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The /v1 JSON shape of a number (the API and `porm numbers --json` print the same). */
export function numberResource(n: SenderNumber) {
  return {
    id: n.id, object: 'number' as const, number: n.number, kind: n.kind, capabilities: n.capabilities, route: n.route,
    program_id: n.programId, source: n.source, inbound_webhook: n.inboundWebhook,
    // Its PhoneNumberSid on the Twilio surface (…/Services/{MG…}/PhoneNumbers); ids minted before ULIDs have none.
    ...(/^num_[0-7][0-9a-hjkmnp-tv-z]{25}$/.test(n.id) ? { twilio_sid: phoneNumberSidOf(n.id) } : {}),
    created_at: new Date(n.createdAt).toISOString(), updated_at: new Date(n.updatedAt).toISOString(),
  };
}
