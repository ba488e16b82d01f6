// The dashboard tables (migration 0027), as Kysely sees them. Secrets are stored as SHA-256 hashes.

export interface DashboardUsersTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface DashboardSessionsTable {
  id_hash: string;
  user_id: string;
  csrf: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface DashboardLinksTable {
  token_hash: string;
  account_id: string;
  email: string | null;
  role: string;
  purpose: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface DashboardLoginFailuresTable {
  key: string;
  at: number;
}
