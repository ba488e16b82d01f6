import type { Logger } from 'pino';
import type { CarrierEvents, WapPush } from '../carrier-events.ts';
import { decodeWapPushMmsReport, WapPushError } from './wap-push-report.ts';

// Where a WAP Push an SMS connector received goes: to the mm1 carrier whose SIM it was sent to.
// The mm1 carrier is chosen by the SMS's destination number (its `msisdn`) and, when it names
// one, by the SMS connector (`reportsVia`); its name is the `carrier` of the report, so the
// report can match only a message that carrier sent (Message-IDs are the MMSC's, scoped to it),
// never one of another account's SIM or another connector's MMSC.

export interface Mm1ReportTarget {
  /** The mm1 carrier's name. */
  name: string;
  msisdn: string;
  reportsVia?: string | undefined;
}

type ReportSink = Pick<CarrierEvents, 'deliveryReport' | 'readReport'>;

export class Mm1Reports {
  constructor(
    private readonly targets: readonly Mm1ReportTarget[],
    private readonly events: ReportSink,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The mm1 carriers of a configuration, in the order they are configured. */
  static targetsOf(carriers: Readonly<Record<string, { type: string; msisdn?: string; reportsVia?: string | undefined }>>): Mm1ReportTarget[] {
    const targets: Mm1ReportTarget[] = [];
    for (const [name, c] of Object.entries(carriers)) {
      if (c.type === 'mm1' && c.msisdn !== undefined) targets.push({ name, msisdn: c.msisdn, reportsVia: c.reportsVia });
    }
    return targets;
  }

  /**
   * Resolves once the report is recorded (a rejection makes the SMSC resend). A push porm can
   * never use (no mm1 carrier for its number, unreadable, not MMS) is logged with its code and
   * taken, since sending it again would not make it usable.
   */
  readonly receive = async (push: WapPush): Promise<void> => {
    const where = { smsCarrier: push.carrier, from: push.from, to: push.to, bytes: push.payload.length };
    const target = this.targets.find((t) => t.msisdn === push.to && (t.reportsVia === undefined || t.reportsVia === push.carrier));
    if (target === undefined) {
      this.log.warn({ ...where, code: 'PORM_MM1_PUSH_UNROUTED' }, 'a WAP Push arrived for a number no mm1 carrier takes reports for; dropped');
      return;
    }
    let decoded;
    try {
      decoded = decodeWapPushMmsReport(push.payload, target.name, this.now());
    } catch (err) {
      if (!(err instanceof WapPushError)) throw err;
      this.log.warn({ ...where, carrier: target.name, code: err.code, payloadHex: push.payload.subarray(0, 512).toString('hex') }, `WAP Push not used: ${err.message}`);
      return;
    }
    switch (decoded.kind) {
      case 'delivery':
        await this.events.deliveryReport(decoded.report);
        return;
      case 'read':
        await this.events.readReport(decoded.report);
        return;
      case 'delivery-interim':
        this.log.info({ ...where, carrier: target.name, carrierMessageId: decoded.carrierMessageId, status: decoded.status }, 'interim MMS delivery report; no change');
        return;
      case 'other':
        this.log.warn({ ...where, carrier: target.name, messageType: decoded.messageType }, 'a WAP Push MMS PDU that is not a report (porm takes no MMS for the SIM over MM1); dropped');
        return;
    }
  };
}
