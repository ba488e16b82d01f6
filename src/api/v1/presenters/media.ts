import type { MediaObject } from '../../../media/media-service.ts';

/** A version porm made of a media file for a carrier profile (VariantCache.of). */
export interface MediaVariant {
  profile: string;
  maxBytes: number;
  sha256: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
}

/** The /v1 JSON of a media object. `urlFor` signs a URL for a blob (MediaUrls.urlFor). */
export function presentMedia(media: MediaObject, variants: readonly MediaVariant[], urlFor: (sha256: string) => string) {
  return {
    id: media.id, object: 'media' as const, content_type: media.contentType, declared_type: media.declaredType, size: media.size, sha256: media.sha256,
    filename: media.filename, created_at: new Date(media.createdAt).toISOString(), url: urlFor(media.sha256),
    variants: variants.map((v) => ({
      profile: v.profile, max_bytes: v.maxBytes, content_type: v.contentType, size: v.size, width: v.width, height: v.height, url: urlFor(v.sha256),
    })),
  };
}
