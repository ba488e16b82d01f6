import type { HealthError } from '../carriers/carrier.ts';
import { PRUNE_AFTER_MS } from '../carriers/health-report.ts';
import type { Store } from '../store/store.ts';
import type { InstanceReport } from './connector-health-model.ts';

// The connector health rows every process running connectors reports (not account data: no
// message content or numbers are in them), those not yet pruned.

function errorsOf(json: string): HealthError[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((e: unknown) => {
      if (typeof e !== 'object' || e === null) return [];
      const { code, message, at } = e as Record<string, unknown>;
      return typeof code === 'string' && typeof message === 'string' && typeof at === 'number' ? [{ code, message, at }] : [];
    });
  } catch {
    // A row written by a future version in another shape shows no errors rather than failing the page.
    return [];
  }
}

export async function connectorReports(store: Store, now: number): Promise<InstanceReport[]> {
  const rows = await store.db.selectFrom('connector_health').selectAll().where('updated_at', '>=', now - PRUNE_AFTER_MS).execute();
  // PostgreSQL hands bigints back as strings.
  return rows.map((r) => ({
    connector: r.connector, instance: r.instance,
    bindsUp: r.binds_up === null ? null : Number(r.binds_up), bindsConfigured: r.binds_configured === null ? null : Number(r.binds_configured),
    submitsLastMinute: Number(r.submits_last_minute), lastOkAt: r.last_ok_at === null ? null : Number(r.last_ok_at),
    errors: errorsOf(r.errors_json), updatedAt: Number(r.updated_at),
  }));
}
