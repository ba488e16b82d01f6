import { readRecipients, readSenderIdentification, writeRecipients, writeSenderIdentification } from './address.ts';
import { readContentRef, writeContentRef } from './content-ref.ts';
import { CHARGED_PARTIES, CONTENT_CLASSES, MESSAGE_CLASSES, PRIORITIES } from './enums.ts';
import { attr, type FieldReader } from './field-reader.ts';
import { checkDateTime, optBool, optDateTime, optEnum, optFreeText, optToken } from './field-writer.ts';
import { buildInvalid, malformed } from './mm7-error.ts';
import type { Mm7ReplyCharging, Mm7SubmitReq, Mm7SubmitRsp } from './model.ts';
import { common, opt, type OpBuild, type OpParse } from './op-context.ts';
import { readStatusOf, writeStatus } from './status.ts';
import type { XmlWriter } from './xml-writer.ts';
import { readApplicIds, writeApplicIds } from './applic-ids.ts';

// MM7_submit: SubmitReq (VASP -> MMSC) and SubmitRsp. Element order is the xs:sequence of the
// Rel-6 SubmitReqType; the parser accepts any order and warns.

export const SUBMIT_REQ_ORDER = [
  'MM7Version', 'SenderIdentification', 'Recipients', 'ServiceCode', 'LinkedID', 'MessageClass', 'TimeStamp',
  'ReplyCharging', 'EarliestDeliveryTime', 'ExpiryDate', 'DeliveryReport', 'ReadReply', 'Priority', 'Subject',
  'ChargedParty', 'ChargedPartyID', 'DistributionIndicator', 'DeliveryCondition', 'ApplicID', 'ReplyApplicID',
  'AuxApplicInfo', 'ContentClass', 'DRMContent', 'Content',
] as const;

export const SUBMIT_RSP_ORDER = ['MM7Version', 'Status', 'MessageID', 'ApplicID', 'ReplyApplicID', 'AuxApplicInfo'] as const;

export function writeSubmitReq(w: XmlWriter, m: Mm7SubmitReq, b: OpBuild): void {
  const at = 'SubmitReq';
  w.open('SubmitReq', [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeSenderIdentification(w, m.senderIdentification, at);
  writeRecipients(w, m.recipients, at, true);
  optToken(w, 'ServiceCode', m.serviceCode, at);
  optToken(w, 'LinkedID', m.linkedId, at);
  optEnum(w, 'MessageClass', m.messageClass, MESSAGE_CLASSES, at);
  optDateTime(w, 'TimeStamp', m.timeStamp, at);
  writeReplyCharging(w, m.replyCharging, at);
  optDateTime(w, 'EarliestDeliveryTime', m.earliestDeliveryTime, at, true);
  optDateTime(w, 'ExpiryDate', m.expiryDate, at, true);
  optBool(w, 'DeliveryReport', m.deliveryReport, at);
  optBool(w, 'ReadReply', m.readReply, at);
  optEnum(w, 'Priority', m.priority, PRIORITIES, at);
  optFreeText(w, 'Subject', m.subject, at);
  optEnum(w, 'ChargedParty', m.chargedParty, CHARGED_PARTIES, at);
  optToken(w, 'ChargedPartyID', m.chargedPartyId, at);
  optBool(w, 'DistributionIndicator', m.distributionIndicator, at);
  writeDeliveryCondition(w, m.deliveryCondition, at);
  writeApplicIds(w, m, at);
  optEnum(w, 'ContentClass', m.contentClass, CONTENT_CLASSES, at);
  optBool(w, 'DRMContent', m.drmContent, at);
  writeContentRef(w, m.content, at);
  w.close();
}

function writeReplyCharging(w: XmlWriter, rc: Mm7ReplyCharging | undefined, at: string): void {
  if (rc === undefined) return;
  const size = rc.replyChargingSize;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) throw buildInvalid(`${at}/ReplyCharging`, 'replyChargingSize must be a non-negative integer');
  if (rc.replyDeadline !== undefined) checkDateTime(rc.replyDeadline, `${at}/ReplyCharging@replyDeadline`, true);
  w.leaf('ReplyCharging', '', [
    ['replyChargingSize', size === undefined ? undefined : String(size)],
    ['replyDeadline', rc.replyDeadline],
  ]);
}

function writeDeliveryCondition(w: XmlWriter, dc: readonly number[] | undefined, at: string): void {
  if (dc === undefined) return;
  if (dc.length === 0 || dc.some((n) => !Number.isSafeInteger(n) || n < 1)) throw buildInvalid(`${at}/DeliveryCondition`, 'needs one or more positive integers');
  w.open('DeliveryCondition');
  for (const n of dc) w.leaf('DC', String(n));
  w.close();
}

export function writeSubmitRsp(w: XmlWriter, m: Mm7SubmitRsp, b: OpBuild): void {
  const at = 'SubmitRsp';
  w.open('SubmitRsp', [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeStatus(w, m.status, at);
  optToken(w, 'MessageID', m.messageId, at);
  writeApplicIds(w, m, at);
  w.close();
}

export function readSubmitReq(r: FieldReader, p: OpParse): Mm7SubmitReq {
  const { ctx } = p;
  const sid = r.child('SenderIdentification');
  const recipientsEl = r.requiredChild('Recipients');
  const recipients = readRecipients(recipientsEl, `${r.where}/Recipients`, ctx);
  if (recipients.to === undefined && recipients.cc === undefined && recipients.bcc === undefined) throw malformed(`${r.where}/Recipients`, 'no recipient address');
  if (sid === undefined) ctx.warn('mm7.no-sender-identification', `${r.where}: SenderIdentification missing`);
  const rcEl = r.child('ReplyCharging');
  const rcSize = rcEl === undefined ? undefined : attr(rcEl, 'replyChargingSize');
  const rcDeadline = rcEl === undefined ? undefined : attr(rcEl, 'replyDeadline');
  const dcEl = r.child('DeliveryCondition');
  const content = p.resolveContent(readContentRef(r.child('Content'), `${r.where}/Content`, ctx));
  const m: Mm7SubmitReq = {
    type: 'SubmitReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    senderIdentification: sid === undefined ? {} : readSenderIdentification(sid, `${r.where}/SenderIdentification`, ctx),
    recipients,
    ...opt('serviceCode', r.text('ServiceCode')),
    ...opt('linkedId', r.text('LinkedID')),
    ...opt('messageClass', r.enumOf('MessageClass', MESSAGE_CLASSES)),
    ...opt('timeStamp', r.text('TimeStamp')),
    ...opt('replyCharging', rcEl === undefined ? undefined : {
      ...opt('replyChargingSize', rcSize !== undefined && /^\d{1,15}$/.test(rcSize.trim()) ? Number(rcSize) : undefined),
      ...opt('replyDeadline', rcDeadline),
    }),
    ...opt('earliestDeliveryTime', r.text('EarliestDeliveryTime')),
    ...opt('expiryDate', r.text('ExpiryDate')),
    ...opt('deliveryReport', r.bool('DeliveryReport')),
    ...opt('readReply', r.bool('ReadReply')),
    ...opt('priority', r.enumOf('Priority', PRIORITIES)),
    ...opt('subject', r.text('Subject')),
    ...opt('chargedParty', r.enumOf('ChargedParty', CHARGED_PARTIES)),
    ...opt('chargedPartyId', r.text('ChargedPartyID')),
    ...opt('distributionIndicator', r.bool('DistributionIndicator')),
    ...opt('deliveryCondition', dcEl === undefined ? undefined : dcEl.children.filter((c) => c.local === 'DC' && /^\d{1,15}$/.test(c.text.trim())).map((c) => Number(c.text.trim()))),
    ...readApplicIds(r),
    ...opt('contentClass', r.enumOf('ContentClass', CONTENT_CLASSES)),
    ...opt('drmContent', r.bool('DRMContent')),
    ...opt('content', content),
  };
  r.finish(SUBMIT_REQ_ORDER);
  return m;
}

export function readSubmitRsp(r: FieldReader, p: OpParse): Mm7SubmitRsp {
  // "AuxApplicID" is a misspelling seen in the wild (fixture submit-rsp.xml); read it, with a warning.
  let aux = r.text('AuxApplicInfo');
  if (aux === undefined && r.child('AuxApplicID') !== undefined) {
    aux = r.text('AuxApplicID');
    p.ctx.warn('mm7.aux-applic-id', `${r.where}: AuxApplicID read as AuxApplicInfo`);
  }
  const m: Mm7SubmitRsp = {
    type: 'SubmitRsp',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    status: readStatusOf(r, p.ctx),
    ...opt('messageId', r.text('MessageID')),
    ...readApplicIds(r, aux),
  };
  r.finish([...SUBMIT_RSP_ORDER, 'AuxApplicID']);
  return m;
}
