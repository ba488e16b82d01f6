import { Command } from 'commander';
import { createLogger } from '../logger.ts';
import { randomBase62 } from '../ids.ts';
import { SandboxSmsc } from '../carriers/sandbox-smsc/sandbox-smsc.ts';
import { loadSmscTls } from '../carriers/sandbox-smsc/smsc-tls.ts';
import { isPormError } from '../errors.ts';
import { SMS_SANDBOX_NUMBERS } from '../carriers/sandbox-smsc/sms-test-numbers.ts';
import { fail } from './output.ts';

interface Flags {
  port: number;
  host: string;
  systemId: string;
  password?: string;
  deliveryDelayMs: number;
  tlsKey?: string;
  tlsCert?: string;
  logLevel: string;
}

/**
 * `porm sandbox-smsc`: the built-in SMPP 3.4 SMSC on its own, for testing any SMPP client (porm
 * on another machine, Kannel, your own ESME) against the documented test numbers.
 */
export function sandboxSmscCommand(): Command {
  return new Command('sandbox-smsc')
    .description('run the SMPP 3.4 SMSC simulator on its own (binds, submit_sm, delivery receipts)')
    .option('--port <n>', 'SMPP port to listen on (0 picks a free one)', (v) => Number.parseInt(v, 10), 2775)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--system-id <id>', 'system_id the ESME must bind with (at most 15 characters)', 'esme')
    .option('--password <secret>', 'its password, at most 8 characters (default: generated and printed)')
    .option('--delivery-delay-ms <n>', 'wait before sending a delivery receipt', (v) => Number.parseInt(v, 10), 1000)
    .option('--tls-key <file>', 'PEM private key: listen with SMPP over TLS (with --tls-cert)')
    .option('--tls-cert <file>', 'PEM certificate (chain) for --tls-key')
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'info')
    .action(async (flags: Flags) => {
      for (const [name, value, max] of [['--port', flags.port, 65535], ['--delivery-delay-ms', flags.deliveryDelayMs, 3_600_000]] as const) {
        if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}`);
      }
      // SMPP 3.4 C-octet strings: system_id 16 and password 9 octets with their NUL.
      if (!/^[\x21-\x7e]{1,15}$/.test(flags.systemId)) fail('--system-id must be 1 to 15 printable ASCII characters');
      if (flags.password !== undefined && !/^[\x21-\x7e]{1,8}$/.test(flags.password)) fail('--password must be 1 to 8 printable ASCII characters');
      const password = flags.password ?? randomBase62(8);
      if ((flags.tlsKey === undefined) !== (flags.tlsCert === undefined)) fail('--tls-key and --tls-cert go together');
      let tls: { key: Buffer; cert: Buffer } | undefined;
      if (flags.tlsKey !== undefined && flags.tlsCert !== undefined) {
        try {
          tls = loadSmscTls({ key: flags.tlsKey, cert: flags.tlsCert });
        } catch (err) {
          if (isPormError(err)) fail(err.message, err.code);
          throw err;
        }
      }
      const log = createLogger({ logLevel: flags.logLevel as 'info' });
      let smsc: SandboxSmsc;
      try {
        smsc = await SandboxSmsc.start({ host: flags.host, port: flags.port, credentials: { systemId: flags.systemId, password }, deliveryDelayMs: flags.deliveryDelayMs, log, ...(tls ? { tls } : {}) });
      } catch (err) {
        fail(`cannot listen on ${flags.host}:${flags.port}: ${(err as Error).message}`, 'PORM_CLI_START_FAILED');
      }
      const host = smsc.host.includes(':') ? `[${smsc.host}]` : smsc.host;
      const say = (line: string): boolean => process.stdout.write(`${line}\n`);
      say(`sandbox SMSC listening: smpp://${host}:${smsc.port} (SMPP 3.4${tls ? ' over TLS' : ''}, transmitter, receiver or transceiver binds)`);
      say(`  credentials  system_id ${flags.systemId} / password ${password}`);
      say(`  receipts     deliver_sm with esm_class 0x04, ${flags.deliveryDelayMs} ms after submit_sm when registered_delivery asks`);
      say(`  test numbers ${Object.entries(SMS_SANDBOX_NUMBERS).map(([k, v]) => `${v} (${k})`).join(', ')}`);
      const stop = async (): Promise<void> => {
        await smsc.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
