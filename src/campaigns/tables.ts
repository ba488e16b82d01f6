// The campaign tables (migration 0028), as Kysely sees them.

export interface CampaignsTable {
  id: string;
  account_id: string;
  name: string;
  /** draft | scheduled | sending | testing | paused | completed | canceled */
  status: string;
  /** {"lists":[…],"segments":[…],"exclude_lists":[…]} */
  audience_json: string;
  body: string;
  /** JSON array of media ids. */
  media_json: string;
  from_number: string | null;
  messaging_service_id: string | null;
  category: string;
  send_at: number | null;
  /** A wall-clock date-time without zone ("2026-12-04T10:00"), sent at that time in each recipient's zone (migration 0032). */
  send_at_local?: string | null;
  /** The zone send_at_local is read in for a recipient porm cannot place. */
  send_at_local_fallback_zone?: string | null;
  send_rate: number;
  /** send_rate capped by the route's limit. */
  effective_rate: number;
  /** The last contact id the fan-out handled (keyset order); null before the first batch. */
  cursor: string | null;
  /** Raised by pause, resume and cancel: a fan-out job of an older epoch stops. */
  epoch: number;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** The A/B test (ab-test.ts's AbTest as JSON), or null for one message to all (migration 0031). */
  ab_json: string | null;
  /** null or 'test' while the test group is sent; 'rest' once it is (the winner goes to the others). */
  ab_phase: string | null;
  /** Audience contacts the test phase has handled, and test recipients among them: the sampling's position. */
  ab_seen: number;
  ab_tested: number;
  ab_test_ends_at: number | null;
  ab_winner: string | null;
  /** VariantResult[] as JSON: the figures the winner was chosen on. */
  ab_results_json: string | null;
  /** 1: the links of each message are short links with counted clicks (migration 0033); null (older campaigns) or 0: not. */
  track_links: number | null;
  /** The rich template (tpl_…) the campaign sends instead of a body, or null (migration 0042). */
  template_id?: string | null;
  /** The template's revision pinned at creation. */
  template_revision?: number | null;
  /** Fixed data (a JSON object) every recipient's data starts from; the contact's own goes over it. */
  template_data_json?: string | null;
  /** The compose form that made this one-off campaign (dashboard), unique per account; null otherwise. */
  origin_key?: string | null;
}

export interface CampaignRecipientsTable {
  campaign_id: string;
  contact_id: string;
  account_id: string;
  phone: string;
  message_id: string | null;
  /** queued (a message was accepted) | excluded (reason holds the refusal's code) */
  status: string;
  reason: string | null;
  created_at: number;
  /** The A/B variant's name, or null for a campaign without a test. */
  variant: string | null;
}
