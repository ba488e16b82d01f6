import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { sniff } from '../media/sniff.ts';
import type { ReplyCommand } from '../handset/reply-input.ts';
import { accountFor, explain, withServices } from './context.ts';
import { printJson, printLine } from './output.ts';
import { presentInboundMessage } from '../api/v1/presenters/inbound-message.ts';
import { cliHandsetPlayer } from './sandbox-player.ts';

interface ReplyFlags {
  from: string; to: string; body?: string; subject?: string; media?: string[]; mediaId?: string[];
  carrier?: string; account?: string; json?: boolean;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A file as an inline part: its type from its bytes (as porm's uploads do), its name if plain. */
async function inlinePart(path: string): Promise<NonNullable<ReplyCommand['media']>[number]> {
  const bytes = await readFile(path);
  const contentType = await sniff(bytes).then((s) => s.mime, () => 'application/octet-stream');
  const name = basename(path);
  return { content_type: contentType, data: bytes.toString('base64'), ...(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) ? { filename: name } : {}) };
}

/** `porm sandbox reply`: a sandbox handset writes to one of your numbers (through the running porm's MMSC). */
export function sandboxReplyCommand(): Command {
  return new Command('reply')
    .description('make a sandbox handset send an MMS (an SMS with --carrier sandbox-smsc) to one of your numbers (needs `porm start` running)')
    .requiredOption('--from <e164>', 'the handset, e.g. +14155550123')
    .requiredOption('--to <number>', 'your number it writes to')
    .option('--body <text>', 'message text', '')
    .option('--subject <text>', 'MMS subject')
    .option('--media <file>', 'attach a file (repeatable)', collect)
    .option('--media-id <id>', 'attach a media object of the account (repeatable)', collect)
    .option('--carrier <name>', 'the sandbox carrier, when several are configured')
    .option('--account <id>', 'account that owns --to (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: ReplyFlags, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const accountId = await accountFor(services, flags.account);
          const media = [...(flags.mediaId ?? []).map((id) => ({ id })), ...(await Promise.all((flags.media ?? []).map(inlinePart)))];
          const inbound = await cliHandsetPlayer(services).reply(accountId, {
            from: flags.from, to: flags.to, body: flags.body ?? '',
            ...(flags.subject !== undefined ? { subject: flags.subject } : {}),
            ...(media.length > 0 ? { media } : {}), ...(flags.carrier ? { carrier: flags.carrier } : {}),
          });
          if (flags.json) printJson(presentInboundMessage(inbound));
          else printLine(`${inbound.id} received from ${inbound.from} to ${inbound.to}${inbound.media.length ? ` with ${inbound.media.length} media` : ''}`);
        } catch (err) {
          explain(err);
        }
      });
    });
}
