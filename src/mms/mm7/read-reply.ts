import { requiredAddressIn, writeAddressElement } from './address.ts';
import type { FieldReader } from './field-reader.ts';
import { checkDateTime, optFreeText, reqToken } from './field-writer.ts';
import { MM7_READ_MM_STATUSES } from './mm-status.ts';
import { buildInvalid } from './mm7-error.ts';
import type { Mm7ReadMmStatus, Mm7ReadReplyReq } from './model.ts';
import { common, opt, type OpBuild, type OpParse } from './op-context.ts';
import { RS_HEADER_ORDER, readRsHeader, writeRsHeader } from './rs-header.ts';
import type { XmlWriter } from './xml-writer.ts';
import { readApplicIds, writeApplicIds } from './applic-ids.ts';

// MM7_read_reply: ReadReplyReq (MMSC -> VASP: the recipient read or deleted the message).

export const READ_REPLY_REQ_ORDER = [
  ...RS_HEADER_ORDER, 'MessageID', 'Recipient', 'Sender', 'TimeStamp', 'MMStatus', 'StatusText',
  'ApplicID', 'ReplyApplicID', 'AuxApplicInfo',
] as const;

export function writeReadReplyReq(w: XmlWriter, m: Mm7ReadReplyReq, b: OpBuild): void {
  const at = 'ReadReplyReq';
  w.open('ReadReplyReq', [['xmlns', b.version.namespace]]);
  writeRsHeader(w, m, b.version.mm7Version, at);
  reqToken(w, 'MessageID', m.messageId, at);
  if (m.recipient === undefined) throw buildInvalid(`${at}/Recipient`, 'required');
  writeAddressElement(w, 'Recipient', m.recipient, at);
  if (m.sender === undefined) throw buildInvalid(`${at}/Sender`, 'required');
  writeAddressElement(w, 'Sender', m.sender, at);
  checkDateTime(m.timeStamp, `${at}/TimeStamp`);
  w.leaf('TimeStamp', m.timeStamp);
  if (!MM7_READ_MM_STATUSES.includes(m.mmStatus)) throw buildInvalid(`${at}/MMStatus`, `"${String(m.mmStatus)}" is not one of ${MM7_READ_MM_STATUSES.join(', ')}`);
  w.leaf('MMStatus', m.mmStatus);
  optFreeText(w, 'StatusText', m.statusText, at);
  writeApplicIds(w, m, at);
  w.close();
}

export function readReadReplyReq(r: FieldReader, p: OpParse): Mm7ReadReplyReq {
  const raw = r.requiredText('MMStatus');
  let mmStatus: Mm7ReadMmStatus | undefined = MM7_READ_MM_STATUSES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (mmStatus === undefined) {
    p.ctx.warn('mm7.unknown-mm-status', `${r.where}/MMStatus: "${raw.slice(0, 40)}" read as Indeterminate`);
    mmStatus = 'Indeterminate';
  }
  const m: Mm7ReadReplyReq = {
    type: 'ReadReplyReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    ...readRsHeader(r),
    messageId: r.requiredText('MessageID'),
    recipient: requiredAddressIn(r, 'Recipient', p.ctx),
    sender: requiredAddressIn(r, 'Sender', p.ctx),
    timeStamp: r.requiredText('TimeStamp'),
    mmStatus,
    ...opt('statusText', r.text('StatusText')),
    ...readApplicIds(r),
  };
  r.finish(READ_REPLY_REQ_ORDER);
  return m;
}
