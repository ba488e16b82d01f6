import { defineErrors } from '../error-def.ts';

// Error codes of porm's guarded outbound HTTP client. Codes are stable: never rename or reuse one.
export const netErrors = defineErrors({
  PORM_URL_BLOCKED: {
    status: 422,
    title: 'URL target not allowed',
    description: 'The URL resolves to a loopback, private, link-local or metadata address, or uses a scheme other than http(s). porm never sends requests there.',
  },
});
