// The tracked-link tables (migration 0026), as Kysely sees them.

export interface TrackedLinksTable {
  token: string;
  account_id: string;
  message_id: string;
  recipient: string;
  target: string;
  original: string;
  position: number;
  created_at: number;
  expires_at: number;
}

export interface LinkClicksTable {
  id: string;
  token: string;
  account_id: string;
  message_id: string;
  recipient: string;
  at: number;
  bot: number;
  bot_reason: string | null;
  user_agent: string | null;
}

export interface ConversionsTable {
  id: string;
  account_id: string;
  recipient: string;
  order_id: string | null;
  value_micros: number;
  currency: string;
  occurred_at: number;
  created_at: number;
  attribution: string;
  message_id: string | null;
  token: string | null;
  click_id: string | null;
}

export interface LinkSettingsTable {
  account_id: string;
  base_url: string | null;
  utm_json: string;
  ttl_days: number;
  click_window_hours: number;
  delivery_window_hours: number;
  updated_at: number;
}
