import { z } from 'zod';

// The `media.s3` settings: the bucket several porm processes share for media (media.store "s3").

export const s3MediaSchema = z.object({
  /** S3's bucket naming rules (MinIO, R2 and Ceph follow them): 3–63 lower-case letters, digits, dots and hyphens. */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit'),
  /** Any string the store accepts; MinIO and s3rver ignore it, S3 signs with it. */
  region: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a region name such as us-east-1').default('us-east-1'),
  /** For S3-compatible stores (MinIO, R2, Ceph); unset: AWS S3 itself. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, such as https://minio.internal:9000' }).optional(),
  /** Objects go under PREFIX + SHA-256: path segments each ending in "/", none of them "." or "..". */
  prefix: z.string().max(200).regex(/^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*$/, 'must be "" or path segments each ending in "/", such as "porm/media/" (letters, digits, . _ -; no segment starting with ".")').default(''),
  /** bucket in the path (http://host/bucket/key) rather than the host name: MinIO and s3rver need it. */
  forcePathStyle: z.boolean().default(false),
  /** Both or neither; unset, the AWS SDK's chain is used (AWS_ACCESS_KEY_ID…, ~/.aws, instance or task role). */
  accessKeyId: z.string().min(1).max(256).optional(),
  secretAccessKey: z.string().min(1).max(256).optional(),
  /** Time for one request, connect to answer, and longest pause in a body; then it is abandoned (and retried, up to maxAttempts). */
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Attempts per store operation, the first included: a failure after the last is PORM_MEDIA_STORE_UNAVAILABLE. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
}).strict();

export type S3MediaConfig = z.infer<typeof s3MediaSchema>;

/** What is wrong with the media store settings taken together, one line per problem. */
export function mediaStoreProblems(media: { store: 'disk' | 's3'; s3?: S3MediaConfig | undefined }): string[] {
  const problems: string[] = [];
  if (media.store === 's3' && media.s3 === undefined) problems.push('media.s3: media.store is "s3" but no bucket is set (media.s3.bucket or PORM_MEDIA_S3_BUCKET)');
  if (media.store === 'disk' && media.s3 !== undefined) problems.push('media.s3: settings for an S3 media store are given but media.store is "disk" (set media.store to "s3", or remove them)');
  if (media.s3 && (media.s3.accessKeyId === undefined) !== (media.s3.secretAccessKey === undefined)) {
    problems.push('media.s3: accessKeyId and secretAccessKey go together (give both, or neither to use the AWS credential chain)');
  }
  return problems;
}
