import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { MediaStore } from '../media-store.ts';

export interface Variant {
  sha256: string;
  contentType: string;
  data: Buffer;
  width: number | null;
  height: number | null;
  details: Record<string, unknown>;
}

/**
 * Derived media, one per (original, profile, byte budget): the second message of a campaign
 * with the same picture and the same text reuses the first one's conversion.
 */
export class VariantCache {
  constructor(private readonly store: Store, private readonly media: MediaStore, private readonly clock: Clock) {}

  async get(originalSha: string, profile: string, maxBytes: number): Promise<Variant | undefined> {
    const row = await this.store.db.selectFrom('media_variants').selectAll()
      .where('original_sha256', '=', originalSha).where('profile', '=', profile).where('max_bytes', '=', maxBytes).executeTakeFirst();
    if (!row) return undefined;
    const data = await this.media.get(row.variant_sha256);
    if (!data) return undefined;
    return { sha256: row.variant_sha256, contentType: row.content_type, data, width: row.width, height: row.height, details: JSON.parse(row.details_json) as Record<string, unknown> };
  }

  async put(originalSha: string, profile: string, maxBytes: number, variant: Omit<Variant, 'sha256'>): Promise<Variant> {
    const sha256 = await this.media.put(variant.data);
    await this.store.write((tx) => tx.insertInto('media_variants').values({
      original_sha256: originalSha, profile, max_bytes: maxBytes, variant_sha256: sha256, content_type: variant.contentType,
      size: variant.data.length, width: variant.width, height: variant.height, details_json: JSON.stringify(variant.details), created_at: this.clock.now(),
    }).onConflict((oc) => oc.columns(['original_sha256', 'profile', 'max_bytes']).doNothing()).execute());
    return { ...variant, sha256 };
  }

  /** Every variant made of one original, for GET /v1/media/{id}. */
  async of(originalSha: string): Promise<Array<{ profile: string; maxBytes: number; sha256: string; contentType: string; size: number; width: number | null; height: number | null }>> {
    const rows = await this.store.db.selectFrom('media_variants').selectAll().where('original_sha256', '=', originalSha).orderBy('created_at').execute();
    return rows.map((r) => ({ profile: r.profile, maxBytes: r.max_bytes, sha256: r.variant_sha256, contentType: r.content_type, size: r.size, width: r.width, height: r.height }));
  }
}
