import type { FieldReader } from './field-reader.ts';
import { optToken } from './field-writer.ts';
import type { Mm7RsHeader } from './model.ts';
import { opt } from './op-context.ts';
import type { XmlWriter } from './xml-writer.ts';

// The start of every relay-server request (DeliverReq, DeliveryReportReq, ReadReplyReq):
// MM7Version, then VASPID, VASID, MMSRelayServerID. The order follows the 3GPP annex example
// (fixtures/mm7/deliver-req-post.txt); one real MMSC sends MMSRelayServerID first
// (deliver-req5.txt), which the parser accepts with an order warning.

export const RS_HEADER_ORDER = ['MM7Version', 'VASPID', 'VASID', 'MMSRelayServerID'] as const;

export function writeRsHeader(w: XmlWriter, m: Mm7RsHeader, mm7Version: string, at: string): void {
  w.leaf('MM7Version', mm7Version);
  optToken(w, 'VASPID', m.vaspId, at);
  optToken(w, 'VASID', m.vasId, at);
  optToken(w, 'MMSRelayServerID', m.mmsRelayServerId, at);
}

export function readRsHeader(r: FieldReader): Mm7RsHeader {
  return {
    ...opt('vaspId', r.text('VASPID')),
    ...opt('vasId', r.text('VASID')),
    ...opt('mmsRelayServerId', r.text('MMSRelayServerID')),
  };
}
