import { CommandStatus } from '../../sms/pdu/index.ts';

/** How a submit_sm answer's command_status is treated. */
export type StatusClass = 'accepted' | 'throttled' | 'transient' | 'permanent';

// Statuses that say "not now" rather than "never": the SMSC is busy, unbound or broken for a moment.
const TRANSIENT = new Set<number>([
  CommandStatus.ESME_RSYSERR, CommandStatus.ESME_RINVBNDSTS, CommandStatus.ESME_RX_T_APPN,
  CommandStatus.ESME_RDELIVERYFAILURE, CommandStatus.ESME_RUNKNOWNERR, CommandStatus.ESME_RSUBMITFAIL,
]);

export function classifyStatus(status: number): StatusClass {
  if (status === CommandStatus.ESME_ROK) return 'accepted';
  if (status === CommandStatus.ESME_RTHROTTLED || status === CommandStatus.ESME_RMSGQFUL) return 'throttled';
  return TRANSIENT.has(status) ? 'transient' : 'permanent';
}
