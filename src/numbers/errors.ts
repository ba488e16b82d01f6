import { defineErrors } from '../error-def.ts';

// Sender numbers: registration, ownership and sending from them.
export const numberErrors = defineErrors({
  PORM_INVALID_NUMBER: { status: 400, title: 'Invalid number', description: 'A sender number is none of: E.164 (+ and 8 to 15 digits, e.g. +14155550100), a short code (3 to 8 digits) or an alphanumeric sender id (1 to 11 letters, digits or spaces, at least one letter).' },
  PORM_NUMBER_NOT_FOUND: { status: 404, title: 'Number not found', description: 'No number with this id belongs to your account.' },
  PORM_NUMBER_ALREADY_CLAIMED: { status: 409, title: 'Number already claimed', description: 'The number is already registered, by your account or by another one; a number has one owner. Remove it from the account that holds it first.' },
  PORM_UNKNOWN_ROUTE: { status: 400, title: 'Unknown route', description: '`route` names no carrier in the server configuration (carriers.<name>). Leave it out to use the routing table.' },
  PORM_CAPABILITY_UNSUPPORTED: { status: 400, title: 'Capability not supported by this number', description: 'An alphanumeric sender id can send SMS only; MMS needs an E.164 number or a short code.' },
  PORM_SENDER_NOT_OWNED: { status: 403, title: 'Sender number not yours', description: '`from` is not one of your account\'s numbers. Register it with POST /v1/numbers or `porm numbers add` (numbers on real carrier routes must be registered before use; sandbox numbers are claimed on first send unless another account holds them).' },
});
