// The messaging-service tables (migration 0023), as Kysely sees them.

export interface MessagingServicesTable {
  id: string;
  account_id: string;
  name: string;
  /** 1: sticky sender on; 0: off. */
  sticky_sender: number;
  status_callback: string | null;
  inbound_webhook_url: string | null;
  /** 'POST' | 'GET'; null with no inbound webhook. */
  inbound_webhook_method: string | null;
  created_at: number;
  updated_at: number;
}

export interface MessagingServiceNumbersTable {
  number_id: string;
  service_id: string;
  account_id: string;
  added_at: number;
}

export interface MessagingServiceSendersTable {
  service_id: string;
  to_number: string;
  number_id: string;
  created_at: number;
  updated_at: number;
}
