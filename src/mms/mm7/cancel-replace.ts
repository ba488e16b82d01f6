import { readSenderIdentification, writeSenderIdentification } from './address.ts';
import { readContentRef, writeContentRef } from './content-ref.ts';
import { CONTENT_CLASSES } from './enums.ts';
import type { FieldReader } from './field-reader.ts';
import { optBool, optDateTime, optEnum, optToken, reqToken } from './field-writer.ts';
import type { Mm7CancelReq, Mm7ReplaceReq, Mm7SenderIdentification } from './model.ts';
import { common, opt, type OpBuild, type OpParse } from './op-context.ts';
import type { XmlWriter } from './xml-writer.ts';

// MM7_cancel and MM7_replace (VASP -> MMSC): withdraw or swap the content of a submitted message
// the handset has not fetched yet. Responses are generic-rsp.ts.

export const CANCEL_REQ_ORDER = ['MM7Version', 'SenderIdentification', 'MessageID'] as const;
export const REPLACE_REQ_ORDER = [
  'MM7Version', 'SenderIdentification', 'MessageID', 'ServiceCode', 'TimeStamp', 'ReadReply', 'EarliestDeliveryTime',
  'DistributionIndicator', 'ContentClass', 'DRMContent', 'Content',
] as const;

export function writeCancelReq(w: XmlWriter, m: Mm7CancelReq, b: OpBuild): void {
  const at = 'CancelReq';
  w.open('CancelReq', [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeSenderIdentification(w, m.senderIdentification, at);
  reqToken(w, 'MessageID', m.messageId, at);
  w.close();
}

export function writeReplaceReq(w: XmlWriter, m: Mm7ReplaceReq, b: OpBuild): void {
  const at = 'ReplaceReq';
  w.open('ReplaceReq', [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeSenderIdentification(w, m.senderIdentification, at);
  reqToken(w, 'MessageID', m.messageId, at);
  optToken(w, 'ServiceCode', m.serviceCode, at);
  optDateTime(w, 'TimeStamp', m.timeStamp, at);
  optBool(w, 'ReadReply', m.readReply, at);
  optDateTime(w, 'EarliestDeliveryTime', m.earliestDeliveryTime, at, true);
  optBool(w, 'DistributionIndicator', m.distributionIndicator, at);
  optEnum(w, 'ContentClass', m.contentClass, CONTENT_CLASSES, at);
  optBool(w, 'DRMContent', m.drmContent, at);
  writeContentRef(w, m.content, at);
  w.close();
}

function senderIdentificationOf(r: FieldReader, p: OpParse): Mm7SenderIdentification {
  const el = r.child('SenderIdentification');
  if (el === undefined) {
    p.ctx.warn('mm7.no-sender-identification', `${r.where}: SenderIdentification missing`);
    return {};
  }
  return readSenderIdentification(el, `${r.where}/SenderIdentification`, p.ctx);
}

export function readCancelReq(r: FieldReader, p: OpParse): Mm7CancelReq {
  const m: Mm7CancelReq = {
    type: 'CancelReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    senderIdentification: senderIdentificationOf(r, p),
    messageId: r.requiredText('MessageID'),
  };
  r.finish(CANCEL_REQ_ORDER);
  return m;
}

export function readReplaceReq(r: FieldReader, p: OpParse): Mm7ReplaceReq {
  const m: Mm7ReplaceReq = {
    type: 'ReplaceReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    senderIdentification: senderIdentificationOf(r, p),
    messageId: r.requiredText('MessageID'),
    ...opt('serviceCode', r.text('ServiceCode')),
    ...opt('timeStamp', r.text('TimeStamp')),
    ...opt('readReply', r.bool('ReadReply')),
    ...opt('earliestDeliveryTime', r.text('EarliestDeliveryTime')),
    ...opt('distributionIndicator', r.bool('DistributionIndicator')),
    ...opt('contentClass', r.enumOf('ContentClass', CONTENT_CLASSES)),
    ...opt('drmContent', r.bool('DRMContent')),
    ...opt('content', p.resolveContent(readContentRef(r.child('Content'), `${r.where}/Content`, p.ctx))),
  };
  r.finish(REPLACE_REQ_ORDER);
  return m;
}
