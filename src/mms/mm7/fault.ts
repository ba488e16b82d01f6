import { FieldReader } from './field-reader.ts';
import { buildInvalid } from './mm7-error.ts';
import type { Mm7ErrorRsp, Mm7FaultInfo } from './model.ts';
import { opt, type OpBuild, type OpParse } from './op-context.ts';
import { readStatus, writeStatus } from './status.ts';
import { localName, type XmlElement } from './xml-read.ts';
import type { XmlWriter } from './xml-writer.ts';

// MM7 errors travel as a SOAP 1.1 Fault (HTTP 500) with RSErrorRsp or VASPErrorRsp in <detail>.
// faultcode/faultstring/detail are unqualified in SOAP 1.1; some MMSCs qualify them (env:faultcode,
// fixture fault_02.xml) and the parser accepts both.

const FAULT_CODES = ['Client', 'Server', 'VersionMismatch', 'MustUnderstand'];

export function writeErrorRsp(w: XmlWriter, m: Mm7ErrorRsp, b: OpBuild): void {
  const at = m.type;
  const fault = m.fault ?? defaultFault(m.status.code);
  if (!FAULT_CODES.includes(fault.code)) throw buildInvalid(`${at}/faultcode`, `"${String(fault.code)}" is not one of ${FAULT_CODES.join(', ')}`);
  w.open('env:Fault');
  w.leaf('faultcode', `env:${fault.code}`);
  w.leaf('faultstring', fault.string);
  if (fault.actor !== undefined) w.leaf('faultactor', fault.actor);
  w.open('detail');
  w.open(m.type, [['xmlns', b.version.namespace]]);
  w.leaf('MM7Version', b.version.mm7Version);
  writeStatus(w, m.status, at);
  w.close();
  w.close();
  w.close();
}

/** Client for 2xxx (the request was wrong), Server otherwise: the SOAP 1.1 meaning of the two. */
export function defaultFault(code: number): Mm7FaultInfo {
  return code >= 2000 && code < 3000 ? { code: 'Client', string: 'Client error' } : { code: 'Server', string: 'Server error' };
}

export function readFault(el: XmlElement, p: OpParse): Mm7ErrorRsp {
  const { ctx } = p;
  if (el.children.some((c) => c.name.includes(':'))) ctx.warn('soap.qualified-fault-children', 'Fault children are namespace-qualified (SOAP 1.1 wants them unqualified)');
  const r = new FieldReader(el, ctx, 'Fault');
  const fault: Mm7FaultInfo = {
    code: localName(r.text('faultcode') ?? 'Server'),
    string: r.text('faultstring') ?? '',
    ...opt('actor', r.text('faultactor')),
  };
  const errorEl = r.child('detail')?.children.find((c) => c.local === 'RSErrorRsp' || c.local === 'VASPErrorRsp');
  r.finish(['faultcode', 'faultstring', 'faultactor', 'detail']);
  if (errorEl === undefined) {
    // A bare fault still has to reach the queue as an outcome: derive a class-level status.
    ctx.warn('soap.fault-without-error-rsp', 'Fault without RSErrorRsp/VASPErrorRsp detail; status derived from faultcode');
    return { type: 'RSErrorRsp', transactionId: p.transactionId, status: statusOfFaultCode(fault), fault };
  }
  const er = new FieldReader(errorEl, ctx, `Fault/${errorEl.local}`);
  const statusEl = er.requiredChild('Status');
  const m: Mm7ErrorRsp = {
    type: errorEl.local as Mm7ErrorRsp['type'],
    transactionId: p.transactionId,
    ...opt('mm7Version', er.text('MM7Version')),
    status: readStatus(statusEl, `Fault/${errorEl.local}/Status`, ctx),
    fault,
  };
  er.finish(['MM7Version', 'Status']);
  return m;
}

function statusOfFaultCode(fault: Mm7FaultInfo): { code: number; text: string } {
  if (fault.code.startsWith('Client')) return { code: 2000, text: fault.string || 'Client error' };
  if (fault.code === 'VersionMismatch') return { code: 4002, text: fault.string || 'Unsupported version' };
  if (fault.code === 'MustUnderstand') return { code: 4003, text: fault.string || 'Unsupported operation' };
  return { code: 3000, text: fault.string || 'Server error' };
}
