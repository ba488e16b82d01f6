import { readCancelReq, readReplaceReq } from './cancel-replace.ts';
import { resolveContent } from './content-resolve.ts';
import { readDeliverReq, readDeliverRsp } from './deliver.ts';
import { readDeliveryReportReq } from './delivery-report.ts';
import { readFault } from './fault.ts';
import { FieldReader } from './field-reader.ts';
import { readGenericRsp } from './generic-rsp.ts';
import { Mm7Error } from './mm7-error.ts';
import { parseContentType, stripAngles } from './mime-headers.ts';
import { parsePart, sniffBoundary, splitMultipart } from './mime-multipart.ts';
import { isMultipart, type MimePart } from './mime-part.ts';
import type { Mm7Message } from './model.ts';
import type { OpParse } from './op-context.ts';
import { ParseContext, type Mm7Limits, type Mm7Warning } from './parse-context.ts';
import { readReadReplyReq } from './read-reply.ts';
import { readEnvelope } from './soap-envelope.ts';
import { readSubmitReq, readSubmitRsp } from './submit.ts';
import { releaseOfNamespace, type Mm7Release } from './versions.ts';
import { readXml, type XmlElement } from './xml-read.ts';

// parseMm7Message: HTTP Content-Type + body -> typed message, its attachments and the warnings
// for every quirk tolerated on the way. Throws Mm7Error (stable codes) and nothing else.

export interface Mm7ParseOptions {
  readonly limits?: Partial<Mm7Limits>;
}

export interface Mm7Parsed {
  readonly message: Mm7Message;
  /** Namespace of the MM7 operation element as received. */
  readonly namespace: string | undefined;
  /** The release that namespace names, when it is a known one. */
  readonly release: Mm7Release | undefined;
  /** Every non-SOAP part at the top level, decoded (the content is usually one of them). */
  readonly attachments: readonly MimePart[];
  readonly warnings: readonly Mm7Warning[];
}

type Reader = (r: FieldReader, p: OpParse) => Mm7Message;

const READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  ['SubmitReq', readSubmitReq],
  ['SubmitRsp', readSubmitRsp],
  ['DeliverReq', readDeliverReq],
  ['DeliverRsp', readDeliverRsp],
  ['DeliveryReportReq', readDeliveryReportReq],
  ['DeliveryReportRsp', (r, p) => readGenericRsp('DeliveryReportRsp', r, p)],
  ['ReadReplyReq', readReadReplyReq],
  ['ReadReplyRsp', (r, p) => readGenericRsp('ReadReplyRsp', r, p)],
  ['CancelReq', readCancelReq],
  ['CancelRsp', (r, p) => readGenericRsp('CancelRsp', r, p)],
  ['ReplaceReq', readReplaceReq],
  ['ReplaceRsp', (r, p) => readGenericRsp('ReplaceRsp', r, p)],
]);

export function parseMm7Message(contentTypeHeader: string | undefined, body: Buffer, options?: Mm7ParseOptions): Mm7Parsed {
  const ctx = new ParseContext(options?.limits);
  if (body.length > ctx.limits.maxBodyBytes) throw new Mm7Error('PORM_MM7_TOO_LARGE', `body of ${body.length} bytes exceeds ${ctx.limits.maxBodyBytes}`);
  const { soap, attachments } = splitSoap(contentTypeHeader, body, ctx);
  const xml = decodeText(soap, ctx);
  const env = readEnvelope(readXml(xml, ctx), ctx);
  const op = env.operation;
  const p: OpParse = {
    ctx,
    transactionId: env.transactionId,
    resolveContent: (ref) => resolveContent(ref, attachments, ctx),
  };
  let message: Mm7Message;
  if (op.local === 'Fault') message = readFault(op, p);
  else {
    const reader = READERS.get(op.local);
    if (reader === undefined) throw new Mm7Error('PORM_MM7_UNKNOWN_OPERATION', `SOAP Body holds ${op.local.slice(0, 60)}, not an MM7 operation`);
    message = reader(new FieldReader(op, ctx, op.local), p);
  }
  const namespace = operationNamespace(op);
  const release = releaseOfNamespace(namespace);
  if (release === undefined) ctx.warn('mm7.unknown-namespace', `namespace ${String(namespace).slice(0, 120)} is not a known MM7 release`);
  return { message, namespace, release, attachments, warnings: ctx.warnings };
}

interface SoapAndAttachments {
  readonly soap: { readonly data: Buffer; readonly charset: string | undefined };
  readonly attachments: readonly MimePart[];
}

function splitSoap(header: string | undefined, body: Buffer, ctx: ParseContext): SoapAndAttachments {
  const ct = parseContentType(header);
  let boundary = ct.params.boundary;
  if (ct.mediaType === '') {
    ctx.warn('mime.no-content-type', 'no Content-Type given; structure taken from the body');
    if (firstNonSpace(body) === 0x3c /* < */) return { soap: { data: body, charset: undefined }, attachments: [] };
    boundary = sniffBoundary(body);
    if (boundary === undefined) throw new Mm7Error('PORM_MM7_UNSUPPORTED_CONTENT_TYPE', 'no Content-Type and the body is neither XML nor multipart');
  } else if (ct.mediaType === 'text/xml' || ct.mediaType === 'application/xml' || ct.mediaType === 'application/soap+xml') {
    return { soap: { data: body, charset: ct.params.charset }, attachments: [] };
  } else if (!ct.mediaType.startsWith('multipart/')) {
    throw new Mm7Error('PORM_MM7_UNSUPPORTED_CONTENT_TYPE', `Content-Type ${ct.mediaType.slice(0, 80)} is neither text/xml nor multipart/related`);
  } else if (boundary === undefined || boundary === '') {
    boundary = sniffBoundary(body);
    if (boundary === undefined) throw new Mm7Error('PORM_MM7_MIME_INVALID', 'multipart Content-Type without boundary');
    ctx.warn('mime.boundary-sniffed', 'boundary taken from the first delimiter line');
  }
  const raw = splitMultipart(body, boundary, ctx, 'body');
  const start = ct.params.start === undefined ? undefined : stripAngles(ct.params.start);
  let rootIndex = start === undefined ? 0 : raw.findIndex((r) => stripAngles(r.headers.map.get('content-id') ?? '') === start);
  if (rootIndex === -1) {
    ctx.warn('mime.start-not-found', `start="${String(start).slice(0, 80)}" names no part; the first part is the SOAP part`);
    rootIndex = 0;
  }
  const root = parsePart(raw[rootIndex]!, ctx, 1, 'soap');
  if (isMultipart(root)) throw new Mm7Error('PORM_MM7_MIME_INVALID', 'the SOAP part is itself a multipart');
  if (!/^(text|application)\/(soap\+)?xml$/.test(root.contentType)) ctx.warn('mime.soap-content-type', `SOAP part has Content-Type ${root.contentType.slice(0, 80)}`);
  const attachments = raw.flatMap((r, i) => (i === rootIndex ? [] : [parsePart(r, ctx, 1, `part${i + 1}`)]));
  return { soap: { data: root.data, charset: root.params?.charset }, attachments };
}

function firstNonSpace(body: Buffer): number | undefined {
  for (let i = 0; i < body.length && i < 4096; i++) {
    const c = body[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a && c !== 0xef && c !== 0xbb && c !== 0xbf) return c;
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8');

function decodeText(soap: SoapAndAttachments['soap'], ctx: ParseContext): string {
  if (soap.data.length > ctx.limits.maxSoapBytes) throw new Mm7Error('PORM_MM7_TOO_LARGE', `SOAP part of ${soap.data.length} bytes exceeds ${ctx.limits.maxSoapBytes}`);
  const charset = (soap.charset ?? 'utf-8').trim().toLowerCase();
  let decoder = UTF8;
  if (charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    try {
      decoder = new TextDecoder(charset);
    } catch {
      ctx.warn('mime.unknown-charset', `charset ${charset.slice(0, 40)} unknown; read as UTF-8`);
    }
  }
  // TextDecoder drops a leading BOM itself.
  return decoder.decode(soap.data);
}

function operationNamespace(op: XmlElement): string | undefined {
  if (op.local !== 'Fault') return op.ns;
  const detail = op.children.find((c) => c.local === 'detail');
  return detail?.children.find((c) => c.local === 'RSErrorRsp' || c.local === 'VASPErrorRsp')?.ns;
}
