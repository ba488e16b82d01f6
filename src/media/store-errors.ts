import { defineErrors } from '../error-def.ts';

// Error codes of the media store itself (where media bytes live), as opposed to the media
// pipeline's codes in ./errors.ts, which are permanent. These are transient: a job that meets
// one is retried, and an API request that meets one can be retried by the client.
export const mediaStoreErrors = defineErrors({
  PORM_MEDIA_STORE_UNAVAILABLE: {
    status: 503,
    title: 'Media store unavailable',
    description: 'The shared media store (media.store "s3") did not answer, refused porm\'s credentials or has no such bucket, after a bounded number of attempts. Nothing was half-written: retry the request. The server log has the store\'s own error.',
  },
  PORM_MEDIA_STORE_CORRUPT: {
    status: 502,
    title: 'Stored media does not match its key',
    description: 'The media store returned bytes whose SHA-256 is not the key they are stored under (changed or damaged in the bucket), so porm refuses to serve or send them. Delete the object from the bucket and upload the media again.',
  },
});
