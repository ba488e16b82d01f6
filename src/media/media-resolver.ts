import { basename } from 'node:path';
import type { Store } from '../store/store.ts';
import type { MediaStore } from './media-store.ts';
import type { MediaRef } from '../messages/model.ts';
import { safeRequest, isOutboundError, type OutboundPolicy } from '../net/index.ts';

/** A message attachment with its bytes, ready to be encoded for a carrier. */
export interface ResolvedMedia {
  contentType: string;
  data: Buffer;
  filename?: string;
  /**
   * Set by the producer of a generated graphic (a QR or bar code porm drew): the fitter keeps its
   * pixels whenever the budget allows and never scales its shorter edge below this many pixels,
   * since a code scaled down stops scanning.
   */
  minDimension?: number;
  /** Playing time of a video or audio clip, once the fitter has probed or converted it. */
  durationMs?: number;
}

/** Why an attachment could not be had; `permanent` failures fail the message, others are retried. */
export class MediaResolveError extends Error {
  override readonly name = 'MediaResolveError';
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

export interface MediaFetchPolicy {
  allowPrivateNetworks: boolean;
  maxFetchBytes: number;
  fetchTimeoutMs: number;
}

/**
 * Loads a message's media: uploaded objects from the media store, URLs through porm's guarded
 * outbound client (no private targets, redirects re-checked, byte cap while streaming).
 * Fetched media pass through as served; fitting them to a carrier is the media pipeline's job.
 */
export class MediaResolver {
  private readonly outbound: OutboundPolicy;

  constructor(private readonly store: Store, private readonly media: MediaStore, policy: MediaFetchPolicy) {
    this.outbound = {
      allowPrivateNetworks: policy.allowPrivateNetworks, maxRedirects: 5, timeoutMs: policy.fetchTimeoutMs,
      maxResponseBytes: policy.maxFetchBytes, userAgent: 'porm-media/1',
    };
  }

  async resolve(accountId: string, refs: readonly MediaRef[]): Promise<ResolvedMedia[]> {
    const out: ResolvedMedia[] = [];
    for (const ref of refs) out.push(ref.kind === 'id' ? await this.stored(accountId, ref.id) : await this.fetch(ref.url));
    return out;
  }

  private async stored(accountId: string, id: string): Promise<ResolvedMedia> {
    const row = await this.store.db.selectFrom('media').select(['sha256', 'content_type', 'filename'])
      .where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new MediaResolveError(`media ${id} no longer exists`, true);
    const data = await this.media.get(row.sha256);
    if (!data) throw new MediaResolveError(`the bytes of media ${id} are missing from the media store`, true);
    return { contentType: row.content_type, data, ...(row.filename ? { filename: row.filename } : {}) };
  }

  private async fetch(url: string): Promise<ResolvedMedia> {
    try {
      const res = await safeRequest({ url, method: 'GET' }, this.outbound);
      if (res.status >= 400) throw new MediaResolveError(`${url} answered HTTP ${res.status}`, res.status < 500 && res.status !== 429);
      if (res.status !== 200) throw new MediaResolveError(`${url} answered HTTP ${res.status}, not 200`, true);
      if (res.body.length === 0) throw new MediaResolveError(`${url} is empty`, true);
      const header = res.headers['content-type'];
      const contentType = (Array.isArray(header) ? header[0] : header)?.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
      const name = basename(new URL(res.finalUrl).pathname);
      return { contentType, data: res.body, ...(name ? { filename: name } : {}) };
    } catch (err) {
      if (err instanceof MediaResolveError) throw err;
      if (isOutboundError(err)) throw new MediaResolveError(`${url}: ${err.code}: ${err.message}`, err.permanent);
      throw new MediaResolveError(`${url}: ${(err as Error).message}`, false);
    }
  }
}
