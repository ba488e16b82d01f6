import type { Selectable } from 'kysely';
import type { CampaignsTable } from './tables.ts';
import type { Rule } from '../contacts/segments/rule.ts';
import type { AbTest, VariantResult } from './ab-test.ts';

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'testing' | 'paused' | 'completed' | 'canceled';

/** An A/B test as it stands: its settings, and once the window is over, the winner and why. */
export interface AbState {
  test: AbTest;
  phase: 'test' | 'rest';
  testEndsAt: number | null;
  winner: string | null;
  results: VariantResult[] | null;
}

/** Who a campaign goes to. Segment rules are copied in when the campaign is created, so every batch reads one audience. */
export interface Audience {
  lists: string[];
  segments: string[];
  excludeLists: string[];
  rules: unknown[];
}

export interface Campaign {
  id: string;
  accountId: string;
  name: string;
  status: CampaignStatus;
  audience: Audience;
  body: string;
  mediaIds: string[];
  from: string | null;
  messagingServiceId: string | null;
  category: 'marketing' | 'transactional';
  sendAt: number | null;
  /** send_at_local: "2026-12-04T10:00", at that wall time in each recipient's zone; null otherwise. */
  sendAtLocal: string | null;
  /** The zone sendAtLocal is read in for recipients porm cannot place (null when not local). */
  sendAtLocalFallbackZone: string | null;
  sendRate: number;
  effectiveRate: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** null: one body for everyone. */
  ab: AbState | null;
  /** Each message's links become its own short links, their clicks counted (src/links). */
  trackLinks: boolean;
  /** A rich template sent instead of the body, or null (see CampaignTemplate). */
  template: CampaignTemplate | null;
}

/**
 * A campaign's rich template: the account's saved template at the revision pinned when the campaign
 * was created, bound for each recipient with `data` overlaid by the contact (personalise.ts's templateData).
 */
export interface CampaignTemplate {
  id: string;
  revision: number;
  data: Record<string, unknown>;
}

export interface CampaignStats {
  recipients: number;
  queued: number;
  excluded: Record<string, number>;
  messages: Record<string, number>;
  /** With an A/B test: recipients and accepted messages per variant. */
  variants?: Record<string, { recipients: number; queued: number }>;
  /** send_at_local campaigns: recipients whose local time had passed when the fan-out reached them, sent at once. */
  late?: number;
}

export interface CampaignInput {
  name: string;
  audience: { lists?: string[]; segments?: string[]; excludeLists?: string[] };
  /** Required unless abTest gives variants. */
  body?: string;
  mediaIds?: string[];
  from?: string;
  messagingServiceId?: string;
  category?: 'marketing' | 'transactional';
  /** ISO 8601 with a zone; absent: now. */
  sendAt?: string;
  /** A local date-time without zone, sent at that time in each recipient's zone; excludes sendAt. */
  sendAtLocal?: string;
  /** IANA zone for recipients porm cannot place; default UTC. Only with sendAtLocal. */
  sendAtLocalFallbackZone?: string;
  sendRate?: number;
  /** Created as a draft: nothing is sent until POST /v1/campaigns/{id}/start. */
  draft?: boolean;
  /** Variants instead of one body (then `body` is left out): the API's ab_test, checked by parseAbTest. */
  abTest?: unknown;
  /** Shorten and count the body's links (default true; a template campaign has none to shorten). */
  trackLinks?: boolean;
  /** A saved rich template (tpl_…) of the account, sent instead of `body`. */
  template?: string;
  /** Fixed data for the template, under each contact's own; only with `template`. */
  templateData?: unknown;
  /**
   * What made the campaign, unique per account (the dashboard compose form's key): create() with a
   * key it has seen returns that campaign instead of making a second one.
   */
  originKey?: string;
}

export type ParsedRules = Rule[];

export function campaignFromRow(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id, accountId: row.account_id, name: row.name, status: row.status as CampaignStatus,
    audience: JSON.parse(row.audience_json) as Audience, body: row.body, mediaIds: JSON.parse(row.media_json) as string[],
    from: row.from_number, messagingServiceId: row.messaging_service_id, category: row.category as Campaign['category'],
    sendAt: row.send_at === null ? null : Number(row.send_at),
    sendAtLocal: row.send_at_local ?? null, sendAtLocalFallbackZone: row.send_at_local_fallback_zone ?? null, sendRate: row.send_rate, effectiveRate: row.effective_rate,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
    startedAt: row.started_at === null ? null : Number(row.started_at), finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    ab: row.ab_json === null ? null : {
      test: JSON.parse(row.ab_json) as AbTest, phase: row.ab_phase === 'rest' ? 'rest' : 'test',
      testEndsAt: row.ab_test_ends_at === null ? null : Number(row.ab_test_ends_at), winner: row.ab_winner,
      results: row.ab_results_json === null ? null : JSON.parse(row.ab_results_json) as VariantResult[],
    },
    trackLinks: row.track_links === 1,
    template: row.template_id == null ? null : {
      id: row.template_id, revision: Number(row.template_revision ?? 1),
      data: row.template_data_json == null ? {} : JSON.parse(row.template_data_json) as Record<string, unknown>,
    },
  };
}
