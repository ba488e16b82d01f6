import { PormError } from '../../errors.ts';
import { MessageState } from './commands.ts';

// Delivery-receipt text (SMPP 3.4 Appendix B, informative, so real SMSCs vary):
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E Text:...
// The parser accepts any key case, fields in any order, dates with seconds or a 4-digit year,
// ids of any length and non-decimal err codes; `strict` additionally requires every field.

export interface DeliveryReceipt {
  readonly id: string | null;
  readonly sub: number | null;
  readonly dlvrd: number | null;
  readonly submitDate: Date | null;
  readonly doneDate: Date | null;
  /** The receipt word as sent, upper-cased (DELIVRD, UNDELIV, ...). */
  readonly stat: string | null;
  /** err as a number when it is decimal; `errRaw` keeps what was sent ("21b"). */
  readonly err: number | null;
  readonly errRaw: string | null;
  /** null when absent or empty. */
  readonly text: string | null;
}

const KEYS = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'] as const;
type Key = (typeof KEYS)[number];
const KEY_PATTERN = /(?:^|\s)(id|sub|dlvrd|submit date|done date|stat|err|text):/gi;

const STAT_STATES: Record<string, number> = {
  ENROUTE: MessageState.ENROUTE,
  DELIVRD: MessageState.DELIVERED, DELIVERED: MessageState.DELIVERED,
  EXPIRED: MessageState.EXPIRED,
  DELETED: MessageState.DELETED,
  UNDELIV: MessageState.UNDELIVERABLE, UNDELIVERABLE: MessageState.UNDELIVERABLE,
  ACCEPTD: MessageState.ACCEPTED, ACCEPTED: MessageState.ACCEPTED,
  UNKNOWN: MessageState.UNKNOWN,
  REJECTD: MessageState.REJECTED, REJECTED: MessageState.REJECTED,
};

/** The SMPP message_state of a receipt's stat word, or undefined for a word porm does not know. */
export function statMessageState(stat: string): number | undefined {
  return STAT_STATES[stat.toUpperCase()];
}

/** The receipt word SMPP 3.4 Appendix B uses for a message_state. */
export function messageStateStat(state: number): string {
  const words = ['UNKNOWN', 'ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'];
  return words[state] ?? 'UNKNOWN';
}

function malformed(message: string): PormError {
  return new PormError('PORM_SMPP_RECEIPT_MALFORMED', message);
}

function parseDate(key: string, v: string): Date | null {
  if (/^0+$/.test(v)) return null;
  const m = /^(\d{10}|\d{12}|\d{14})$/.exec(v);
  if (m === null) throw malformed(`${key} ${JSON.stringify(v)} is not YYMMDDhhmm, YYMMDDhhmmss or YYYYMMDDhhmmss`);
  let year: number;
  let rest: string;
  if (v.length === 14) {
    year = Number(v.slice(0, 4));
    rest = v.slice(4);
  } else {
    const yy = Number(v.slice(0, 2));
    // SMPP's two-digit years: receipts are recent, so 70-99 are the 1900s and the rest 2000s.
    year = yy >= 70 ? 1900 + yy : 2000 + yy;
    rest = v.slice(2);
  }
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((i) => Number(rest.slice(i, i + 2) || '0')) as [number, number, number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw malformed(`${key} ${JSON.stringify(v)} is not a real date`);
  return d;
}

function parseCount(key: string, v: string): number {
  if (!/^\d{1,10}$/.test(v)) throw malformed(`${key} ${JSON.stringify(v)} is not a decimal count`);
  return Number(v);
}

/** Parses receipt text. Throws PORM_SMPP_RECEIPT_MALFORMED when it has no receipt field at all, a field is unreadable, or (strict) one is missing. */
export function parseReceiptText(text: string, options: { strict?: boolean } = {}): DeliveryReceipt {
  const found = new Map<Key, string>();
  const matches = [...text.matchAll(KEY_PATTERN)];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const key = m[1]!.toLowerCase() as Key;
    if (found.has(key)) continue;
    const start = m.index + m[0].length;
    // text: runs to the end once every other field has been seen (it may itself contain
    // "err:" or "stat:"); before that, up to the next key, as in out-of-order receipts.
    const restIsText = key === 'text' && KEYS.every((k) => k === 'text' || found.has(k));
    const next = matches[i + 1];
    const end = restIsText || next === undefined ? text.length : next.index;
    found.set(key, text.slice(start, end));
    if (restIsText) break;
  }
  if (found.size === 0) throw malformed('no receipt field (id:, stat:, ...) in the text');
  if (options.strict === true) {
    const missing = KEYS.filter((k) => !found.has(k));
    if (missing.length > 0) throw malformed(`receipt text lacks ${missing.join(', ')}`);
  }
  const token = (k: Key): string | null => {
    const v = found.get(k);
    if (v === undefined) return null;
    const t = v.trim().split(/\s+/)[0] ?? '';
    return t === '' ? null : t;
  };
  const id = token('id');
  const sub = token('sub');
  const dlvrd = token('dlvrd');
  const submit = token('submit date');
  const done = token('done date');
  const stat = token('stat');
  const errRaw = token('err');
  const rawText = found.get('text');
  return {
    id,
    sub: sub === null ? null : parseCount('sub', sub),
    dlvrd: dlvrd === null ? null : parseCount('dlvrd', dlvrd),
    submitDate: submit === null ? null : parseDate('submit date', submit),
    doneDate: done === null ? null : parseDate('done date', done),
    stat: stat === null ? null : stat.toUpperCase(),
    err: errRaw !== null && /^\d+$/.test(errRaw) ? Number(errRaw) : null,
    errRaw,
    text: rawText === undefined || rawText.trim() === '' ? null : rawText.replace(/^ /, '').trimEnd(),
  };
}

export interface ReceiptFields {
  /** A number or bigint is zero-padded to 10 digits (the Appendix B width); a string is written as given. */
  readonly id: string | number | bigint | null;
  readonly sub?: number | null;
  readonly dlvrd?: number | null;
  readonly submitDate?: Date | null;
  readonly doneDate?: Date | null;
  readonly stat?: string | null;
  readonly err?: number | null;
  /** Written instead of `err` when set (keeps "21b" as it came). */
  readonly errRaw?: string | null;
  /** Cut to 20 characters, as Appendix B shows. */
  readonly text?: string | null;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function formatDate(d: Date | null | undefined): string {
  if (d === null || d === undefined) return '0000000000';
  return pad(d.getUTCFullYear() % 100, 2) + pad(d.getUTCMonth() + 1, 2) + pad(d.getUTCDate(), 2) + pad(d.getUTCHours(), 2) + pad(d.getUTCMinutes(), 2);
}

/** The Appendix B text for a receipt. */
export function formatReceiptText(r: ReceiptFields): string {
  const id = r.id === null ? '' : typeof r.id === 'string' ? r.id : r.id.toString().padStart(10, '0');
  const err = r.errRaw ?? pad(r.err ?? 0, 3);
  return `id:${id} sub:${pad(r.sub ?? 0, 3)} dlvrd:${pad(r.dlvrd ?? 0, 3)} submit date:${formatDate(r.submitDate)} done date:${formatDate(r.doneDate)} stat:${r.stat ?? 'UNKNOWN'} err:${err} text:${(r.text ?? '').slice(0, 20)}`;
}
