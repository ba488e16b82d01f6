import { Type, type TSchema } from '@sinclair/typebox';

// Shared pieces of the route schemas. They serve three purposes at once: request validation,
// response serialization and the OpenAPI document at /openapi.json.

export const Problem = Type.Object({
  type: Type.String({ description: 'URI naming the error type: urn:porm:error:<code>' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String({ description: 'Stable porm error code (docs/errors.md)' }),
  instance: Type.Optional(Type.String()),
  request_id: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({
    field: Type.String({ description: 'JSON pointer (RFC 6901) into the request' }),
    code: Type.String(),
    message: Type.String(),
  }))),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });

export const FreeObject = Type.Object({}, { additionalProperties: true });

export const Timestamp = Type.String({ format: 'date-time' });

export const NullableString = Type.Union([Type.String(), Type.Null()]);

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    object: Type.Literal('list'),
    data: Type.Array(item),
    next_cursor: NullableString,
  });
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const errorResponses = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
} as const;
