import { requiredAddressIn, writeAddressElement } from './address.ts';
import { readUaCapabilities, writeUaCapabilities } from './deliver.ts';
import type { FieldReader } from './field-reader.ts';
import { checkDateTime, optFreeText, optToken, reqToken } from './field-writer.ts';
import { MM7_DELIVERY_MM_STATUSES } from './mm-status.ts';
import { buildInvalid } from './mm7-error.ts';
import type { Mm7DeliveryMmStatus, Mm7DeliveryReportReq } from './model.ts';
import { common, opt, type OpBuild, type OpParse } from './op-context.ts';
import { RS_HEADER_ORDER, readRsHeader, writeRsHeader } from './rs-header.ts';
import type { XmlWriter } from './xml-writer.ts';
import { readApplicIds, writeApplicIds } from './applic-ids.ts';

// MM7_delivery_report: DeliveryReportReq (MMSC -> VASP). The response is generic-rsp.ts.

export const DELIVERY_REPORT_REQ_ORDER = [
  ...RS_HEADER_ORDER, 'MessageID', 'Recipient', 'Sender', 'Date', 'MMStatus', 'MMStatusExtension', 'StatusText',
  'ApplicID', 'ReplyApplicID', 'AuxApplicInfo', 'UACapabilities',
] as const;

export function writeDeliveryReportReq(w: XmlWriter, m: Mm7DeliveryReportReq, b: OpBuild): void {
  const at = 'DeliveryReportReq';
  w.open('DeliveryReportReq', [['xmlns', b.version.namespace]]);
  writeRsHeader(w, m, b.version.mm7Version, at);
  reqToken(w, 'MessageID', m.messageId, at);
  if (m.recipient === undefined) throw buildInvalid(`${at}/Recipient`, 'required');
  writeAddressElement(w, 'Recipient', m.recipient, at);
  if (m.sender === undefined) throw buildInvalid(`${at}/Sender`, 'required');
  writeAddressElement(w, 'Sender', m.sender, at);
  checkDateTime(m.date, `${at}/Date`);
  w.leaf('Date', m.date);
  if (!MM7_DELIVERY_MM_STATUSES.includes(m.mmStatus)) throw buildInvalid(`${at}/MMStatus`, `"${String(m.mmStatus)}" is not one of ${MM7_DELIVERY_MM_STATUSES.join(', ')}`);
  w.leaf('MMStatus', m.mmStatus);
  optToken(w, 'MMStatusExtension', m.mmStatusExtension, at);
  optFreeText(w, 'StatusText', m.statusText, at);
  writeApplicIds(w, m, at);
  writeUaCapabilities(w, m.uaCapabilities, at);
  w.close();
}

export function readDeliveryReportReq(r: FieldReader, p: OpParse): Mm7DeliveryReportReq {
  const m: Mm7DeliveryReportReq = {
    type: 'DeliveryReportReq',
    ...common(p.transactionId, r.requiredText('MM7Version')),
    ...readRsHeader(r),
    messageId: r.requiredText('MessageID'),
    recipient: requiredAddressIn(r, 'Recipient', p.ctx),
    sender: requiredAddressIn(r, 'Sender', p.ctx),
    date: r.requiredText('Date'),
    mmStatus: readMmStatus(r, p),
    ...opt('mmStatusExtension', r.text('MMStatusExtension')),
    ...opt('statusText', r.text('StatusText')),
    ...readApplicIds(r),
    ...opt('uaCapabilities', readUaCapabilities(r)),
  };
  r.finish(DELIVERY_REPORT_REQ_ORDER);
  return m;
}

// Vendors write "Unrecognized", "retrieved", or values from later releases. Unknown values become
// Indeterminate (message stays pending) rather than failing the whole report.
function readMmStatus(r: FieldReader, p: OpParse): Mm7DeliveryMmStatus {
  const raw = r.requiredText('MMStatus');
  const norm = raw.toLowerCase() === 'unrecognized' ? 'Unrecognised' : raw;
  const found = MM7_DELIVERY_MM_STATUSES.find((s) => s.toLowerCase() === norm.toLowerCase());
  if (found === undefined) {
    p.ctx.warn('mm7.unknown-mm-status', `${r.where}/MMStatus: "${raw.slice(0, 40)}" read as Indeterminate`);
    return 'Indeterminate';
  }
  if (found !== raw) p.ctx.warn('xml.enum-case', `${r.where}/MMStatus: "${raw}" read as "${found}"`);
  return found;
}
