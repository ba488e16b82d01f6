import { createHash, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { PormError, isPormError } from '../../errors.ts';
import { MAX_RELATIVE_SECONDS, formatAbsoluteTime, formatRelativeTime, statusName, type Address, type PduBodies } from '../../sms/pdu/index.ts';
import { planSms, type SmsPlan } from '../../sms/text/index.ts';
import type { Carrier, CarrierHealth, Channel, OutboundMessage, SubmitResult } from '../carrier.ts';
import { MemorySmsProgress, type SmsSubmitProgress } from '../sms-submit-progress.ts';
import type { BindPool } from './bind-pool.ts';
import { Pacer } from './pacer.ts';
import type { RequestResult, SmppSession } from './session.ts';
import { classifyStatus } from './submit-status.ts';
import type { SmppCarrierConfig } from './smpp-type.ts';

// Submits one message as its segments, in parallel over the binds' windows, paced to the
// connector's submits per second. Each segment of a concatenated message the SMSC takes is
// recorded durably (SmsSubmitProgress) as soon as it is taken, so that a throttle or a missing
// answer on segment 3 (or a crash of porm in between) makes the pipeline requeue the message and
// the next attempt, here or in another process after a restart, send only what is still missing,
// with the same concatenation reference: the handset gets each part once. The timeline notes it.

type SegmentEnd =
  | { kind: 'accepted'; id: string }
  | { kind: 'throttled'; message: string }
  | { kind: 'transient'; message: string; carrierCode?: string }
  | { kind: 'permanent'; message: string; carrierCode: string };

export class SmppCarrier implements Carrier {
  readonly type = 'smpp';
  readonly channels: readonly Channel[] = ['sms'];
  private readonly pacer: Pacer;

  constructor(
    readonly name: string,
    private readonly config: SmppCarrierConfig,
    private readonly pool: BindPool,
    private readonly log: Logger,
    private readonly progress: SmsSubmitProgress = new MemorySmsProgress(),
    private readonly now: () => number = Date.now,
  ) {
    this.pacer = new Pacer(config.rateLimit?.perSecond);
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {}

  health(): CarrierHealth {
    return this.pool.health();
  }

  onHealthChange(listener: () => void): void {
    this.pool.onHealthChange(listener);
  }

  async submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult> {
    let planned: { plan: SmsPlan; source: Address; done: ReadonlyMap<number, string>; digest: string };
    try {
      planned = await this.planned(message);
    } catch (err) {
      if (isPormError(err)) return { outcome: 'permanent', errorCode: err.code, message: err.message };
      throw err;
    }
    const { plan, source, done, digest } = planned;
    const validityPeriod = this.validityPeriod(message);
    const concatenated = plan.segments > 1;
    const ends = await Promise.all(plan.parts.map((part, i) => {
      const id = done.get(i);
      if (id !== undefined) return Promise.resolve<SegmentEnd>({ kind: 'accepted', id });
      return this.submitSegment(this.body(message, source, plan, part, validityPeriod), signal).then(async (end) => {
        if (end.kind === 'accepted' && concatenated) {
          await this.progress.accepted(this.name, message.id, { seq: i, total: plan.segments, reference: plan.reference ?? 0, digest, smscId: end.id });
        }
        return end;
      });
    }));
    const permanent = ends.find((e) => e.kind === 'permanent');
    const accepted = ends.filter((e) => e.kind === 'accepted');
    if (permanent !== undefined) {
      if (concatenated) await this.progress.forget(message.id);
      return { outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: permanent.message, carrierCode: permanent.carrierCode };
    }
    if (accepted.length === ends.length) {
      const ids = accepted.map((e) => e.id);
      return { outcome: 'accepted', carrierMessageId: ids[0]!, duplicate: false, segmentIds: ids };
    }
    const partial = accepted.length > 0 ? ` (${accepted.length} of ${ends.length} segments taken; the rest follow)` : '';
    const throttled = ends.find((e) => e.kind === 'throttled');
    if (throttled !== undefined) return { outcome: 'throttled', retryAfterMs: this.config.throttlePauseMs, message: `${throttled.message}${partial}` };
    const transient = ends.find((e) => e.kind === 'transient');
    const exhausted = this.pool.lastBindErrorCode();
    return {
      outcome: 'transient', message: `${transient?.kind === 'transient' ? transient.message : 'not submitted'}${partial}`,
      ...(transient?.kind === 'transient' && transient.carrierCode ? { carrierCode: transient.carrierCode } : {}),
      ...(exhausted !== undefined && this.pool.transmitters().length === 0 ? { exhaustedCode: exhausted } : {}),
    };
  }

  /**
   * The segments to send: a fresh plan with a random reference, or, when an earlier attempt got
   * some segments of this very plan accepted, the same plan again (same reference) and which
   * segments are done. The resumption is noted on the timeline before anything is resent.
   */
  private async planned(message: OutboundMessage): Promise<{ plan: SmsPlan; source: Address; done: ReadonlyMap<number, string>; digest: string }> {
    const source = sourceAddress(message.from, this.config.source);
    const fresh = planSms(message.body, { coding: this.config.dataCoding, reference: randomInt(0, 256) });
    if (fresh.segments === 1) return { plan: fresh, source, done: new Map(), digest: '' };
    const stored = await this.progress.load(this.name, message.id);
    if (stored !== undefined && stored.carrier === this.name && stored.total === fresh.segments && stored.accepted.size > 0) {
      const again = planSms(message.body, { coding: this.config.dataCoding, reference: stored.reference });
      const digest = partsDigest(again);
      if (digest === stored.digest) {
        const done = new Map([...stored.accepted].filter(([seq]) => seq < again.segments));
        const all = Array.from({ length: again.segments }, (_, i) => i);
        await this.progress.resumed(message.id, {
          carrier: this.name, reference: stored.reference, total: again.segments,
          alreadyAccepted: all.filter((i) => done.has(i)).map((i) => i + 1), resubmitted: all.filter((i) => !done.has(i)).map((i) => i + 1),
        });
        return { plan: again, source, done, digest };
      }
    }
    // Another plan (the text or coding changed), another connector: what it took is not resumable.
    if (stored !== undefined) await this.progress.forget(message.id);
    return { plan: fresh, source, done: new Map(), digest: partsDigest(fresh) };
  }

  private body(message: OutboundMessage, source: Address, plan: SmsPlan, part: Buffer, validityPeriod: string): PduBodies['submit_sm'] {
    const c = this.config;
    return {
      serviceType: c.serviceType,
      source,
      destination: { ton: c.destination.ton, npi: c.destination.npi, address: message.to.replace(/^\+/, '') },
      esmClass: plan.udhi ? 0x40 : 0,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: '',
      validityPeriod,
      registeredDelivery: c.registeredDelivery ? 1 : 0,
      replaceIfPresentFlag: 0,
      dataCoding: plan.dataCoding,
      smDefaultMsgId: 0,
      shortMessage: part,
      tlvs: [],
    };
  }

  /**
   * validity_period of the message's segments: what is left of its own validity (`expires_at`),
   * else the connector's default, else empty (the SMSC's default).
   */
  private validityPeriod(message: OutboundMessage): string {
    const now = this.now();
    if (message.expiresAt !== null) {
      if (this.config.validityFormat === 'absolute') return formatAbsoluteTime(Math.max(message.expiresAt, now + 1000));
      return formatRelativeTime(Math.min(MAX_RELATIVE_SECONDS, Math.max(1, Math.ceil((message.expiresAt - now) / 1000))));
    }
    const seconds = this.config.validityPeriod;
    if (seconds === undefined) return '';
    return this.config.validityFormat === 'absolute' ? formatAbsoluteTime(now + seconds * 1000) : formatRelativeTime(seconds);
  }

  private async submitSegment(body: PduBodies['submit_sm'], signal: AbortSignal | undefined): Promise<SegmentEnd> {
    const sent = await this.slot(signal, (session) => ({ session, answer: session.request({ command: 'submit_sm', body }, signal) }));
    if (typeof sent === 'string') return { kind: 'transient', message: sent };
    return this.segmentEnd(sent.session, await raceAbort(sent.answer, signal));
  }

  /**
   * Runs `send` on a bound transmitter with room in its window, paced; or says why there is none
   * in time. `send` runs in the same synchronous stretch as the pick: returning the session and
   * requesting after an await let every segment waiting at that moment pick the same last window
   * slot, and all but one came back `window full`, i.e. a retry with backoff (the pipeline-sms
   * bench showed two in five messages retried that way).
   */
  private async slot<T>(signal: AbortSignal | undefined, send: (session: SmppSession) => T): Promise<T | string> {
    const deadline = Date.now() + this.config.submitWaitMs;
    for (;;) {
      if (signal?.aborted === true) return 'aborted (shutting down)';
      const now = Date.now();
      const session = this.pool.pick(now);
      if (session !== undefined) {
        const wait = this.pacer.take();
        if (wait === 0) return send(session);
        await sleep(Math.min(wait, Math.max(1, deadline - now)), signal);
      } else {
        if (now >= deadline) {
          const why = this.pool.lastBindErrorCode();
          return this.pool.transmitters().length === 0 ? `no SMPP bind to ${this.config.host}:${this.config.port} is up${why !== undefined ? ` (last bind attempt: ${why})` : ''}` : 'every SMPP bind is paused or its window is full';
        }
        await Promise.race([this.pool.change(Math.max(1, Math.min(deadline - now, this.nearestUnpause(now)))), abortPromise(signal)]);
      }
    }
  }

  private nearestUnpause(now: number): number {
    const paused = this.pool.transmitters().map((s) => s.pausedUntil - now).filter((ms) => ms > 0);
    return paused.length === 0 ? this.config.submitWaitMs : Math.min(...paused);
  }

  private segmentEnd(session: SmppSession, result: RequestResult): SegmentEnd {
    switch (result.kind) {
      case 'not-sent': return { kind: 'transient', message: `submit_sm not sent: ${result.reason}` };
      case 'timeout': return { kind: 'transient', message: `no submit_sm_resp within ${this.config.requestTimeoutMs} ms` };
      case 'closed': return { kind: 'transient', message: `bind lost before submit_sm_resp (${result.reason})` };
      case 'response': break;
    }
    const { pdu } = result;
    const status = pdu.commandStatus;
    const code = statusName(status);
    switch (pdu.command === 'generic_nack' && status === 0 ? 'transient' : classifyStatus(status)) {
      case 'accepted': {
        const id = pdu.command === 'submit_sm_resp' ? pdu.body.messageId : null;
        if (id === null || id.trim() === '') {
          this.log.warn('submit_sm_resp ESME_ROK without a message_id: receipts for it cannot be matched');
          return { kind: 'accepted', id: `none:${Date.now().toString(36)}:${randomInt(0, 2 ** 32).toString(36)}` };
        }
        return { kind: 'accepted', id: id.trim() };
      }
      case 'throttled':
        session.pausedUntil = Date.now() + this.config.throttlePauseMs;
        return { kind: 'throttled', message: `SMSC answered ${code}` };
      case 'transient': return { kind: 'transient', message: `SMSC answered ${code}`, carrierCode: code };
      case 'permanent': return { kind: 'permanent', message: `SMSC refused the submit: ${code}`, carrierCode: code };
    }
  }
}

/** source_addr: digits of an E.164 number with the configured TON/NPI; an alphanumeric sender id as TON 5, NPI 0. */
export function sourceAddress(from: string, defaults: { ton: number; npi: number }): Address {
  const bare = from.replace(/^\+/, '');
  if (/^\d+$/.test(bare)) {
    // Short codes are national numbers.
    if (!from.startsWith('+') && bare.length <= 8) return { ton: 3, npi: 0, address: bare };
    return { ton: defaults.ton, npi: defaults.npi, address: bare };
  }
  if (bare.length > 20) throw new PormError('PORM_INVALID_NUMBER', `sender ${JSON.stringify(from)} is too long for SMPP source_addr`);
  return { ton: 5, npi: 0, address: bare };
}

/** Identifies a plan by its bytes (coding, UDH with reference, user data): equal digests send equal PDUs. */
function partsDigest(plan: SmsPlan): string {
  const h = createHash('sha256').update(String(plan.dataCoding));
  for (const part of plan.parts) h.update(String(part.length)).update(part);
  return h.digest('hex').slice(0, 32);
}

function abortPromise(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

async function raceAbort(request: Promise<RequestResult>, signal: AbortSignal | undefined): Promise<RequestResult> {
  if (signal === undefined) return request;
  // An answer that comes after the abort is logged by the session and dropped; the message stays
  // unsent for porm and is retried, which may send it twice: the price of stopping promptly.
  return Promise.race([request, abortPromise(signal).then((): RequestResult => ({ kind: 'closed', reason: 'aborted (shutting down)' }))]);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return Promise.race([new Promise<void>((r) => setTimeout(r, ms)), abortPromise(signal)]);
}
