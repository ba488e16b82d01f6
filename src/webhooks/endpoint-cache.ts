import type { Db } from '../store/schema.ts';
import type { Clock } from '../clock.ts';
import { queryTemplate } from '../store/query-template.ts';

export interface ActiveEndpoint {
  id: string;
  url: string;
  events: string[];
}

const selectActive = queryTemplate<{ accountId: string }, { id: string; url: string; events_json: string }>((db, p) =>
  db.selectFrom('webhook_endpoints').select(['id', 'url', 'events_json'])
    .where('account_id', '=', p.accountId).where('enabled', '=', 1).where('deleted_at', 'is', null));

/**
 * Each account's active webhook endpoints, read at most once a second. Every status change
 * consults them, so reading them from the database each time doubled the cost of a send.
 * Changes made through this process are seen at once (invalidate); changes made by another
 * process within `ttlMs`.
 */
export class EndpointCache {
  private readonly entries = new Map<string, { at: number; endpoints: ActiveEndpoint[] }>();

  constructor(private readonly clock: Clock, private readonly ttlMs = 1000, private readonly maxAccounts = 10_000) {}

  async forAccount(tx: Db, accountId: string): Promise<ActiveEndpoint[]> {
    const now = this.clock.now();
    const hit = this.entries.get(accountId);
    if (hit && now - hit.at < this.ttlMs) return hit.endpoints;
    const rows = (await selectActive(tx, { accountId })).rows;
    const endpoints = rows.map((r) => ({ id: r.id, url: r.url, events: JSON.parse(r.events_json) as string[] }));
    if (this.entries.size >= this.maxAccounts) this.entries.clear();
    this.entries.set(accountId, { at: now, endpoints });
    return endpoints;
  }

  invalidate(accountId: string): void {
    this.entries.delete(accountId);
  }
}
