import type { Services } from '../services.ts';
import { handsetPlayer } from '../main.ts';
import { controlFilePath, readControlFile } from '../carriers/sandbox/control-file.ts';
import type { SmsHandset } from '../carriers/connector-type.ts';
import type { HandsetPlayer } from '../handset/handset-player.ts';
import { controlSmsHandset } from '../handset/control-sms-handset.ts';

/**
 * The handset player of a CLI process: the sandbox MMSC and SMSC run inside `porm start` (another
 * process), which wrote each one's control address and secret into the data directory.
 */
export function cliHandsetPlayer(services: Services): HandsetPlayer {
  const control = (carrier: string) => readControlFile(controlFilePath(services.config.dataDir, carrier));
  const smsHandsets = new Map<string, SmsHandset>();
  for (const [name, carrier] of Object.entries(services.config.carriers)) {
    if (carrier.type === 'sandbox-smsc') smsHandsets.set(name, controlSmsHandset(name, () => control(name)));
  }
  return handsetPlayer(services, control, smsHandsets);
}
