import { PormError } from '../errors.ts';
import { CommandStatus } from '../sms/pdu/index.ts';
import type { SmsHandset } from '../carriers/connector-type.ts';
import type { MmscControl } from '../carriers/sandbox/control-file.ts';
import type { ControlResult } from './mmsc-control-client.ts';
import { callMmscControl } from './mmsc-control-client.ts';

// The handset of a sandbox SMSC that runs in another process (`porm start` next door), reached
// through its control endpoint (src/carriers/sandbox-smsc/smsc-control.ts): a deliver order
// becomes MO deliver_sm to porm, a report order an SMPP receipt sent at once. What the CLI's
// `porm sandbox reply --carrier <sandbox-smsc>` and `porm sandbox fail` use.

/** The control answer's status text is the SMPP status name porm answered with (statusName). */
/** ESME_RSYSERR, when the answer does not say which status. */
const REFUSED = CommandStatus.ESME_RSYSERR;

function statusOf(result: ControlResult, carrier: string): number {
  if (!result.ok) {
    const { error, message } = result.refusal;
    if (error === 'no_target') throw new PormError('PORM_SANDBOX_NOT_RUNNING', `the sandbox SMSC of carrier ${carrier} has no porm bound to it: ${message}`);
    if (error === 'unknown_message') throw new PormError('PORM_SANDBOX_MESSAGE_NOT_ACCEPTED', message);
    throw new PormError('PORM_SANDBOX_DELIVER_REFUSED', `the sandbox SMSC refused the order: ${message}`);
  }
  const { code, text } = result.answer.status;
  if (code === 1000) return 0;
  const named = Object.entries(CommandStatus).find(([name]) => name === text);
  if (named !== undefined) return named[1];
  const hex = /^0x([0-9a-f]+)$/i.exec(text ?? '');
  return hex ? Number.parseInt(hex[1]!, 16) : REFUSED;
}

export function controlSmsHandset(carrier: string, control: () => MmscControl | undefined): SmsHandset {
  const reach = (): MmscControl => {
    const c = control();
    if (c === undefined) throw new PormError('PORM_SANDBOX_NOT_RUNNING', `the sandbox SMSC of carrier ${carrier} is not running on this data directory (start porm first)`);
    return c;
  };
  return {
    async injectMo(order) {
      const result = await callMmscControl(reach(), { deliver: { from: order.from, to: order.to, subject: null, text: order.text, parts: [] } });
      return { parts: [statusOf(result, carrier)] };
    },
    async fail(smscId, stat) {
      const result = await callMmscControl(reach(), { report: { carrierMessageId: smscId, mmStatus: stat === 'EXPIRED' ? 'Expired' : 'Rejected', statusText: '' } });
      return statusOf(result, carrier);
    },
  };
}
