import type { Campaign, CampaignStats } from './model.ts';

// A campaign as /v1/campaigns and `porm campaigns --json` show it (snake_case, ISO times).

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The A/B test as the API shows it (snake_case), or null. */
function abResource(c: Campaign) {
  if (c.ab === null) return null;
  const { test } = c.ab;
  return {
    variants: test.variants.map((v) => ({ name: v.name, body: v.body, weight: v.weight, media_ids: v.mediaIds })),
    test_percent: test.testPercent, metric: test.metric, window_minutes: test.windowMinutes,
    test_ends_at: iso(c.ab.testEndsAt), winner: c.ab.winner, results: c.ab.results,
  };
}

export function campaignResource(c: Campaign, stats?: CampaignStats) {
  return {
    id: c.id, object: 'campaign' as const, name: c.name, status: c.status,
    audience: { lists: c.audience.lists, segments: c.audience.segments, exclude_lists: c.audience.excludeLists },
    body: c.ab === null && c.template === null ? c.body : null, media_ids: c.mediaIds, from: c.from, messaging_service_id: c.messagingServiceId, category: c.category,
    send_at: iso(c.sendAt),
    ...(c.sendAtLocal !== null ? { send_at_local: c.sendAtLocal, send_at_local_fallback_zone: c.sendAtLocalFallbackZone } : {}),
    send_rate: c.sendRate, effective_rate: c.effectiveRate,
    created_at: iso(c.createdAt)!, updated_at: iso(c.updatedAt)!, started_at: iso(c.startedAt), finished_at: iso(c.finishedAt),
    ab_test: abResource(c),
    track_links: c.trackLinks,
    template: c.template === null ? null : { id: c.template.id, revision: c.template.revision, data: c.template.data },
    ...(stats ? { stats } : {}),
  };
}
