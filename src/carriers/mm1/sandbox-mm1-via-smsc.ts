import { statusName } from '../../sms/pdu/index.ts';
import type { SandboxSmsc } from '../sandbox-smsc/sandbox-smsc.ts';
import type { SandboxMm1Push } from './sandbox-mm1-mmsc.ts';

/**
 * The sandbox MM1 MMSC's report path: each report goes to the SIM as WAP Push in MO SMS from the
 * sandbox SMSC to its bound ESME (porm's smpp carrier). Parts the ESME refuses (deliver_sm_resp
 * not ESME_ROK) or no bound receiver make the send fail, so the MMSC tries again later.
 */
export function reportsViaSandboxSmsc(smsc: SandboxSmsc, options: { systemId?: string; maxUserData?: number } = {}): (push: SandboxMm1Push) => Promise<void> {
  return async (push) => {
    const result = await smsc.injectWapPush({
      from: push.from, to: push.to, payload: push.payload,
      ...(options.systemId !== undefined ? { systemId: options.systemId } : {}),
      ...(options.maxUserData !== undefined ? { maxUserData: options.maxUserData } : {}),
    });
    const refused = result.parts.find((p) => p.status !== 0);
    if (refused) throw new Error(`the ESME answered the WAP Push SMS with ${statusName(refused.status)}`);
  };
}
