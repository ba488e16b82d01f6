import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { EndpointCache } from '../webhooks/endpoint-cache.ts';
import type { InboundService } from '../inbound/inbound-service.ts';
import { Compliance } from './compliance-check.ts';
import { KeywordHandler } from './inbound/keyword-handler.ts';
import { ProgramService } from './programs/program-service.ts';
import { ConsentService } from './consent/consent-service.ts';
import type { SystemSender } from './replies.ts';

export interface ComplianceServices {
  /** The send path's check, at accept (SendService) and at claim (SendPipeline). */
  check: Compliance;
  programs: ProgramService;
  consents: ConsentService;
  /** Connects the parts that need the send service, which itself takes `check`. */
  attach(sender: SystemSender, inbound: Pick<InboundService, 'hook'>): void;
}

/** `enforce: false` (config compliance.enforce) turns the send checks off; keywords are still recorded and answered. */
export function complianceServices(store: Store, queue: JobQueue, endpoints: EndpointCache, clock: Clock, options: { enforce?: boolean } = {}): ComplianceServices {
  const announcer = { queue, endpoints };
  const check = new Compliance(store, announcer, options.enforce ?? true);
  return {
    check,
    programs: new ProgramService(store, clock),
    consents: new ConsentService(store, clock),
    attach(sender, inbound) {
      check.sender = sender;
      inbound.hook = new KeywordHandler(store, sender, announcer);
    },
  };
}
