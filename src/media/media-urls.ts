import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { MediaStore } from './media-store.ts';
import { signMediaToken, verifyMediaToken, type TokenCheck } from './signed-url.ts';

export interface ServedMedia {
  sha256: string;
  contentType: string;
  bytes: Buffer;
  expiresAt: number;
}

/** Unguessable, expiring URLs for media bytes (originals and variants), and serving them. */
export class MediaUrls {
  constructor(
    private readonly store: Store,
    private readonly media: MediaStore,
    private readonly key: Buffer,
    private readonly publicUrl: () => string,
    private readonly clock: Clock,
  ) {}

  /** Valid for at least `ttlSeconds`; the expiry is rounded up to the hour so repeated calls give the same URL (cache-friendly). */
  urlFor(sha256: string, ttlSeconds = 7 * 24 * 3600): string {
    const expiresAt = Math.ceil((Math.floor(this.clock.now() / 1000) + ttlSeconds) / 3600) * 3600;
    return `${this.publicUrl()}/media/${signMediaToken(sha256, expiresAt, this.key)}`;
  }

  /** Valid until exactly `expiresAt` (unix seconds): for bodies that must render the same on every retry. */
  urlUntil(sha256: string, expiresAt: number): string {
    return `${this.publicUrl()}/media/${signMediaToken(sha256, expiresAt, this.key)}`;
  }

  /** The bytes behind a token, or why not (a bad token, an expired one, or bytes gone). */
  async open(token: string): Promise<ServedMedia | Exclude<TokenCheck, { ok: true }> | { ok: false; reason: 'missing' }> {
    const check = verifyMediaToken(token, this.key, Math.floor(this.clock.now() / 1000));
    if (!check.ok) return check;
    const variant = await this.store.db.selectFrom('media_variants').select('content_type').where('variant_sha256', '=', check.sha256).limit(1).executeTakeFirst();
    const original = variant ?? await this.store.db.selectFrom('media').select('content_type').where('sha256', '=', check.sha256).limit(1).executeTakeFirst();
    const bytes = original ? await this.media.get(check.sha256) : undefined;
    if (!original || !bytes) return { ok: false, reason: 'missing' };
    return { sha256: check.sha256, contentType: original.content_type, bytes, expiresAt: check.expiresAt };
  }
}
