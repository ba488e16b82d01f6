import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { FastifyRequest } from 'fastify';
import type { MediaObject, UploadInput } from '../../media/media-service.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';
import { presentMedia } from '../v1/presenters/media.ts';

const MediaResource = Type.Object({
  id: Type.String(),
  object: Type.Literal('media'),
  content_type: Type.String({ description: 'The type found in the bytes (never taken from the name or the declared type)' }),
  declared_type: Type.Union([Type.String(), Type.Null()], { description: 'What the upload declared, when it disagreed with the bytes' }),
  size: Type.Integer(),
  sha256: Type.String(),
  filename: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  url: Type.String({ description: 'Signed URL serving the bytes without an API key, valid for 7 days' }),
  variants: Type.Array(Type.Object({
    profile: Type.String(), max_bytes: Type.Integer(), content_type: Type.String(), size: Type.Integer(),
    width: Type.Union([Type.Integer(), Type.Null()]), height: Type.Union([Type.Integer(), Type.Null()]), url: Type.String(),
  }), { description: 'Versions porm made of this file to fit carrier profiles (one per profile and byte budget)' }),
}, { $id: 'Media' });

async function mediaResource(media: MediaObject, services: Services) {
  return presentMedia(media, await services.variants.of(media.sha256), (sha256) => services.mediaUrls.urlFor(sha256));
}

/**
 * Reads the one file part named "file". Anything else in the form (fields, a second file) is
 * rejected rather than silently dropped, and parser failures become PORM_INVALID_MULTIPART.
 */
async function readSingleFile(request: FastifyRequest): Promise<UploadInput> {
  let upload: UploadInput | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') throw new PormError('PORM_INVALID_MULTIPART', `unexpected form field "${part.fieldname.slice(0, 64)}"; send only a file part named "file"`);
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        throw new PormError('PORM_INVALID_MULTIPART', upload ? 'send one file per upload' : 'the file part must be named "file"');
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new PormError('PORM_MEDIA_TOO_LARGE');
      upload = { bytes, declaredType: part.mimetype, filename: part.filename ?? null };
    }
  } catch (err) {
    if (err instanceof PormError) throw err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('FST_')) throw err;
    throw new PormError('PORM_INVALID_MULTIPART', `the multipart body is malformed: ${(err as Error).message}`);
  }
  if (!upload) throw new PormError('PORM_INVALID_MULTIPART', 'the upload has no file part named "file"');
  return upload;
}

export function mediaRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(MediaResource);

    app.post('/v1/media', {
      schema: {
        summary: 'Upload a media file', tags: ['media'], consumes: ['multipart/form-data'],
        description: 'multipart/form-data with one file part named `file`. Stored content-addressed (SHA-256); reference it in a message as `{"id": "med_…"}`.',
        response: { 201: Type.Ref('Media'), 413: Type.Ref('Problem'), 415: Type.Ref('Problem'), ...errorResponses },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new PormError('PORM_UNSUPPORTED_CONTENT_TYPE', 'upload media as multipart/form-data with a part named "file"');
      const account = accountOf(request);
      const upload = await readSingleFile(request);
      const media = await services.media.upload(account, upload);
      return reply.code(201).header('location', `/v1/media/${media.id}`).send(await mediaResource(media, services));
    });

    app.get('/v1/media/:id', {
      schema: { summary: 'Get a media object', tags: ['media'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Ref('Media'), ...errorResponses } },
    }, async (request) => mediaResource(await services.media.get(accountOf(request), request.params.id), services));

    app.get('/v1/media/:id/content', {
      schema: {
        summary: 'Download the bytes of a media object', tags: ['media'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: { description: 'The bytes, with the Content-Type found in them', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
      },
    }, async (request, reply) => {
      const { object, bytes } = await services.media.content(accountOf(request), request.params.id);
      return reply.type(object.contentType).header('etag', `"${object.sha256}"`).header('cache-control', 'private, max-age=31536000, immutable').send(bytes);
    });
  };
}
