import { Command } from 'commander';
import { createLogger } from '../logger.ts';
import { randomBase62 } from '../ids.ts';
import { SandboxMm1Mmsc } from '../carriers/mm1/sandbox-mm1-mmsc.ts';
import { reportsViaSandboxSmsc } from '../carriers/mm1/sandbox-mm1-via-smsc.ts';
import { SandboxSmsc } from '../carriers/sandbox-smsc/sandbox-smsc.ts';
import { SANDBOX_NUMBERS } from '../carriers/sandbox/test-numbers.ts';
import { fail } from './output.ts';

interface Flags {
  port: number;
  smppPort: number;
  host: string;
  msisdn: string;
  systemId: string;
  password?: string;
  reportDelayMs: number;
  logLevel: string;
}

/**
 * `porm sandbox-mm1`: a sandbox operator network for an `mm1` carrier, on its own. An MMSC over
 * HTTP takes m-send-req and answers m-send-conf by the MM7 sandbox's test numbers; its delivery
 * reports go to the SIM as WAP Push in MO SMS (port 2948) from a sandbox SMSC, which porm's
 * `smpp` carrier binds to (the mm1 carrier's `reportsVia`).
 */
export function sandboxMm1Command(): Command {
  return new Command('sandbox-mm1')
    .description('run a sandbox MM1 MMSC on its own (m-send-req over HTTP; delivery reports as WAP Push SMS from a sandbox SMSC)')
    .option('--port <n>', 'HTTP port of the MMSC (0 picks a free one)', (v) => Number.parseInt(v, 10), 8514)
    .option('--smpp-port <n>', 'SMPP port of the SMSC the reports come from (0 picks a free one)', (v) => Number.parseInt(v, 10), 2777)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--msisdn <e164>', "the SIM's number (the mm1 carrier's msisdn): reports are sent to it", '+14155550170')
    .option('--system-id <id>', 'system_id porm binds to the SMSC with (at most 15 characters)', 'porm')
    .option('--password <secret>', 'its password, at most 8 characters (default: generated and printed)')
    .option('--report-delay-ms <n>', 'wait before sending a delivery report', (v) => Number.parseInt(v, 10), 1000)
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .action(async (flags: Flags) => {
      for (const [name, value, max] of [['--port', flags.port, 65535], ['--smpp-port', flags.smppPort, 65535], ['--report-delay-ms', flags.reportDelayMs, 3_600_000]] as const) {
        if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}`);
      }
      if (!/^\+[1-9][0-9]{6,14}$/.test(flags.msisdn)) fail('--msisdn must be an E.164 number: + and 7 to 15 digits');
      if (!/^[\x21-\x7e]{1,15}$/.test(flags.systemId)) fail('--system-id must be 1 to 15 printable ASCII characters');
      if (flags.password !== undefined && !/^[\x21-\x7e]{1,8}$/.test(flags.password)) fail('--password must be 1 to 8 printable ASCII characters');
      const password = flags.password ?? randomBase62(8);
      const log = createLogger({ logLevel: flags.logLevel as 'info' });
      let smsc: SandboxSmsc;
      let mmsc: SandboxMm1Mmsc;
      let url: string;
      try {
        smsc = await SandboxSmsc.start({ host: flags.host, port: flags.smppPort, credentials: { systemId: flags.systemId, password }, log });
        mmsc = new SandboxMm1Mmsc({ msisdn: flags.msisdn, reportDelayMs: flags.reportDelayMs, reports: reportsViaSandboxSmsc(smsc) });
        url = await mmsc.start(flags.port, flags.host);
      } catch (err) {
        fail(`cannot listen on ${flags.host}: ${(err as Error).message}`, 'PORM_CLI_START_FAILED');
      }
      const host = smsc.host.includes(':') ? `[${smsc.host}]` : smsc.host;
      const say = (line: string): boolean => process.stdout.write(`${line}\n`);
      say(`sandbox MM1 MMSC listening: ${url} (m-send-req in, m-send-conf out)`);
      say(`  reports      m-delivery-ind as WAP Push SMS (port 2948) to ${flags.msisdn}, ${flags.reportDelayMs} ms after m-send-conf`);
      say(`  report SMSC  smpp://${host}:${smsc.port} system_id ${flags.systemId} / password ${password}`);
      say(`  test numbers ${Object.entries(SANDBOX_NUMBERS).map(([k, v]) => `${v} (${k})`).join(', ')}`);
      const stop = async (): Promise<void> => {
        await mmsc.close();
        await smsc.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
