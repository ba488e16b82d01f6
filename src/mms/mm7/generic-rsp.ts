import type { FieldReader } from './field-reader.ts';
import type { Mm7CancelRsp, Mm7DeliveryReportRsp, Mm7ReadReplyRsp, Mm7ReplaceRsp, Mm7Status } from './model.ts';
import { common, type OpBuild, type OpParse } from './op-context.ts';
import { readStatusOf, writeStatus } from './status.ts';
import type { XmlWriter } from './xml-writer.ts';

// Responses that carry nothing but MM7Version and Status: DeliveryReportRsp, ReadReplyRsp,
// CancelRsp, ReplaceRsp (GenericResponseType in the schema).

export type GenericRsp = Mm7DeliveryReportRsp | Mm7ReadReplyRsp | Mm7CancelRsp | Mm7ReplaceRsp;
export type GenericRspType = GenericRsp['type'];

export const GENERIC_RSP_TYPES: readonly GenericRspType[] = ['DeliveryReportRsp', 'ReadReplyRsp', 'CancelRsp', 'ReplaceRsp'];
export const GENERIC_RSP_ORDER = ['MM7Version', 'Status'] as const;

export function writeGenericRsp(w: XmlWriter, m: GenericRsp, b: OpBuild): void {
  writeStatusOnly(w, m.type, m.status, b);
}

export function writeStatusOnly(w: XmlWriter, name: string, status: Mm7Status, b: OpBuild): void {
  w.open(name, [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeStatus(w, status, name);
  w.close();
}

export function readGenericRsp(type: GenericRspType, r: FieldReader, p: OpParse): GenericRsp {
  const m: GenericRsp = { type, ...common(p.transactionId, r.requiredText('MM7Version')), status: readStatusOf(r, p.ctx) };
  r.finish(GENERIC_RSP_ORDER);
  return m;
}
