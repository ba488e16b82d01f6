// Public surface of porm's MM1 (OMA MMS encapsulation) codec.
export { decodePdu, type DecodeResult } from './decode.ts';
export { encodePdu, type EncodeOptions } from './encode.ts';
export { readableText } from './charset.ts';
export { PduError, isPduError } from './pdu-error.ts';
export { pduErrors, type PduErrorCode } from './errors.ts';
export { normalizeAddress, parseAddress, type ParsedAddress } from './address.ts';
export { pduFromJson, pduToJson, type PduJson } from './json.ts';
export type { DecodeLimits, DecodeWarning, WarningCode } from './reader.ts';
export * from './model.ts';
