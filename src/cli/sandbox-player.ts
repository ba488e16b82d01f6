import type { Services } from '../services.ts';
import { handsetPlayer } from '../main.ts';
import { controlFilePath, readControlFile } from '../carriers/sandbox/control-file.ts';
import type { HandsetPlayer } from '../handset/handset-player.ts';

/**
 * The handset player of a CLI process: the sandbox MMSC runs inside `porm start` (another
 * process), which wrote its control address and secret into the data directory.
 */
export function cliHandsetPlayer(services: Services): HandsetPlayer {
  return handsetPlayer(services, (carrier) => readControlFile(controlFilePath(services.config.dataDir, carrier)));
}
