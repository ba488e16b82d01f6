import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import type { MediaObject } from '../../media/media-service.ts';
import { accountOf } from '../auth.ts';
import { errorResponses } from '../schemas/common.ts';

const MediaResource = Type.Object({
  id: Type.String(),
  object: Type.Literal('media'),
  content_type: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  filename: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  variants: Type.Array(Type.Object({ profile: Type.String(), content_type: Type.String(), size: Type.Integer() }), {
    description: 'Transcoded variants per carrier profile (none yet: media is passed through as uploaded)',
  }),
}, { $id: 'Media' });

function mediaResource(media: MediaObject) {
  return {
    id: media.id, object: 'media' as const, content_type: media.contentType, size: media.size, sha256: media.sha256,
    filename: media.filename, created_at: new Date(media.createdAt).toISOString(), variants: [],
  };
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
      const part = await request.file();
      if (!part) throw new PormError('PORM_INVALID_MULTIPART', 'the upload has no file part');
      if (part.fieldname !== 'file') throw new PormError('PORM_INVALID_MULTIPART', 'the file part must be named "file"');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new PormError('PORM_MEDIA_TOO_LARGE');
      const media = await services.media.upload(account, { bytes, declaredType: part.mimetype, filename: part.filename ?? null });
      return reply.code(201).header('location', `/v1/media/${media.id}`).send(mediaResource(media));
    });

    app.get('/v1/media/:id', {
      schema: { summary: 'Get a media object', tags: ['media'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Type.Ref('Media'), ...errorResponses } },
    }, async (request) => mediaResource(await services.media.get(accountOf(request), request.params.id)));

    app.get('/v1/media/:id/content', {
      schema: { summary: 'Download the bytes of a media object', tags: ['media'], params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
    }, async (request, reply) => {
      const { object, bytes } = await services.media.content(accountOf(request), request.params.id);
      return reply.type(object.contentType).header('etag', `"${object.sha256}"`).header('cache-control', 'private, max-age=31536000, immutable').send(bytes);
    });
  };
}
