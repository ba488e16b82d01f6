// The campaign tables (migration 0028), as Kysely sees them.

export interface CampaignsTable {
  id: string;
  account_id: string;
  name: string;
  /** draft | scheduled | sending | paused | completed | canceled */
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
  /** 1: the links of each message are short links with counted clicks (migration 0033); null (older campaigns) or 0: not. */
  track_links: number | null;
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
}
