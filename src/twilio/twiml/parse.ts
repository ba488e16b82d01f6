import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlText } from './entities.ts';

// The TwiML a number's webhook answers with, read strictly and safely: a size cap before any
// parsing, no DOCTYPE (so no entity can be declared, let alone expanded), a well-formedness
// check, and only <Response> as the root. Of the messaging verbs porm acts on <Message> (with
// text, or <Body> and <Media> nouns); <Redirect> and anything else are left out, each with the
// reason, never guessed at.

/** Twilio's own limit on a TwiML document. */
export const MAX_TWIML_BYTES = 64 * 1024;
/** At most this many replies to one inbound message; more are left out with a note. */
export const MAX_TWIML_MESSAGES = 10;
const MAX_MEDIA = 10;

export interface TwimlMessage {
  /** Absent: the sender of the inbound message. */
  to?: string;
  /** Absent: the number that received it. */
  from?: string;
  body: string;
  media: string[];
  /** A status callback for the reply, in the Twilio dialect. */
  statusCallback?: string;
}

export type TwimlAnswer =
  | { ok: true; messages: TwimlMessage[]; ignored: string[] }
  | { ok: false; why: string };

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, htmlEntities: false,
  trimValues: false, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true, ignorePiTags: true,
  cdataPropName: '#cdata', allowBooleanAttributes: false,
});

export function parseTwiml(bytes: Buffer): TwimlAnswer {
  if (bytes.length > MAX_TWIML_BYTES) return { ok: false, why: `the TwiML is ${bytes.length} bytes; the limit is ${MAX_TWIML_BYTES}` };
  const xml = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (xml.trim() === '') return { ok: true, messages: [], ignored: [] };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, why: 'the TwiML has a DOCTYPE; entity declarations are refused' };
  let roots: Node[];
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) return { ok: false, why: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
    roots = (parser.parse(xml) as Node[]).filter((n) => nameOf(n) !== '#text');
  } catch (err) {
    // The parser's own guards (nesting depth, names such as __proto__) throw: refused the same way.
    return { ok: false, why: `TwiML porm will not read: ${(err as Error).message.slice(0, 200)}` };
  }
  if (roots.length !== 1 || nameOf(roots[0]!) !== 'Response') {
    return { ok: false, why: `the root element is <${roots.map(nameOf).join('>, <').slice(0, 60)}>, not <Response>` };
  }
  const messages: TwimlMessage[] = [];
  const ignored: string[] = [];
  for (const verb of childrenOf(roots[0]!)) {
    const name = nameOf(verb);
    if (name === '#text' || name === '#cdata') {
      if (rawText([verb]).trim() !== '') ignored.push('text directly inside <Response>');
      continue;
    }
    if (name === 'Redirect') {
      ignored.push('<Redirect> is not supported: porm does not fetch further TwiML');
      continue;
    }
    if (name !== 'Message') {
      ignored.push(`<${name.slice(0, 40)}> is not a messaging verb porm acts on`);
      continue;
    }
    if (messages.length === MAX_TWIML_MESSAGES) {
      ignored.push(`more than ${MAX_TWIML_MESSAGES} <Message> verbs: the rest are left out`);
      break;
    }
    const read = readMessage(verb, ignored);
    if (!read.ok) return read;
    if (read.message) messages.push(read.message);
  }
  return { ok: true, messages, ignored };
}

function readMessage(verb: Node, ignored: string[]): { ok: true; message?: TwimlMessage } | { ok: false; why: string } {
  const attrs = attributesOf(verb);
  const nouns = childrenOf(verb);
  const hasNouns = nouns.some((n) => nameOf(n) === 'Body' || nameOf(n) === 'Media');
  const bodies: string[] = [];
  const media: string[] = [];
  for (const noun of nouns) {
    const name = nameOf(noun);
    if (name === '#text' || name === '#cdata') {
      if (!hasNouns) bodies.push(rawTextOf(noun));
      else if (rawTextOf(noun).trim() !== '') ignored.push('text beside <Body>/<Media> in a <Message>');
    } else if (name === 'Body') bodies.push(rawText(childrenOf(noun)));
    else if (name === 'Media') {
      if (media.length === MAX_MEDIA) ignored.push(`more than ${MAX_MEDIA} <Media> in a <Message>: the rest are left out`);
      else media.push(rawText(childrenOf(noun)));
    } else ignored.push(`<${name.slice(0, 40)}> inside <Message> is not a noun porm knows`);
  }
  const decoded = decode(bodies);
  if (!decoded.ok) return decoded;
  const urls = decode(media);
  if (!urls.ok) return urls;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    const text = decodeXmlText(value);
    if (!text.ok) return { ok: false, why: `attribute ${name.slice(0, 40)}: ${text.why}` };
    if (name === 'to' || name === 'from' || name === 'statusCallback') attributes[name] = text.text.trim();
    else ignored.push(`the ${name.slice(0, 40)} attribute of <Message> is not supported`);
  }
  const body = decoded.texts.join('').trim();
  const mediaUrls = urls.texts.map((u) => u.trim()).filter((u) => u !== '');
  if (body === '' && mediaUrls.length === 0) {
    ignored.push('an empty <Message>');
    return { ok: true };
  }
  return {
    ok: true,
    message: {
      body, media: mediaUrls,
      ...(attributes.to ? { to: attributes.to } : {}), ...(attributes.from ? { from: attributes.from } : {}),
      ...(attributes.statusCallback ? { statusCallback: attributes.statusCallback } : {}),
    },
  };
}

function decode(raws: string[]): { ok: true; texts: string[] } | { ok: false; why: string } {
  const texts: string[] = [];
  for (const raw of raws) {
    const d = decodeXmlText(raw);
    if (!d.ok) return d;
    texts.push(d.text);
  }
  return { ok: true, texts };
}

// preserveOrder gives each element as { Name: children[], ':@': attributes }, text as { '#text': … }.
function nameOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function childrenOf(node: Node): Node[] {
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as Node[]) : [];
}

function attributesOf(node: Node): Record<string, string> {
  const attrs = node[':@'];
  if (attrs === null || typeof attrs !== 'object') return {};
  return Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Text as written: entities still encoded (decoded later, once); CDATA sections are marked so they are not. */
function rawTextOf(node: Node): string {
  if (nameOf(node) === '#cdata') return escapeAmp(rawText(childrenOf(node)));
  const text = node['#text'];
  return typeof text === 'string' ? text : '';
}

function rawText(nodes: Node[]): string {
  return nodes.map((n) => (nameOf(n) === '#text' ? String(n['#text'] ?? '') : nameOf(n) === '#cdata' ? escapeAmp(rawText(childrenOf(n))) : '')).join('');
}

/** CDATA is literal: encode it so the one decoding pass gives it back unchanged. */
function escapeAmp(text: string): string {
  return text.replace(/&/g, '&amp;');
}
