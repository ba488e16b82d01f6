import type { Logger } from 'pino';
import { CommandStatus, type Pdu } from '../../sms/pdu/index.ts';
import type { CarrierEvents } from '../carrier-events.ts';
import type { Connector, ConnectorContext } from '../connector-type.ts';
import { BindPool } from './bind-pool.ts';
import { classifyDeliver } from './deliver.ts';
import { SmppCarrier } from './smpp-carrier.ts';
import type { SmppCarrierConfig } from './smpp-type.ts';

/**
 * Builds one `smpp` connector: its binds to the SMSC and the carrier that submits over them.
 * Receipts and MO arrive over the same binds, so only processes that run workers bind; an
 * API-only process builds nothing.
 */
export async function create(context: ConnectorContext<SmppCarrierConfig>): Promise<Connector> {
  if (context.role === 'api') return { async close() {} };
  return openSmpp(context.name, context.config, context.events, context.log);
}

export function openSmpp(name: string, config: SmppCarrierConfig, events: CarrierEvents, log: Logger): Connector & { readonly outbound: SmppCarrier; readonly pool: BindPool } {
  const pool = new BindPool(config, log, (pdu) => onDelivery(name, pdu, events, log));
  const outbound = new SmppCarrier(name, config, pool, log, events.smsProgress);
  pool.start();
  return {
    outbound,
    pool,
    async close() {
      await pool.close();
    },
  };
}

/**
 * A deliver_sm / data_sm from the SMSC, stored before it is answered: ESME_ROK only once the
 * receipt, message or part is durable; a storage failure answers ESME_RX_T_APPN so the SMSC
 * sends it again. A receipt for an id porm does not know is kept (parked) and answered ROK.
 */
export async function onDelivery(carrier: string, pdu: Pdu, events: CarrierEvents, log: Logger): Promise<number> {
  const delivered = classifyDeliver(pdu, carrier, Date.now());
  switch (delivered.kind) {
    case 'receipt':
      await events.deliveryReport(delivered.report);
      return CommandStatus.ESME_ROK;
    case 'intermediate':
      log.debug({ smscId: delivered.smscId, state: delivered.state }, 'intermediate SMSC notification');
      return CommandStatus.ESME_ROK;
    case 'mo':
      await events.inbound(delivered.message);
      return CommandStatus.ESME_ROK;
    case 'part':
      if (events.inboundPart === undefined) {
        log.error('a concatenated SMS part arrived but this process stores none; asking the SMSC to resend');
        return CommandStatus.ESME_RX_T_APPN;
      }
      await events.inboundPart(delivered.part);
      return CommandStatus.ESME_ROK;
    case 'push':
      if (events.wapPush === undefined) {
        log.error('a WAP Push SMS arrived but this process takes none; asking the SMSC to resend');
        return CommandStatus.ESME_RX_T_APPN;
      }
      await events.wapPush(delivered.push);
      return CommandStatus.ESME_ROK;
    case 'unusable':
      log.warn({ command: pdu.command, reason: delivered.reason }, 'SMPP delivery porm cannot use; refused');
      return CommandStatus.ESME_RX_P_APPN;
  }
}
