// porm's MM7 (3GPP TS 23.140) SOAP codec: the public API. Pure code: the HTTP connector and the
// sandbox MMSC call these with Content-Type + body and send what they return.

export { buildMm7Envelope, buildMm7Message, type Mm7BuildOptions, type Mm7BuiltMessage } from './build.ts';
export { parseMm7Message, type Mm7Parsed, type Mm7ParseOptions } from './parse.ts';
export { parseMm7HttpMessage, type Mm7HttpParsed } from './http-message.ts';
export { Mm7Error, isMm7Error, type Mm7CodecErrorCode } from './mm7-error.ts';
export { mm7Errors, type Mm7ErrorCode } from './errors.ts';
export { DEFAULT_MM7_LIMITS, type Mm7Limits, type Mm7Warning } from './parse-context.ts';
export { classifyMm7Status, standardStatusText, MM7_STATUS_CODES, type Mm7Outcome, type Mm7StatusInfo, type Mm7StatusOverrides } from './status-codes.ts';
export { deliveryOutcome, readOutcome, MM7_DELIVERY_MM_STATUSES, MM7_READ_MM_STATUSES, type Mm7DeliveryOutcome } from './mm-status.ts';
export { formatMm7DateTime } from './field-writer.ts';
export { toXmlSafeText } from './xml-escape.ts';
export { isMultipart, leafParts, type MimeLeafPart, type MimeMultipart, type MimePart } from './mime-part.ts';
export { DEFAULT_MM7_RELEASE, MM7_RELEASES, defaultMm7Version, mm7Namespace, releaseOfNamespace, type Mm7Release, type Mm7VersionOptions } from './versions.ts';
export type * from './model.ts';
