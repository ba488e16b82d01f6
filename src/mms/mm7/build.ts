import { writeCancelReq, writeReplaceReq } from './cancel-replace.ts';
import { contentIdOf } from './content-ref.ts';
import { writeDeliverReq, writeDeliverRsp } from './deliver.ts';
import { writeDeliveryReportReq } from './delivery-report.ts';
import { writeErrorRsp } from './fault.ts';
import { writeGenericRsp } from './generic-rsp.ts';
import { BoundarySource, buildPart, joinParts, type BuiltPart } from './mime-build.ts';
import { buildInvalid } from './mm7-error.ts';
import type { Mm7Content, Mm7Message } from './model.ts';
import type { OpBuild } from './op-context.ts';
import { writeReadReplyReq } from './read-reply.ts';
import { buildEnvelope } from './soap-envelope.ts';
import { writeSubmitReq, writeSubmitRsp } from './submit.ts';
import type { TransferEncoding } from './transfer-encoding.ts';
import { resolveVersion, type Mm7VersionOptions } from './versions.ts';
import type { XmlWriter } from './xml-writer.ts';

// buildMm7Message: typed message -> HTTP Content-Type + body. A message with content becomes SOAP
// with attachments (multipart/related; type="text/xml"; start="<soap-cid>", SOAP part first);
// one without is a bare text/xml envelope, as Mbuni sends responses and reports.

export interface Mm7BuildOptions extends Mm7VersionOptions {
  /** How leaf attachments are written. Default binary (smaller; base64 for picky MMSCs). */
  readonly transferEncoding?: TransferEncoding;
  /** Always use multipart/related, even without content. Default false. */
  readonly alwaysMultipart?: boolean;
  /** Content-ID of the SOAP part. Default `mm7-soap`. */
  readonly soapContentId?: string;
  /** Deterministic boundaries (tests, byte-exact fixtures); default random per message. */
  readonly boundary?: (depth: number, index: number) => string;
}

export interface Mm7BuiltMessage {
  /** Value for the HTTP Content-Type header. */
  readonly contentType: string;
  readonly body: Buffer;
  /** Value for the SOAPAction header (the 3GPP examples send an empty quoted string). */
  readonly soapAction: string;
  /** 200 for requests and responses, 500 for faults (SOAP 1.1 over HTTP). */
  readonly httpStatus: 200 | 500;
}

type Writer = (w: XmlWriter, m: never, b: OpBuild) => void;

const WRITERS: Readonly<Record<Mm7Message['type'], Writer>> = {
  SubmitReq: writeSubmitReq,
  SubmitRsp: writeSubmitRsp,
  DeliverReq: writeDeliverReq,
  DeliverRsp: writeDeliverRsp,
  DeliveryReportReq: writeDeliveryReportReq,
  DeliveryReportRsp: writeGenericRsp,
  ReadReplyReq: writeReadReplyReq,
  ReadReplyRsp: writeGenericRsp,
  CancelReq: writeCancelReq,
  CancelRsp: writeGenericRsp,
  ReplaceReq: writeReplaceReq,
  ReplaceRsp: writeGenericRsp,
  RSErrorRsp: writeErrorRsp,
  VASPErrorRsp: writeErrorRsp,
};

/** The SOAP envelope alone, as a string. */
export function buildMm7Envelope(msg: Mm7Message, options?: Mm7VersionOptions): string {
  const writer = WRITERS[msg.type];
  if (writer === undefined) throw buildInvalid('message', `unknown MM7 message type "${String(msg.type)}"`);
  const b: OpBuild = { version: resolveVersion(options, msg.mm7Version) };
  return buildEnvelope(msg.transactionId, b.version.namespace, (w) => (writer as (w: XmlWriter, m: Mm7Message, b: OpBuild) => void)(w, msg, b));
}

export function buildMm7Message(msg: Mm7Message, options?: Mm7BuildOptions): Mm7BuiltMessage {
  const xml = Buffer.from(buildMm7Envelope(msg, options), 'utf8');
  const httpStatus = msg.type === 'RSErrorRsp' || msg.type === 'VASPErrorRsp' ? 500 : 200;
  const content = 'content' in msg ? msg.content : undefined;
  if (content === undefined && options?.alwaysMultipart !== true) {
    return { contentType: 'text/xml; charset="utf-8"', body: xml, soapAction: '""', httpStatus };
  }
  const soapId = options?.soapContentId ?? 'mm7-soap';
  if (!/^[\x21-\x7e]+$/.test(soapId) || /[<>"]/.test(soapId)) throw buildInvalid('options.soapContentId', 'must be printable ASCII without spaces, quotes or <>');
  const boundaries = new BoundarySource(options?.boundary);
  const boundary = boundaries.next(0, 'body');
  const parts: BuiltPart[] = [{ headers: `Content-Type: text/xml; charset="utf-8"\r\nContent-ID: <${soapId}>\r\n`, body: [xml] }];
  if (content !== undefined) parts.push(contentPart(content, options, boundaries));
  const body = Buffer.concat(joinParts(parts, boundary, 'body'));
  return {
    contentType: `multipart/related; boundary="${boundary}"; type="text/xml"; start="<${soapId}>"`,
    body,
    soapAction: '""',
    httpStatus,
  };
}

function contentPart(content: Mm7Content, options: Mm7BuildOptions | undefined, boundaries: BoundarySource): BuiltPart {
  const enc = options?.transferEncoding ?? 'binary';
  if (enc !== 'binary' && enc !== 'base64') throw buildInvalid('options.transferEncoding', 'must be binary or base64');
  // The MM part always carries the Content-ID the <Content href> names.
  const part = { ...content.part, contentId: contentIdOf(content) };
  return buildPart(part, { transferEncoding: enc }, boundaries, 0, 'Content');
}
