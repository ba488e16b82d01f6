import type { Campaign, CampaignStats } from './model.ts';

// A campaign as /v1/campaigns and `porm campaigns --json` show it (snake_case, ISO times).

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function campaignResource(c: Campaign, stats?: CampaignStats) {
  return {
    id: c.id, object: 'campaign' as const, name: c.name, status: c.status,
    audience: { lists: c.audience.lists, segments: c.audience.segments, exclude_lists: c.audience.excludeLists },
    body: c.body, media_ids: c.mediaIds, from: c.from, messaging_service_id: c.messagingServiceId, category: c.category,
    send_at: iso(c.sendAt), send_rate: c.sendRate, effective_rate: c.effectiveRate,
    created_at: iso(c.createdAt)!, updated_at: iso(c.updatedAt)!, started_at: iso(c.startedAt), finished_at: iso(c.finishedAt),
    track_links: c.trackLinks,
    ...(stats ? { stats } : {}),
  };
}
