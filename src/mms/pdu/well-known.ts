// WSP well-known content types (WAP-230 Appendix A table 40, codes 0x00-0x4B) and
// parameter tokens (table 38). Codes are sent as Short-integers (code | 0x80).

const CONTENT_TYPES: readonly string[] = [
  '*/*', 'text/*', 'text/html', 'text/plain', 'text/x-hdml', 'text/x-ttml', 'text/x-vCalendar',
  'text/x-vCard', 'text/vnd.wap.wml', 'text/vnd.wap.wmlscript', 'text/vnd.wap.wta-event',
  'multipart/*', 'multipart/mixed', 'multipart/form-data', 'multipart/byteranges',
  'multipart/alternative', 'application/*', 'application/java-vm',
  'application/x-www-form-urlencoded', 'application/x-hdmlc', 'application/vnd.wap.wmlc',
  'application/vnd.wap.wmlscriptc', 'application/vnd.wap.wta-eventc', 'application/vnd.wap.uaprof',
  'application/vnd.wap.wtls-ca-certificate', 'application/vnd.wap.wtls-user-certificate',
  'application/x-x509-ca-cert', 'application/x-x509-user-cert', 'image/*', 'image/gif',
  'image/jpeg', 'image/tiff', 'image/png', 'image/vnd.wap.wbmp', 'application/vnd.wap.multipart.*',
  'application/vnd.wap.multipart.mixed', 'application/vnd.wap.multipart.form-data',
  'application/vnd.wap.multipart.byteranges', 'application/vnd.wap.multipart.alternative',
  'application/xml', 'text/xml', 'application/vnd.wap.wbxml', 'application/x-x968-cross-cert',
  'application/x-x968-ca-cert', 'application/x-x968-user-cert', 'text/vnd.wap.si',
  'application/vnd.wap.sic', 'text/vnd.wap.sl', 'application/vnd.wap.slc', 'text/vnd.wap.co',
  'application/vnd.wap.coc', 'application/vnd.wap.multipart.related', 'application/vnd.wap.sia',
  'text/vnd.wap.connectivity-xml', 'application/vnd.wap.connectivity-wbxml',
  'application/pkcs7-mime', 'application/vnd.wap.hashed-certificate',
  'application/vnd.wap.signed-certificate', 'application/vnd.wap.cert-response',
  'application/xhtml+xml', 'application/wml+xml', 'text/css', 'application/vnd.wap.mms-message',
  'application/vnd.wap.rollover-certificate', 'application/vnd.wap.locc+wbxml',
  'application/vnd.wap.loc+xml', 'application/vnd.syncml.dm+wbxml', 'application/vnd.syncml.dm+xml',
  'application/vnd.syncml.notification', 'application/vnd.wap.xhtml+xml',
  'application/vnd.wv.csp.cir', 'application/vnd.oma.dd+xml', 'application/vnd.oma.drm.message',
  'application/vnd.oma.drm.content', 'application/vnd.oma.drm.rights+xml',
  'application/vnd.oma.drm.rights+wbxml',
];

const CODE_BY_TYPE = new Map(CONTENT_TYPES.map((t, i) => [t.toLowerCase(), i]));

export function wellKnownContentType(code: number): string | undefined {
  return CONTENT_TYPES[code];
}

const UNKNOWN_CODE = /^application\/x-wsp-0x([0-9a-f]{2,8})$/;

/** The name porm gives a well-known code it has no name for; it encodes back to that code. */
export function unknownContentTypeName(code: number): string {
  return `application/x-wsp-0x${code.toString(16).padStart(2, '0')}`;
}

/**
 * The well-known code of a media type: case-insensitive, or (`exact`, relay mode) only for the
 * table's own spelling, so a peer's `Image/JPEG` is written back as it came.
 */
export function contentTypeCode(mediaType: string, exact = false): number | undefined {
  const unknown = UNKNOWN_CODE.exec(mediaType);
  if (unknown) {
    const code = parseInt(unknown[1]!, 16);
    // Only names unknownContentTypeName produces (no leading zeros), and never a code the table names.
    return unknownContentTypeName(code) === mediaType && CONTENT_TYPES[code] === undefined ? code : undefined;
  }
  const code = CODE_BY_TYPE.get(mediaType.toLowerCase());
  return code !== undefined && exact && CONTENT_TYPES[code] !== mediaType ? undefined : code;
}

export const MULTIPART_RELATED = 'application/vnd.wap.multipart.related';
export const MULTIPART_MIXED = 'application/vnd.wap.multipart.mixed';

/** WSP binary multipart bodies (the only multipart MM1 carries). */
export function isWspMultipart(mediaType: string): boolean {
  return mediaType.toLowerCase().startsWith('application/vnd.wap.multipart.');
}

/** Well-known parameter tokens porm reads (table 38). */
export const PARAM = {
  q: 0x00,
  charset: 0x01,
  level: 0x02,
  typeInt: 0x03,
  name: 0x05,
  filename: 0x06,
  differences: 0x07,
  padding: 0x08,
  type: 0x09,
  start: 0x0a,
  startInfo: 0x0b,
  comment: 0x0c,
  domain: 0x0d,
  maxAge: 0x0e,
  path: 0x0f,
  secure: 0x10,
  name14: 0x17,
  filename14: 0x18,
  start14: 0x19,
  startInfo14: 0x1a,
  comment14: 0x1b,
  domain14: 0x1c,
  path14: 0x1d,
} as const;

/** WSP header codes used inside multipart part headers (without the 0x80 bit). */
export const PART_HEADER = {
  contentLocation: 0x0e,
  contentDisposition: 0x2e,
  contentId: 0x40,
  contentDisposition14: 0x45,
} as const;
