import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MM7_DELIVERY_MM_STATUSES, type Mm7DeliveryMmStatus } from '../../mms/mm7/index.ts';
import { MAX_CONTROL_BODY, type ControlAnswer, type ControlRefusal, type DeliverOrder, type ReportOrder } from './control-protocol.ts';

/** What the MMSC does for its control endpoint; a thrown ControlError becomes its refusal. */
export interface ControlActions {
  deliver(order: DeliverOrder): Promise<ControlAnswer>;
  report(order: ReportOrder): Promise<ControlAnswer>;
}

export class ControlError extends Error {
  constructor(readonly refusal: ControlRefusal['error'], message: string) {
    super(message);
  }
}

const STATUS_OF: Record<ControlRefusal['error'], number> = { unauthorized: 401, bad_request: 400, no_target: 503, unknown_message: 404, peer_failed: 502 };

/**
 * The sandbox MMSC's control endpoint (POST /control/deliver, /control/report), on its loopback
 * port. Only porm talks to it, but it checks what it is given all the same: the secret first, then
 * a JSON object of the documented shape; the bytes are checked again by porm's MM7 endpoint.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, secret: string, path: string, actions: ControlActions): Promise<void> {
  try {
    if (!authorized(req.headers.authorization, secret)) throw new ControlError('unauthorized', 'control secret required');
    // A JSON content type cannot be sent cross-origin without a preflight, which this endpoint never answers.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new ControlError('bad_request', 'application/json required');
    const body = await readJson(req);
    const answer = path === '/control/deliver' ? await actions.deliver(deliverOrder(body)) : await actions.report(reportOrder(body));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  } catch (err) {
    const refusal: ControlRefusal = err instanceof ControlError ? { error: err.refusal, message: err.message } : { error: 'peer_failed', message: (err as Error).message };
    if (!res.headersSent) res.writeHead(STATUS_OF[refusal.error], { 'content-type': 'application/json' });
    res.end(JSON.stringify(refusal));
  }
}

function authorized(header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTROL_BODY) throw new ControlError('bad_request', 'control request too large');
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ControlError('bad_request', 'body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ControlError('bad_request', 'body must be a JSON object');
  return value as Record<string, unknown>;
}

function text(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length > max) throw new ControlError('bad_request', `${name} must be a string of at most ${max} characters`);
  return value;
}

function deliverOrder(body: Record<string, unknown>): DeliverOrder {
  const parts = body.parts;
  if (!Array.isArray(parts) || parts.length > 10) throw new ControlError('bad_request', 'parts must be a list of at most 10');
  return {
    // Lengths in UTF-16 units, generous: porm counted characters before it asked.
    from: text(body, 'from', 32), to: text(body, 'to', 32), text: text(body, 'text', 20_000),
    subject: body.subject === null ? null : text(body, 'subject', 1000),
    parts: parts.map((part: unknown) => {
      if (typeof part !== 'object' || part === null) throw new ControlError('bad_request', 'a part must be an object');
      const p = part as Record<string, unknown>;
      return { contentType: text(p, 'contentType', 128), filename: text(p, 'filename', 128), base64: text(p, 'base64', MAX_CONTROL_BODY) };
    }),
  };
}

function reportOrder(body: Record<string, unknown>): ReportOrder {
  const mmStatus = text(body, 'mmStatus', 32);
  if (!MM7_DELIVERY_MM_STATUSES.includes(mmStatus as Mm7DeliveryMmStatus)) throw new ControlError('bad_request', `mmStatus must be one of ${MM7_DELIVERY_MM_STATUSES.join(', ')}`);
  return { carrierMessageId: text(body, 'carrierMessageId', 64), mmStatus: mmStatus as Mm7DeliveryMmStatus, statusText: text(body, 'statusText', 1000) };
}
