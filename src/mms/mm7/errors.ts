import { defineErrors } from '../../error-def.ts';

// Error codes of the MM7 SOAP codec. Codes are stable: never rename or reuse one.
export const mm7Errors = defineErrors({
  PORM_MM7_MALFORMED: {
    status: 400,
    title: 'Malformed MM7 request',
    description: 'An MM7 SOAP message could not be parsed: bad MIME structure, bad XML, or a required element is missing.',
  },
});
