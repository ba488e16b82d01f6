import { PormError } from '../errors.ts';
import type { MmscControl } from '../carriers/sandbox/control-file.ts';
import type { ControlAnswer, ControlRefusal, DeliverOrder, ReportOrder } from '../carriers/sandbox/control-protocol.ts';

/** The sandbox MMSC's answer, or its refusal when it took nothing (unknown message, no target yet). */
export type ControlResult = { ok: true; answer: ControlAnswer } | { ok: false; refusal: ControlRefusal };

const TIMEOUT_MS = 30_000;

/**
 * Talks to a running sandbox MMSC's control endpoint (loopback JSON, bearer secret). Whether the
 * MMSC is a thread of this process or of a `porm start` next door makes no difference here.
 */
export async function callMmscControl(control: MmscControl, order: { deliver: DeliverOrder } | { report: ReportOrder }): Promise<ControlResult> {
  const path = 'deliver' in order ? '/control/deliver' : '/control/report';
  let res: Response;
  try {
    res = await fetch(`${control.url}${path}`, {
      method: 'POST', body: JSON.stringify('deliver' in order ? order.deliver : order.report),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${control.secret}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new PormError('PORM_SANDBOX_NOT_RUNNING', `the sandbox MMSC at ${control.url} did not answer (${(err as Error).message}); is \`porm start\` running on this data directory?`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status === 200 && isAnswer(body)) return { ok: true, answer: body };
  if (isRefusal(body)) {
    // A secret that is not this MMSC's: the control file outlived the run that wrote it.
    if (body.error === 'unauthorized') throw new PormError('PORM_SANDBOX_NOT_RUNNING', `the sandbox MMSC at ${control.url} is not the one that wrote the control file; restart porm`);
    return { ok: false, refusal: body };
  }
  throw new PormError('PORM_SANDBOX_NOT_RUNNING', `${control.url} answered HTTP ${res.status}, not as a sandbox MMSC`);
}

function isAnswer(value: unknown): value is ControlAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { transactionId, status } = value as Record<string, unknown>;
  return typeof transactionId === 'string' && typeof status === 'object' && status !== null && typeof (status as Record<string, unknown>).code === 'number';
}

function isRefusal(value: unknown): value is ControlRefusal {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).error === 'string' && typeof (value as Record<string, unknown>).message === 'string';
}
