import { FieldReader, attr, matchEnum, parseBool } from './field-reader.ts';
import { checkToken, optToken } from './field-writer.ts';
import { buildInvalid, malformed } from './mm7-error.ts';
import type { Mm7Address, Mm7AddressKind, Mm7Recipients, Mm7SenderIdentification } from './model.ts';
import type { ParseContext } from './parse-context.ts';
import type { XmlElement } from './xml-read.ts';
import type { XmlWriter } from './xml-writer.ts';

// Addresses, Recipients and SenderIdentification: the address blocks shared by every operation.

export const ADDRESS_KINDS: readonly Mm7AddressKind[] = ['Number', 'RFC2822Address', 'ShortCode'];
const CODINGS = ['encrypted', 'obfuscated'] as const;

// Strict on build: porm sends E.164 digits (an optional + and the /TYPE=PLMN suffix some MMSCs
// want); short codes are digits or letters; e-mail style addresses only need an @.
const VALUE_RULES: Readonly<Record<Mm7AddressKind, RegExp>> = {
  Number: /^\+?[0-9]{1,20}(\/TYPE=PLMN)?$/,
  ShortCode: /^[0-9A-Za-z]{1,20}$/,
  RFC2822Address: /^[^\s@<>"]{1,256}@[^\s@<>"]{1,256}$|^[^\r\n<>]{0,200}<[^\s@<>"]{1,256}@[^\s@<>"]{1,256}>$/,
};

export function writeAddress(w: XmlWriter, a: Mm7Address, where: string, allowDisplayOnly: boolean): void {
  if (!ADDRESS_KINDS.includes(a.kind)) throw buildInvalid(where, `address kind "${String(a.kind)}" is not one of ${ADDRESS_KINDS.join(', ')}`);
  if (typeof a.value !== 'string' || !VALUE_RULES[a.kind].test(a.value)) throw buildInvalid(`${where}/${a.kind}`, `"${String(a.value)}" is not a valid ${a.kind}`);
  if (a.addressCoding !== undefined && !CODINGS.includes(a.addressCoding)) throw buildInvalid(`${where}/${a.kind}`, 'addressCoding must be encrypted or obfuscated');
  if (a.id !== undefined) checkToken(a.id, `${where}/${a.kind}@id`);
  if (a.displayOnly !== undefined && !allowDisplayOnly) throw buildInvalid(`${where}/${a.kind}`, 'displayOnly is only allowed on recipients');
  w.leaf(a.kind, a.value, [
    ['displayOnly', a.displayOnly === undefined ? undefined : String(a.displayOnly)],
    ['addressCoding', a.addressCoding],
    ['id', a.id],
  ]);
}

/** `<name><Number>…</Number></name>` (Sender, Recipient, SenderAddress). */
export function writeAddressElement(w: XmlWriter, name: string, a: Mm7Address | undefined, where: string): void {
  if (a === undefined) return;
  w.open(name);
  writeAddress(w, a, `${where}/${name}`, false);
  w.close();
}

export function writeRecipients(w: XmlWriter, r: Mm7Recipients | undefined, where: string, required: boolean): void {
  if (r === undefined) {
    if (required) throw buildInvalid(`${where}/Recipients`, 'required');
    return;
  }
  const groups = [
    ['To', r.to],
    ['Cc', r.cc],
    ['Bcc', r.bcc],
  ] as const;
  if (groups.every(([, list]) => list === undefined || list.length === 0)) throw buildInvalid(`${where}/Recipients`, 'at least one To, Cc or Bcc address is required');
  w.open('Recipients');
  for (const [name, list] of groups) {
    if (list === undefined || list.length === 0) continue;
    w.open(name);
    for (const a of list) writeAddress(w, a, `${where}/Recipients/${name}`, true);
    w.close();
  }
  w.close();
}

export function writeSenderIdentification(w: XmlWriter, s: Mm7SenderIdentification | undefined, where: string): void {
  if (s === undefined) throw buildInvalid(`${where}/SenderIdentification`, 'required');
  const at = `${where}/SenderIdentification`;
  w.open('SenderIdentification');
  optToken(w, 'VASPID', s.vaspId, at);
  optToken(w, 'VASID', s.vasId, at);
  writeAddressElement(w, 'SenderAddress', s.senderAddress, at);
  w.close();
}

/** The first Number/RFC2822Address/ShortCode child of `el`, or undefined. */
export function readAddressIn(el: XmlElement, where: string, ctx: ParseContext): Mm7Address | undefined {
  const found = el.children.filter((c) => (ADDRESS_KINDS as readonly string[]).includes(c.local));
  for (const c of el.children) {
    if (!(ADDRESS_KINDS as readonly string[]).includes(c.local)) ctx.warn('xml.unknown-element', `${where}: unknown address element ${c.local} ignored`);
  }
  if (found.length > 1) ctx.warn('mm7.extra-address', `${where}: more than one address; the first is used`);
  const first = found[0];
  return first === undefined ? undefined : readAddress(first, where, ctx, true);
}

export function requiredAddressIn(r: FieldReader, name: string, ctx: ParseContext): Mm7Address {
  const el = r.requiredChild(name);
  const address = readAddressIn(el, `${r.where}/${name}`, ctx);
  if (address === undefined || address.value === '') throw malformed(`${r.where}/${name}`, 'no Number, RFC2822Address or ShortCode');
  return address;
}

function readAddress(el: XmlElement, where: string, ctx: ParseContext, allowDisplayOnly: boolean): Mm7Address {
  const displayOnlyRaw = attr(el, 'displayOnly');
  const codingRaw = attr(el, 'addressCoding');
  const id = attr(el, 'id');
  const displayOnly = allowDisplayOnly && displayOnlyRaw !== undefined ? parseBool(displayOnlyRaw, `${where}@displayOnly`, ctx) : undefined;
  const addressCoding = codingRaw === undefined ? undefined : matchEnum(codingRaw, CODINGS, `${where}@addressCoding`, ctx);
  return {
    kind: el.local as Mm7AddressKind,
    value: el.text.trim(),
    ...(displayOnly !== undefined && { displayOnly }),
    ...(addressCoding !== undefined && { addressCoding }),
    ...(id !== undefined && { id }),
  };
}

export function readRecipients(el: XmlElement, where: string, ctx: ParseContext): Mm7Recipients {
  const lists: Record<'To' | 'Cc' | 'Bcc', Mm7Address[]> = { To: [], Cc: [], Bcc: [] };
  for (const group of el.children) {
    if (group.local !== 'To' && group.local !== 'Cc' && group.local !== 'Bcc') {
      ctx.warn('xml.unknown-element', `${where}: unknown element ${group.local} ignored`);
      continue;
    }
    for (const c of group.children) {
      if ((ADDRESS_KINDS as readonly string[]).includes(c.local)) lists[group.local].push(readAddress(c, `${where}/${group.local}`, ctx, true));
      else ctx.warn('xml.unknown-element', `${where}/${group.local}: unknown element ${c.local} ignored`);
    }
  }
  return {
    ...(lists.To.length > 0 && { to: lists.To }),
    ...(lists.Cc.length > 0 && { cc: lists.Cc }),
    ...(lists.Bcc.length > 0 && { bcc: lists.Bcc }),
  };
}

export function readSenderIdentification(el: XmlElement, where: string, ctx: ParseContext): Mm7SenderIdentification {
  const r = new FieldReader(el, ctx, where);
  const vaspId = r.text('VASPID');
  const vasId = r.text('VASID');
  const addressEl = r.child('SenderAddress');
  const senderAddress = addressEl === undefined ? undefined : readAddressIn(addressEl, `${where}/SenderAddress`, ctx);
  r.finish(['VASPID', 'VASID', 'SenderAddress']);
  return {
    ...(vaspId !== undefined && { vaspId }),
    ...(vasId !== undefined && { vasId }),
    ...(senderAddress !== undefined && { senderAddress }),
  };
}
