export const ERROR_DOC_NOTE =
  'Errors are RFC 9457 problem+json bodies with a stable `code` (see docs/errors.md); every create accepts an `Idempotency-Key` header.';
