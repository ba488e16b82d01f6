import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3MediaSettings } from '../../src/media/s3-media-store.ts';

/**
 * s3rver, an S3-compatible server, on a loopback port with its objects under a temporary
 * directory: each object is a plain file, BUCKET/KEY._S3rver_object, so tests can damage one.
 */
export interface S3TestServer {
  readonly bucket: string;
  readonly directory: string;
  endpoint(): string;
  /** media.s3 settings (forcePathStyle, s3rver's fixed S3RVER/S3RVER keys) for this server. */
  settings(prefix?: string, overrides?: Partial<S3MediaSettings>): S3MediaSettings;
  /** PORM_MEDIA_* environment for a porm using this server as its media store. */
  env(prefix?: string): Record<string, string>;
  /** Where s3rver keeps the bytes of an object. */
  objectFile(key: string): string;
  /** Stops answering (connections are then refused); `start` brings it back on the same port with the same objects. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startS3Server(bucket = 'porm-media'): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'porm-s3rver-'));
  let port = 0;
  let server: S3rver | undefined;
  const start = async (): Promise<void> => {
    const next = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket }] });
    port = (await next.run()).port;
    server = next;
  };
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    await running?.close();
  };
  await start();
  const endpoint = (): string => `http://127.0.0.1:${port}`;
  return {
    bucket,
    directory,
    endpoint,
    settings: (prefix = '', overrides = {}) => ({
      bucket, region: 'us-east-1', endpoint: endpoint(), prefix, forcePathStyle: true,
      accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', timeoutMs: 10_000, maxAttempts: 3, ...overrides,
    }),
    env: (prefix = '') => ({
      PORM_MEDIA_STORE: 's3', PORM_MEDIA_S3_BUCKET: bucket, PORM_MEDIA_S3_ENDPOINT: endpoint(), PORM_MEDIA_S3_PREFIX: prefix,
      PORM_MEDIA_S3_FORCE_PATH_STYLE: 'true', PORM_MEDIA_S3_ACCESS_KEY_ID: 'S3RVER', PORM_MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    objectFile: (key) => join(directory, bucket, `${key}._S3rver_object`),
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
