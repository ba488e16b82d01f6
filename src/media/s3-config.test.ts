import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

// media.store and media.s3: from the file and from PORM_MEDIA_* variables, checked at startup.

const S3_ENV = { PORM_MEDIA_STORE: 's3', PORM_MEDIA_S3_BUCKET: 'porm-media' };
const refused = (pattern: RegExp) => (err: unknown): boolean => err instanceof ConfigError && pattern.test(err.message);

test('the media store is the data directory unless media.store is "s3"', () => {
  const config = loadConfig({}, {});
  assert.equal(config.media.store, 'disk');
  assert.equal(config.media.s3, undefined);
});

test('media.s3 from the environment, with defaults for what is not set', () => {
  const config = loadConfig({}, {
    ...S3_ENV, PORM_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000', PORM_MEDIA_S3_PREFIX: 'porm/media/', PORM_MEDIA_S3_FORCE_PATH_STYLE: 'true',
    PORM_MEDIA_S3_ACCESS_KEY_ID: 'minio', PORM_MEDIA_S3_SECRET_ACCESS_KEY: 'minio-secret', PORM_MEDIA_S3_REGION: 'eu-west-1',
  });
  assert.equal(config.media.store, 's3');
  assert.deepEqual(config.media.s3, {
    bucket: 'porm-media', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', prefix: 'porm/media/', forcePathStyle: true,
    accessKeyId: 'minio', secretAccessKey: 'minio-secret', timeoutMs: 30_000, maxAttempts: 3,
  });
  const minimal = loadConfig({}, S3_ENV);
  assert.deepEqual(minimal.media.s3, { bucket: 'porm-media', region: 'us-east-1', prefix: '', forcePathStyle: false, timeoutMs: 30_000, maxAttempts: 3 });
});

test('media.s3 from the config file, the environment overriding it key by key', () => {
  const dir = tempDir();
  const file = join(dir, 'porm.json');
  writeFileSync(file, JSON.stringify({ media: { store: 's3', s3: { bucket: 'from-file', prefix: 'a/', timeoutMs: 5000, maxAttempts: 5 } } }));
  try {
    const config = loadConfig({ config: file }, { PORM_MEDIA_S3_BUCKET: 'from-env' });
    assert.equal(config.media.s3?.bucket, 'from-env');
    assert.equal(config.media.s3?.prefix, 'a/');
    assert.equal(config.media.s3?.timeoutMs, 5000);
    assert.equal(config.media.maxUploadBytes, 20 * 1024 * 1024, 'the other media settings keep their defaults');
  } finally {
    cleanup(dir);
  }
});

test('an S3 store without a bucket, or S3 settings with the disk store, are refused at startup', () => {
  assert.throws(() => loadConfig({}, { PORM_MEDIA_STORE: 's3' }), refused(/media\.s3: media\.store is "s3" but no bucket is set/));
  assert.throws(() => loadConfig({}, { PORM_MEDIA_S3_BUCKET: 'porm-media' }), refused(/media\.store is "disk"/));
  assert.throws(() => loadConfig({}, { PORM_MEDIA_STORE: 'S3' }), refused(/media\.store/));
  assert.throws(() => loadConfig({}, { PORM_MEDIA_STORE: 'nfs' }), refused(/media\.store/));
  assert.throws(() => loadConfig({}, { PORM_MEDIA_STORE: 's3', PORM_MEDIA_S3_REGION: 'us-east-1' }), refused(/media\.s3\.bucket/));
});

test('one credential without the other is refused; neither means the AWS credential chain', () => {
  assert.throws(() => loadConfig({}, { ...S3_ENV, PORM_MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }), refused(/accessKeyId and secretAccessKey go together/));
  assert.throws(() => loadConfig({}, { ...S3_ENV, PORM_MEDIA_S3_SECRET_ACCESS_KEY: 'secret' }), refused(/go together/));
  assert.equal(loadConfig({}, S3_ENV).media.s3?.accessKeyId, undefined);
});

test('hostile and malformed S3 settings are refused with the setting named', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORM_MEDIA_S3_BUCKET: 'UPPER' }, /media\.s3\.bucket: must be an S3 bucket name/],
    [{ PORM_MEDIA_S3_BUCKET: 'ab' }, /media\.s3\.bucket/],
    [{ PORM_MEDIA_S3_BUCKET: 'a'.repeat(64) }, /media\.s3\.bucket/],
    [{ PORM_MEDIA_S3_BUCKET: '../etc' }, /media\.s3\.bucket/],
    [{ PORM_MEDIA_S3_BUCKET: 'bucket/key' }, /media\.s3\.bucket/],
    [{ PORM_MEDIA_S3_BUCKET: '-bucket' }, /media\.s3\.bucket/],
    [{ PORM_MEDIA_S3_ENDPOINT: 'ftp://minio:21' }, /media\.s3\.endpoint: must be an http:\/\/ or https:\/\/ URL/],
    [{ PORM_MEDIA_S3_ENDPOINT: 'minio:9000' }, /media\.s3\.endpoint/],
    [{ PORM_MEDIA_S3_ENDPOINT: 'javascript:alert(1)' }, /media\.s3\.endpoint/],
    [{ PORM_MEDIA_S3_PREFIX: 'no-slash' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: '../' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: 'a/../b/' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: '/abs/' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: 'a//' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: 'a b/' }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_PREFIX: `${'a'.repeat(200)}/` }, /media\.s3\.prefix/],
    [{ PORM_MEDIA_S3_REGION: 'us east' }, /media\.s3\.region/],
    [{ PORM_MEDIA_S3_FORCE_PATH_STYLE: 'yes' }, /PORM_MEDIA_S3_FORCE_PATH_STYLE must be true or false/],
  ];
  for (const [env, pattern] of cases) assert.throws(() => loadConfig({}, { ...S3_ENV, ...env }), refused(pattern), JSON.stringify(env));
  const dir = tempDir();
  const file = join(dir, 'porm.json');
  try {
    for (const s3 of [{ bucket: 'porm-media', timeoutMs: 50 }, { bucket: 'porm-media', maxAttempts: 0 }, { bucket: 'porm-media', maxAttempts: 11 }, { bucket: 'porm-media', acl: 'public-read' }, { bucket: 'porm-media', accessKeyId: '' , secretAccessKey: 'x' }]) {
      writeFileSync(file, JSON.stringify({ media: { store: 's3', s3 } }));
      assert.throws(() => loadConfig({ config: file }, {}), refused(/media\.s3/), JSON.stringify(s3));
    }
  } finally {
    cleanup(dir);
  }
});
