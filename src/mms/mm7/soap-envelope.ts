import { checkToken } from './field-writer.ts';
import { Mm7Error } from './mm7-error.ts';
import type { ParseContext } from './parse-context.ts';
import { SOAP_ENV_NS } from './versions.ts';
import type { XmlElement } from './xml-read.ts';
import { XmlWriter } from './xml-writer.ts';

// The SOAP 1.1 envelope around every MM7 operation: the TransactionID header (mustUnderstand)
// and one operation element in the Body. Built with the `env:` prefix of the 3GPP examples.

export function buildEnvelope(transactionId: string, namespace: string, writeBody: (w: XmlWriter) => void): string {
  checkToken(transactionId, 'TransactionID');
  const w = new XmlWriter('Envelope');
  w.declaration();
  w.open('env:Envelope', [['xmlns:env', SOAP_ENV_NS]]);
  w.open('env:Header');
  w.leaf('mm7:TransactionID', transactionId, [
    ['xmlns:mm7', namespace],
    ['env:mustUnderstand', '1'],
  ]);
  w.close();
  w.open('env:Body');
  writeBody(w);
  w.close();
  w.close();
  return w.toString();
}

export interface ParsedEnvelope {
  readonly transactionId: string;
  /** The first element inside Body: the MM7 operation or a Fault. */
  readonly operation: XmlElement;
}

export function readEnvelope(root: XmlElement, ctx: ParseContext): ParsedEnvelope {
  if (root.local !== 'Envelope') throw new Mm7Error('PORM_MM7_XML_INVALID', `root element is ${root.local.slice(0, 60)}, not a SOAP Envelope`);
  if (root.ns !== SOAP_ENV_NS) ctx.warn('soap.envelope-namespace', `Envelope namespace is ${String(root.ns).slice(0, 100)}, not SOAP 1.1`);
  const header = root.children.find((c) => c.local === 'Header');
  const body = root.children.find((c) => c.local === 'Body');
  if (body === undefined) throw new Mm7Error('PORM_MM7_XML_INVALID', 'SOAP Envelope without Body');
  const txEl = header?.children.find((c) => c.local === 'TransactionID');
  let transactionId = '';
  if (txEl === undefined) ctx.warn('soap.no-transaction-id', 'no TransactionID in the SOAP Header');
  else transactionId = txEl.text.trim();
  if (txEl !== undefined && txEl.text !== transactionId) ctx.warn('soap.transaction-id-whitespace', 'whitespace around the TransactionID was trimmed');
  const operation = body.children[0];
  if (operation === undefined) throw new Mm7Error('PORM_MM7_UNKNOWN_OPERATION', 'SOAP Body is empty');
  if (body.children.length > 1) ctx.warn('soap.extra-body-elements', 'SOAP Body holds more than one element; the first is used');
  return { transactionId, operation };
}
