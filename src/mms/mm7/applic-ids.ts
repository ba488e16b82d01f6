import type { FieldReader } from './field-reader.ts';
import { optFreeText, optToken } from './field-writer.ts';
import type { Mm7ApplicIds } from './model.ts';
import { opt } from './op-context.ts';
import type { XmlWriter } from './xml-writer.ts';

// The Rel-6 application addressing trio (ApplicID, ReplyApplicID, AuxApplicInfo), which
// SubmitReq/Rsp, DeliverReq, DeliveryReportReq and ReadReplyReq all carry in this order.

export function writeApplicIds(w: XmlWriter, m: Mm7ApplicIds, at: string): void {
  optToken(w, 'ApplicID', m.applicId, at);
  optToken(w, 'ReplyApplicID', m.replyApplicId, at);
  optFreeText(w, 'AuxApplicInfo', m.auxApplicInfo, at);
}

/** `aux` overrides the AuxApplicInfo text (SubmitRsp also reads a misspelt element). */
export function readApplicIds(r: FieldReader, aux: string | undefined = r.text('AuxApplicInfo')): Mm7ApplicIds {
  return {
    ...opt('applicId', r.text('ApplicID')),
    ...opt('replyApplicId', r.text('ReplyApplicID')),
    ...opt('auxApplicInfo', aux),
  };
}
