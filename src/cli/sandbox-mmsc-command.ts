import { Command } from 'commander';
import { createLogger } from '../logger.ts';
import { systemClock } from '../clock.ts';
import { randomBase62 } from '../ids.ts';
import { SandboxMmsc } from '../carriers/sandbox/sandbox-mmsc.ts';
import { SANDBOX_NUMBERS } from '../carriers/sandbox/test-numbers.ts';
import { fail } from './output.ts';
import { configFrom } from './context.ts';

interface Flags {
  port: number;
  host: string;
  username: string;
  password?: string;
  reportUrl?: string;
  reportUsername?: string;
  reportPassword?: string;
  deliveryDelayMs: number;
  submitLatencyMs: number;
  logLevel: string;
}

/**
 * `porm sandbox-mmsc`: the built-in MMSC simulator on its own, for testing any MM7 client
 * (porm on another machine, or your own VASP) against the documented test numbers.
 */
export function sandboxMmscCommand(): Command {
  return new Command('sandbox-mmsc')
    .description('run the MM7 MMSC simulator on its own (SubmitReq in, SubmitRsp and DeliveryReportReq out)')
    .option('--port <n>', 'port for the MM7 endpoint', (v) => Number.parseInt(v, 10), 7070)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--username <name>', 'user the VASP must authenticate as', 'vasp')
    .option('--password <secret>', 'its password (default: generated and printed)')
    .option('--report-url <url>', "where to POST DeliveryReportReq (e.g. porm's http://host:3000/mm7/<carrier>)")
    .option('--report-username <name>', 'basic-auth user for --report-url')
    .option('--report-password <secret>', 'basic-auth password for --report-url')
    .option('--delivery-delay-ms <n>', 'wait before sending a delivery report', (v) => Number.parseInt(v, 10), 1000)
    .option('--submit-latency-ms <n>', 'delay every SubmitRsp by this long', (v) => Number.parseInt(v, 10), 0)
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'info')
    .action(async (flags: Flags, command: Command) => {
      // The data directory follows the usual rules (--data, PORM_DATA_DIR, config file).
      const dataDir = configFrom(command).dataDir;
      if (flags.reportUrl && !/^https?:\/\//.test(flags.reportUrl)) fail('--report-url must be an http(s) URL');
      for (const [name, value, max] of [['--port', flags.port, 65535], ['--delivery-delay-ms', flags.deliveryDelayMs, 3_600_000], ['--submit-latency-ms', flags.submitLatencyMs, 60_000]] as const) {
        if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}`);
      }
      const password = flags.password ?? randomBase62(20);
      const log = createLogger({ logLevel: flags.logLevel as 'info' });
      const mmsc = new SandboxMmsc({
        name: 'standalone', dataDir, host: flags.host, port: flags.port, deliveryDelayMs: flags.deliveryDelayMs,
        submitLatencyMs: flags.submitLatencyMs, credentials: { username: flags.username, password },
      }, systemClock, log);
      try {
        await mmsc.listen();
      } catch (err) {
        fail(`cannot listen on ${flags.host}:${flags.port}: ${(err as Error).message}`, 'PORM_CLI_START_FAILED');
      }
      if (flags.reportUrl) mmsc.startReporting({ url: flags.reportUrl, username: flags.reportUsername ?? '', password: flags.reportPassword ?? '' });
      const say = (line = ''): boolean => process.stderr.write(`${line}\n`);
      say(`sandbox MMSC listening: MM7 endpoint ${mmsc.mm7Url}`);
      say(`  credentials  ${flags.username} / ${password}`);
      say(`  reports      ${flags.reportUrl ?? 'not sent (no --report-url); they are kept and sent once one is given'}`);
      say(`  handset      GET ${mmsc.url}/mms/<MessageID> serves the m-retrieve-conf`);
      say(`  test numbers ${Object.values(SANDBOX_NUMBERS).join(', ')}`);
      const stop = async (): Promise<void> => {
        await mmsc.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
