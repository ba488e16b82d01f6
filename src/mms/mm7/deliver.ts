import { readAddressIn, readRecipients, writeAddressElement, writeRecipients } from './address.ts';
import { readContentRef, writeContentRef } from './content-ref.ts';
import { PRIORITIES } from './enums.ts';
import { attr, type FieldReader } from './field-reader.ts';
import { checkDateTime, optDateTime, optEnum, optFreeText, optToken } from './field-writer.ts';
import { buildInvalid } from './mm7-error.ts';
import type { Mm7DeliverReq, Mm7DeliverRsp, Mm7UaCapabilities } from './model.ts';
import { common, opt, type OpBuild, type OpParse } from './op-context.ts';
import { RS_HEADER_ORDER, readRsHeader, writeRsHeader } from './rs-header.ts';
import { readStatusOf, writeStatus } from './status.ts';
import type { XmlWriter } from './xml-writer.ts';
import { readApplicIds, writeApplicIds } from './applic-ids.ts';

// MM7_deliver: DeliverReq (MMSC -> VASP, a mobile-originated MM) and DeliverRsp.

export const DELIVER_REQ_ORDER = [
  ...RS_HEADER_ORDER, 'LinkedID', 'Sender', 'Recipients', 'SenderSPI', 'RecipientSPI', 'TimeStamp', 'ReplyChargingID',
  'Priority', 'Subject', 'ApplicID', 'ReplyApplicID', 'AuxApplicInfo', 'UACapabilities', 'Content',
] as const;

export const DELIVER_RSP_ORDER = ['MM7Version', 'Status', 'ServiceCode'] as const;

export function writeDeliverReq(w: XmlWriter, m: Mm7DeliverReq, b: OpBuild): void {
  const at = 'DeliverReq';
  w.open('DeliverReq', [['xmlns', b.version.namespace]]);
  writeRsHeader(w, m, b.version.mm7Version, at);
  optToken(w, 'LinkedID', m.linkedId, at);
  if (m.sender === undefined) throw buildInvalid(`${at}/Sender`, 'required');
  writeAddressElement(w, 'Sender', m.sender, at);
  writeRecipients(w, m.recipients, at, false);
  optToken(w, 'SenderSPI', m.senderSpi, at);
  optToken(w, 'RecipientSPI', m.recipientSpi, at);
  optDateTime(w, 'TimeStamp', m.timeStamp, at);
  optToken(w, 'ReplyChargingID', m.replyChargingId, at);
  optEnum(w, 'Priority', m.priority, PRIORITIES, at);
  optFreeText(w, 'Subject', m.subject, at);
  writeApplicIds(w, m, at);
  writeUaCapabilities(w, m.uaCapabilities, at);
  writeContentRef(w, m.content, at);
  w.close();
}

export function writeUaCapabilities(w: XmlWriter, ua: Mm7UaCapabilities | undefined, at: string): void {
  if (ua === undefined) return;
  if (ua.timeStamp !== undefined) checkDateTime(ua.timeStamp, `${at}/UACapabilities@TimeStamp`);
  if (ua.uaProf !== undefined && ua.uaProf === '') throw buildInvalid(`${at}/UACapabilities@UAProf`, 'must not be empty');
  w.leaf('UACapabilities', '', [
    ['UAProf', ua.uaProf],
    ['TimeStamp', ua.timeStamp],
  ]);
}

export function writeDeliverRsp(w: XmlWriter, m: Mm7DeliverRsp, b: OpBuild): void {
  const at = 'DeliverRsp';
  w.open('DeliverRsp', [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeStatus(w, m.status, at);
  optToken(w, 'ServiceCode', m.serviceCode, at);
  w.close();
}

export function readUaCapabilities(r: FieldReader): Mm7UaCapabilities | undefined {
  const el = r.child('UACapabilities');
  if (el === undefined) return undefined;
  return { ...opt('uaProf', attr(el, 'UAProf')), ...opt('timeStamp', attr(el, 'TimeStamp')) };
}

export function readDeliverReq(r: FieldReader, p: OpParse): Mm7DeliverReq {
  const { ctx } = p;
  const recipientsEl = r.child('Recipients');
  const m: Mm7DeliverReq = {
    type: 'DeliverReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    ...readRsHeader(r),
    ...opt('linkedId', r.text('LinkedID')),
    ...opt('sender', readSender(r, p)),
    ...opt('recipients', recipientsEl === undefined ? undefined : readRecipients(recipientsEl, `${r.where}/Recipients`, ctx)),
    ...opt('senderSpi', r.text('SenderSPI')),
    ...opt('recipientSpi', r.text('RecipientSPI')),
    ...opt('timeStamp', r.text('TimeStamp')),
    ...opt('replyChargingId', r.text('ReplyChargingID')),
    ...opt('priority', r.enumOf('Priority', PRIORITIES)),
    ...opt('subject', r.text('Subject')),
    ...readApplicIds(r),
    ...opt('uaCapabilities', readUaCapabilities(r)),
    ...opt('content', p.resolveContent(readContentRef(r.child('Content'), `${r.where}/Content`, ctx))),
  };
  r.finish(DELIVER_REQ_ORDER);
  return m;
}

// Real MO traffic arrives without a Sender (fixture deliver-req4.txt, an anonymous sender);
// the message is still worth keeping, so this is a warning rather than an error.
function readSender(r: FieldReader, p: OpParse): Mm7DeliverReq['sender'] {
  const el = r.child('Sender');
  const sender = el === undefined ? undefined : readAddressIn(el, `${r.where}/Sender`, p.ctx);
  if (sender === undefined) p.ctx.warn('mm7.no-sender', `${r.where}: no Sender address`);
  return sender;
}

export function readDeliverRsp(r: FieldReader, p: OpParse): Mm7DeliverRsp {
  const m: Mm7DeliverRsp = {
    type: 'DeliverRsp',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    status: readStatusOf(r, p.ctx),
    ...opt('serviceCode', r.text('ServiceCode')),
  };
  r.finish(DELIVER_RSP_ORDER);
  return m;
}
