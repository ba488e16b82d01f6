import { defineErrors } from '../../error-def.ts';

// Error codes of the MM1 PDU codec and SMIL builder. Codes are stable: never rename or reuse one.
export const pduErrors = defineErrors({
  PORM_PDU_MALFORMED: {
    status: 400,
    title: 'Malformed MMS PDU',
    description: 'An MM1 PDU could not be decoded: a length ran past the buffer, a value was out of range, or a required header was missing.',
  },
});
