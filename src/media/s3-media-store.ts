import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { MediaStore } from './media-store.ts';
import { MediaError } from './errors.ts';
import { PormError } from '../errors.ts';

/** The `media.s3` settings (src/config.ts). */
export interface S3MediaSettings {
  readonly bucket: string;
  readonly region: string;
  readonly endpoint?: string | undefined;
  readonly prefix: string;
  readonly forcePathStyle: boolean;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
}

/** An S3 client for these settings; without keys it uses the SDK's chain (AWS_* env, ~/.aws, instance or task role). */
export function s3ClientFor(settings: S3MediaSettings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    maxAttempts: settings.maxAttempts,
    // Every wait is bounded: connecting, the request until its answer (requestTimeout: without
    // throwOnRequestTimeout the SDK only logs a warning and waits on) and a body that stops
    // moving (socketTimeout). A timed-out attempt counts towards maxAttempts like any failure.
    requestHandler: { connectionTimeout: Math.min(5000, settings.timeoutMs), requestTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs, throwOnRequestTimeout: true },
    // The SDK's default CRC checksums (aws-chunked trailers) are refused by several S3-compatible
    // servers; porm sends its own SHA-256 instead and checks every body it reads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (settings.endpoint !== undefined) config.endpoint = settings.endpoint;
  if (settings.accessKeyId !== undefined && settings.secretAccessKey !== undefined) {
    config.credentials = { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey };
  }
  return new S3Client(config);
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** A read that met bytes not matching their key is tried this many more times, after these pauses. */
const REREAD_PAUSES_MS = [50, 250];

/**
 * Media in an S3-compatible bucket, one object per content under PREFIX + SHA-256. Several
 * porm processes on several machines share it. A PUT is atomic on S3, so a half-finished put is
 * never visible; bytes read are checked against their key, so a damaged or replaced object is
 * refused (PORM_MEDIA_STORE_CORRUPT) rather than served. Any other failure, once the SDK's
 * bounded retries are spent, is PORM_MEDIA_STORE_UNAVAILABLE.
 */
export class S3MediaStore implements MediaStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = '',
  ) {}

  private objectKey(sha256: string): string {
    // Keys come from URLs and database rows: anything but 64 lowercase hex digits is refused
    // before it can name another object (`../x`, another prefix, an upper-case twin).
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new MediaError('PORM_MEDIA_INVALID_KEY');
    return `${this.prefix}${sha256}`;
  }

  async put(bytes: Buffer): Promise<string> {
    const digest = createHash('sha256').update(bytes).digest();
    const sha256 = digest.toString('hex');
    const key = this.objectKey(sha256);
    // Content-addressed: an object already there holds these bytes, so there is nothing to write.
    // One of another size (truncated by a faulty server or tool) is written over.
    const size = await this.sizeOf(key, 'look up');
    if (size === bytes.length) return sha256;
    try {
      await this.client.send(new PutObjectCommand({
        Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream',
        // S3 and MinIO check the body against this and refuse the PUT on a mismatch (BadDigest).
        ChecksumSHA256: digest.toString('base64'),
      }));
    } catch (err) {
      throw this.failure('write', err);
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const key = this.objectKey(sha256);
    for (let attempt = 0; ; attempt++) {
      const bytes = await this.read(key);
      if (bytes === undefined) return undefined;
      if (createHash('sha256').update(bytes).digest('hex') === sha256) return bytes;
      // A server without atomic PUTs (s3rver, some gateways) can show a concurrent write of the
      // same bytes half done; on S3 itself a mismatch that persists is a damaged object.
      const pause = REREAD_PAUSES_MS[attempt];
      if (pause === undefined) {
        throw new PormError('PORM_MEDIA_STORE_CORRUPT', `the media store holds ${bytes.length} bytes under ${sha256} that do not have that SHA-256; refusing to use them`);
      }
      await sleep(pause);
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.sizeOf(this.objectKey(sha256), 'look up')) !== undefined;
  }

  private async read(key: string): Promise<Buffer | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!answer.Body) return Buffer.alloc(0);
      const body = await answer.Body.transformToByteArray();
      return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    } catch (err) {
      if ((err as SdkError).name === 'NoSuchKey') return undefined;
      throw this.failure('read', err);
    }
  }

  /** The stored object's size, or undefined when there is none. */
  private async sizeOf(key: string, op: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (err) {
      // A HEAD answer has no body, so a missing bucket is a bare 404 too; the GET and PUT that
      // follow tell it apart (NoSuchBucket) and fail with PORM_MEDIA_STORE_UNAVAILABLE.
      const e = err as SdkError;
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
      throw this.failure(op, err);
    }
  }

  private failure(op: string, err: unknown): PormError {
    const e = err as SdkError;
    const status = e.$metadata?.httpStatusCode;
    const attempts = e.$metadata?.attempts;
    // Only the kind of failure goes into the message (API clients see it); the endpoint, the
    // SDK's text and the stack stay in `cause`, for the server log.
    const what = e.name === 'NoSuchBucket' ? `bucket "${this.bucket}" does not exist` : `${e.code ?? e.name ?? 'error'}${status ? ` (HTTP ${status})` : ''}`;
    const error = new PormError('PORM_MEDIA_STORE_UNAVAILABLE', `the S3 media store failed to ${op} an object${attempts && attempts > 1 ? ` after ${attempts} attempts` : ''}: ${what}`);
    error.cause = err;
    return error;
  }
}
