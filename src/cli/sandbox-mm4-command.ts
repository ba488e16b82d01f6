import { Command } from 'commander';
import { randomBase62 } from '../ids.ts';
import { SandboxMm4Peer } from '../carriers/mm4/sandbox-peer/sandbox-mm4-peer.ts';
import { SANDBOX_NUMBERS } from '../carriers/sandbox/test-numbers.ts';
import { fail } from './output.ts';

interface Flags {
  port: number;
  host: string;
  domain: string;
  username: string;
  password?: string;
  answerTo: string;
  answerUsername?: string;
  answerPassword?: string;
  deliveryDelayMs: number;
}

/**
 * `porm sandbox-mm4`: the sandbox peer MMSC for MM4 on its own. Point an `mm4` carrier's `smtp` at
 * it and its `--answer-to` at that carrier's `listen` address; it answers with MM4_forward.RES and
 * delivery reports by the MM7 sandbox's test numbers.
 */
export function sandboxMm4Command(): Command {
  return new Command('sandbox-mm4')
    .description('run a sandbox peer MMSC for MM4 on its own (MM4_forward.REQ in over SMTP; forward.RES and delivery reports out)')
    .option('--port <n>', 'SMTP port to listen on', (v) => Number.parseInt(v, 10), 2526)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--domain <domain>', "the peer's MM4 domain (the carrier's peerDomain)", 'mms.sandbox-peer.example')
    .option('--username <name>', 'SMTP AUTH user porm must log in as', 'porm')
    .option('--password <secret>', 'its password (default: generated and printed)')
    .option('--answer-to <host:port>', "porm's MM4 listener (the carrier's listen address)", '127.0.0.1:2525')
    .option('--answer-username <name>', "SMTP AUTH user at porm's listener (the carrier's peer.username)")
    .option('--answer-password <secret>', 'its password (peer.password)')
    .option('--delivery-delay-ms <n>', 'wait before sending a delivery report', (v) => Number.parseInt(v, 10), 1000)
    .action(async (flags: Flags) => {
      for (const [name, value, max] of [['--port', flags.port, 65535], ['--delivery-delay-ms', flags.deliveryDelayMs, 3_600_000]] as const) {
        if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number from 0 to ${max}`);
      }
      const m = /^([^:\s]+):(\d{1,5})$/.exec(flags.answerTo);
      if (!m || Number(m[2]) > 65535) fail('--answer-to must be host:port, e.g. 127.0.0.1:2525');
      if ((flags.answerUsername === undefined) !== (flags.answerPassword === undefined)) fail('--answer-username and --answer-password go together');
      const password = flags.password ?? randomBase62(20);
      let peer: SandboxMm4Peer;
      try {
        peer = await SandboxMm4Peer.start({
          host: flags.host, port: flags.port, domain: flags.domain, credentials: { username: flags.username, password },
          answerTo: { host: m[1]!, port: Number(m[2]), ...(flags.answerUsername !== undefined ? { username: flags.answerUsername, password: flags.answerPassword ?? '' } : {}) },
          deliveryDelayMs: flags.deliveryDelayMs,
        });
      } catch (err) {
        fail(`cannot listen on ${flags.host}:${flags.port}: ${(err as Error).message}`, 'PORM_CLI_START_FAILED');
      }
      const say = (line = ''): boolean => process.stderr.write(`${line}\n`);
      say(`sandbox MM4 peer listening: smtp://${peer.address.host}:${peer.address.port} (domain ${flags.domain})`);
      say(`  credentials  ${flags.username} / ${password}`);
      say(`  answers to   ${flags.answerTo}`);
      say(`  test numbers ${Object.values(SANDBOX_NUMBERS).join(', ')}`);
      const stop = async (): Promise<void> => {
        await peer.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
