import type { Connector, ConnectorContext } from '../connector-type.ts';
import { Mm4Carrier } from './mm4-carrier.ts';
import { Mm4Listener } from './mm4-listener.ts';
import type { Mm4CarrierConfig } from './mm4-type.ts';
import { SmtpSender } from './smtp-sender.ts';

/**
 * Builds one `mm4` connector: the SMTP client that forwards MMS where workers run, and the SMTP
 * listener for the peer's answers, reports and inbound MMS where the API runs (it is porm's
 * inbound side, like an MM7 connector's HTTP endpoint). Answers porm owes the peer go out over
 * their own SMTP pool so the API role needs no worker.
 */
export async function create(context: ConnectorContext<Mm4CarrierConfig>): Promise<Connector> {
  const { name, config, log } = context;
  const outbound = context.role !== 'api' ? new Mm4Carrier(name, config, log) : undefined;
  let listener: Mm4Listener | undefined;
  let answers: SmtpSender | undefined;
  if (context.role !== 'worker') {
    const sender = new SmtpSender({ ...config.smtp, maxConnections: 1, heloName: config.domain });
    answers = sender;
    listener = new Mm4Listener({
      carrier: name, config, events: context.events, log,
      async answer(mail) {
        const sent = await sender.send(mail);
        if (sent.kind !== 'sent') throw new Error(sent.kind === 'failed' ? sent.reason : `${sent.code} ${sent.response}`);
      },
    });
    const port = await listener.start();
    log.info({ carrier: name, host: config.listen.host, port }, 'MM4 listener ready');
  }
  return {
    ...(outbound ? { outbound } : {}),
    async close() {
      await outbound?.close();
      await listener?.close();
      answers?.close();
    },
  };
}
