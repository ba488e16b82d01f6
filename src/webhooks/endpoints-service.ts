import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { isHttpUrl } from '../messages/validate.ts';
import { literalPrivateTarget } from '../net/index.ts';
import { generateWebhookSecret } from './signature.ts';
import { isWebhookEventType } from './event-types.ts';
import type { EndpointCache } from './endpoint-cache.ts';

export interface WebhookEndpoint {
  id: string;
  accountId: string;
  url: string;
  secret: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  createdAt: number;
}

export interface EndpointInput {
  url: string;
  events?: string[];
  description?: string;
  enabled?: boolean;
}

type Row = { id: string; account_id: string; url: string; secret: string; events_json: string; description: string | null; enabled: number; created_at: number };

function fromRow(row: Row): WebhookEndpoint {
  return {
    id: row.id, accountId: row.account_id, url: row.url, secret: row.secret, events: JSON.parse(row.events_json) as string[],
    description: row.description, enabled: row.enabled === 1, createdAt: row.created_at,
  };
}

/** Where endpoints may point: config webhooks.allowPrivateNetworks. */
export interface EndpointPolicy {
  allowPrivateNetworks: boolean;
}

function checkInput(input: Partial<EndpointInput>, policy: EndpointPolicy): void {
  if (input.url !== undefined && !isHttpUrl(input.url)) {
    throw new PormError('PORM_INVALID_URL', 'url must be an absolute http(s) URL without credentials', [{ field: '/url', code: 'PORM_INVALID_URL', message: 'must be an absolute http(s) URL' }]);
  }
  // Deliveries to such an address are refused at send time, so an endpoint there would fail every
  // delivery: refused now, where the client sees why. (Names resolving privately fail at delivery.)
  const privateTarget = input.url !== undefined && !policy.allowPrivateNetworks ? literalPrivateTarget(input.url) : undefined;
  if (privateTarget !== undefined) {
    const message = `${privateTarget}; porm delivers webhooks to public addresses only, unless the server sets webhooks.allowPrivateNetworks (PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true)`;
    throw new PormError('PORM_URL_BLOCKED', message, [{ field: '/url', code: 'PORM_URL_BLOCKED', message }]);
  }
  const bad = (input.events ?? []).map((e, i) => ({ e, i })).filter(({ e }) => e !== '*' && !isWebhookEventType(e));
  if (bad.length > 0) {
    const fields = bad.map(({ e, i }) => ({ field: `/events/${i}`, code: 'PORM_INVALID_FIELD' as const, message: `unknown event type "${e.slice(0, 60)}"` }));
    throw new PormError('PORM_INVALID_FIELD', fields[0]!.message, fields);
  }
}

/** Account-level webhook endpoints (`/v1/webhooks`), each with its own signing secret. */
export class WebhookEndpoints {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly cache: EndpointCache,
    private readonly policy: EndpointPolicy = { allowPrivateNetworks: false },
  ) {}

  async create(accountId: string, input: EndpointInput): Promise<WebhookEndpoint> {
    checkInput(input, this.policy);
    const now = this.clock.now();
    const endpoint: WebhookEndpoint = {
      id: newId('whe', now), accountId, url: input.url, secret: generateWebhookSecret(), events: input.events ?? ['*'],
      description: input.description ?? null, enabled: input.enabled ?? true, createdAt: now,
    };
    await this.store.write((tx) => tx.insertInto('webhook_endpoints').values({
      id: endpoint.id, account_id: accountId, url: endpoint.url, secret: endpoint.secret, events_json: JSON.stringify(endpoint.events),
      description: endpoint.description, enabled: endpoint.enabled ? 1 : 0, created_at: now, deleted_at: null,
    }).execute());
    this.cache.invalidate(accountId);
    return endpoint;
  }

  async list(accountId: string): Promise<WebhookEndpoint[]> {
    const rows = await this.store.db.selectFrom('webhook_endpoints').selectAll()
      .where('account_id', '=', accountId).where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map(fromRow);
  }

  async get(accountId: string, id: string): Promise<WebhookEndpoint> {
    const row = await this.store.db.selectFrom('webhook_endpoints').selectAll()
      .where('id', '=', id).where('account_id', '=', accountId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new PormError('PORM_WEBHOOK_NOT_FOUND');
    return fromRow(row);
  }

  async update(accountId: string, id: string, input: Partial<EndpointInput>): Promise<WebhookEndpoint> {
    checkInput(input, this.policy);
    await this.store.write(async (tx) => {
      const result = await tx.updateTable('webhook_endpoints').set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events_json: JSON.stringify(input.events) } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
      }).where('id', '=', id).where('account_id', '=', accountId).where('deleted_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_WEBHOOK_NOT_FOUND');
    });
    this.cache.invalidate(accountId);
    return this.get(accountId, id);
  }

  /** Soft delete: the delivery log keeps pointing at the endpoint it went to. */
  async remove(accountId: string, id: string): Promise<void> {
    await this.store.write(async (tx) => {
      const result = await tx.updateTable('webhook_endpoints').set({ deleted_at: this.clock.now(), enabled: 0 })
        .where('id', '=', id).where('account_id', '=', accountId).where('deleted_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_WEBHOOK_NOT_FOUND');
    });
    this.cache.invalidate(accountId);
  }
}
