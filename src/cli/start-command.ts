import { Command, Option } from 'commander';
import { startPorm } from '../main.ts';
import { createLogger } from '../logger.ts';
import { tuneHeapGrowth } from '../runtime/heap-growth.ts';
import { nodeOptions } from '../config.ts';
import { SANDBOX_NUMBERS } from '../carriers/sandbox/test-numbers.ts';
import { configFrom } from './context.ts';
import { cliErrorOf, explain, fail } from './output.ts';

export function startCommand(): Command {
  return new Command('start')
    .description('start porm: API, workers and the sandbox carrier (embedded SQLite by default)')
    .option('--port <n>', 'HTTP port (default 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <addr>', 'address to listen on (default 127.0.0.1)')
    .addOption(new Option('--role <role>', 'run everything (all), only the API, or only workers').choices(['all', 'api', 'worker']))
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
    .action(async (opts: { port?: number; host?: string; role?: string; logLevel?: string }, command: Command) => {
      const config = configFrom(command, {
        ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host ? { host: opts.host } : {}),
        ...(opts.role ? { role: opts.role } : {}), ...(opts.logLevel ? { logLevel: opts.logLevel } : {}),
      });
      const log = createLogger(config);
      tuneHeapGrowth(nodeOptions());
      let porm;
      try {
        porm = await startPorm(config, log);
      } catch (err) {
        // A coded error (invalid configuration, a bad carrier) keeps its code; anything else
        // (another porm on the data directory, the port taken) is a failed start.
        const reported = cliErrorOf(err);
        if (reported.code !== 'PORM_INTERNAL') explain(err);
        fail(reported.message, 'PORM_CLI_START_FAILED');
      }
      const say = (line = ''): boolean => process.stderr.write(`${line}\n`);
      say();
      say(`porm is running (${config.role}) on ${porm.url}   data: ${config.dataDir}`);
      say(`  API docs   ${porm.url}/docs`);
      if (porm.bootstrap.createdKey) {
        say();
        say('  Your API key (shown once, store it now):');
        say(`    ${porm.bootstrap.createdKey}`);
        say(`  export PORM_KEY=${porm.bootstrap.createdKey}`);
      }
      if (porm.bootstrap.dashboardSetupToken) {
        say();
        say('  Set up the dashboard (one-time link, valid 7 days):');
        say(`    ${porm.url}/dashboard/link/${porm.bootstrap.dashboardSetupToken}`);
      }
      say(`  Sandbox test numbers: ${Object.values(SANDBOX_NUMBERS).join(', ')} (see README)`);
      say();
      let stopping = false;
      const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        await porm.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
