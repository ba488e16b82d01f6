import { Command } from 'commander';
import { accountFor, withReaders } from '../../cli/context.ts';
import { fail, printJson, printLine, printTable } from '../../cli/output.ts';
import type { Readers } from '../../cli/readers.ts';
import { TwilioCredentials } from './credential-service.ts';

// `porm accounts twilio …`: the account's Twilio-style credentials. Tokens and secrets are printed
// only by the command that creates them.

interface AccountFlags { account?: string; json?: boolean }

async function withCredentials(command: Command, flags: AccountFlags, run: (creds: TwilioCredentials, accountId: string, readers: Readers) => Promise<void>): Promise<void> {
  await withReaders(command, async (readers) => run(new TwilioCredentials(readers.store, readers.clock), await accountFor(readers, flags.account), readers));
}

function accountOptions(command: Command): Command {
  return command.option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON');
}

export function twilioCredentialsCommand(): Command {
  const twilio = new Command('twilio').description('Twilio-style credentials for /2010-04-01: account SID, auth tokens, SK API keys');
  accountOptions(twilio.command('show').description('the account SID (creates the credentials on first use and prints the auth token that once)'))
    .action(async (flags: AccountFlags, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        const { account, createdToken } = await creds.ensure(accountId);
        if (flags.json) return printJson({ account_id: accountId, account_sid: account.accountSid, secondary_token: account.hasSecondaryToken, ...(createdToken ? { auth_token: createdToken } : {}) });
        printLine(`account SID ${account.accountSid} (porm account ${accountId})${account.hasSecondaryToken ? '; a secondary auth token is waiting to be promoted' : ''}`);
        if (createdToken) {
          printLine('its auth token, shown only now:');
          printLine(createdToken);
        }
      });
    });
  accountOptions(twilio.command('secondary').description('create a secondary auth token (valid next to the primary until promoted; printed once)'))
    .action(async (flags: AccountFlags, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        const token = await creds.createSecondaryToken(accountId);
        if (flags.json) return printJson({ account_sid: await creds.accountSidOf(accountId), secondary_token: token });
        printLine('secondary auth token, shown only now (switch your apps to it, then `porm accounts twilio promote`):');
        printLine(token);
      });
    });
  accountOptions(twilio.command('promote').description('make the secondary auth token the primary; the old primary stops working'))
    .action(async (flags: AccountFlags, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        await creds.promoteSecondaryToken(accountId);
        if (flags.json) return printJson({ account_sid: await creds.accountSidOf(accountId), promoted: true });
        printLine('promoted: the secondary auth token is now the primary; the previous one no longer works');
      });
    });
  const keys = twilio.command('keys').description('SK… API keys (Basic auth SKxxx:secret)');
  accountOptions(keys.command('create').description('create an API key (the secret is printed once)'))
    .option('--name <name>', 'friendly name', 'porm')
    .action(async (flags: AccountFlags & { name: string }, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        const key = await creds.createApiKey(accountId, flags.name);
        if (flags.json) return printJson({ sid: key.sid, friendly_name: key.friendlyName, secret: key.secret });
        printLine(`created ${key.sid} (${key.friendlyName}); its secret, shown only now:`);
        printLine(key.secret);
      });
    });
  accountOptions(keys.command('list').description('list API keys (secrets are stored hashed)'))
    .action(async (flags: AccountFlags, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        const list = await creds.listApiKeys(accountId);
        const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
        if (flags.json) return printJson(list.map((k) => ({ sid: k.sid, friendly_name: k.friendlyName, created_at: iso(k.createdAt), revoked_at: iso(k.revokedAt) })));
        printTable(list.map((k) => ({ sid: k.sid, name: k.friendlyName, created: iso(k.createdAt) ?? '', revoked: iso(k.revokedAt) ?? '' })), ['sid', 'name', 'created', 'revoked']);
      });
    });
  accountOptions(keys.command('revoke').description('revoke an API key'))
    .argument('<sid>', 'SK… key SID')
    .action(async (sid: string, flags: AccountFlags, command: Command) => {
      await withCredentials(command, flags, async (creds, accountId) => {
        if (!/^SK[0-9a-fA-F]{32}$/.test(sid)) fail(`${sid} is not an SK… key SID`, 'PORM_TWILIO_KEY_NOT_FOUND');
        await creds.revokeApiKey(accountId, sid);
        if (flags.json) return printJson({ sid, revoked: true });
        printLine(`revoked ${sid}`);
      });
    });
  return twilio;
}
