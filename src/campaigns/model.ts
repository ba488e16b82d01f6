import type { Selectable } from 'kysely';
import type { CampaignsTable } from './tables.ts';
import type { Rule } from '../contacts/segments/rule.ts';

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'canceled';

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
  sendRate: number;
  effectiveRate: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Each message's links become its own short links, their clicks counted (src/links). */
  trackLinks: boolean;
}

export interface CampaignStats {
  recipients: number;
  queued: number;
  excluded: Record<string, number>;
  messages: Record<string, number>;
}

export interface CampaignInput {
  name: string;
  audience: { lists?: string[]; segments?: string[]; excludeLists?: string[] };
  body: string;
  mediaIds?: string[];
  from?: string;
  messagingServiceId?: string;
  category?: 'marketing' | 'transactional';
  /** ISO 8601 with a zone; absent: now. */
  sendAt?: string;
  sendRate?: number;
  /** Created as a draft: nothing is sent until POST /v1/campaigns/{id}/start. */
  draft?: boolean;
  /** Shorten and count the body's links (default true). */
  trackLinks?: boolean;
}

export type ParsedRules = Rule[];

export function campaignFromRow(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id, accountId: row.account_id, name: row.name, status: row.status as CampaignStatus,
    audience: JSON.parse(row.audience_json) as Audience, body: row.body, mediaIds: JSON.parse(row.media_json) as string[],
    from: row.from_number, messagingServiceId: row.messaging_service_id, category: row.category as Campaign['category'],
    sendAt: row.send_at === null ? null : Number(row.send_at), sendRate: row.send_rate, effectiveRate: row.effective_rate,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
    startedAt: row.started_at === null ? null : Number(row.started_at), finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    trackLinks: row.track_links === 1,
  };
}
