import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command, Option } from 'commander';
import type { Services } from '../services.ts';
import { presentMessage } from '../api/v1/presenters/message.ts';
import { isFinal } from '../messages/status.ts';
import { accountFor, explain, withServices } from './context.ts';
import { printJson, printLine } from './output.ts';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.mp4': 'video/mp4', '.3gp': 'video/3gpp', '.mp3': 'audio/mpeg', '.amr': 'audio/amr', '.vcf': 'text/vcard', '.txt': 'text/plain',
};

interface SendFlags {
  to: string; from: string; body?: string; subject?: string; media?: string[]; statusCallback?: string;
  sendAt?: string; validityPeriod?: number; category?: 'transactional' | 'marketing'; channel?: 'auto' | 'sms' | 'mms'; wait?: boolean; json?: boolean; account?: string; timeout?: number;
}

async function follow(services: Services, accountId: string, id: string, json: boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const message = await services.messages.get(accountId, id);
    for (const event of message.events.slice(seen)) {
      if (!json) printLine(`  ${new Date(event.at).toISOString()}  ${event.type}${event.data?.error_code ? `  ${String(event.data.error_code)}` : ''}`);
    }
    seen = message.events.length;
    if (isFinal(message.status)) {
      if (json) printJson(presentMessage(message, { baseUrl: services.publicUrl.value }, message.events));
      else printLine(`${message.id} is ${message.status}${message.errorCode ? ` (${message.errorCode}: ${message.errorMessage})` : ''}`);
      // Scripts can tell a delivered message from one that ended otherwise.
      if (message.status !== 'delivered') process.exitCode = 1;
      return;
    }
    if (Date.now() > deadline) {
      if (!json) printLine(`still ${message.status} after ${timeoutMs / 1000} s${message.status === 'sent' ? ' (the carrier has not reported delivery)' : '; is `porm start` running on this data directory?'}`);
      else printJson(presentMessage(message, { baseUrl: services.publicUrl.value }, message.events));
      process.exitCode = 3;
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function sendCommand(): Command {
  return new Command('send')
    .description('send a message (uploads --media files first); a running `porm start` delivers it')
    .requiredOption('--to <e164>', 'recipient, e.g. +14155550100')
    .requiredOption('--from <e164>', 'sender number or short code')
    .option('--body <text>', 'message text')
    .option('--subject <text>', 'MMS subject')
    .option('--media <file>', 'attach a file (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--status-callback <url>', 'URL for signed status webhooks')
    .option('--send-at <iso>', 'schedule for this time (ISO 8601)')
    .option('--validity-period <seconds>', 'fail if not sent within this many seconds', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--category <category>', 'transactional (default) or marketing').choices(['transactional', 'marketing']))
    .addOption(new Option('--channel <channel>', 'sms, mms or auto (default: SMS for text when an SMS route exists, MMS with media)').choices(['auto', 'sms', 'mms']))
    .option('--account <id>', 'account to send from (default: the first account)')
    .option('--wait', 'follow the message until it reaches a final status')
    .option('--timeout <seconds>', 'give up waiting after this many seconds (default 60)', (v) => Number.parseInt(v, 10) * 1000)
    .option('--json', 'print JSON')
    .action(async (flags: SendFlags, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const accountId = await accountFor(services, flags.account);
          const media: Array<{ id: string }> = [];
          for (const path of flags.media ?? []) {
            const bytes = await readFile(path);
            const object = await services.media.upload(accountId, { bytes, declaredType: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', filename: basename(path) });
            media.push({ id: object.id });
          }
          const { message } = await services.send.send({
            accountId, to: flags.to, from: flags.from,
            ...(flags.body !== undefined ? { body: flags.body } : {}), ...(flags.subject !== undefined ? { subject: flags.subject } : {}),
            ...(media.length > 0 ? { media } : {}), ...(flags.statusCallback ? { statusCallback: flags.statusCallback } : {}),
            ...(flags.sendAt ? { sendAt: flags.sendAt } : {}), ...(flags.validityPeriod ? { validityPeriod: flags.validityPeriod } : {}),
            ...(flags.category ? { category: flags.category } : {}), ...(flags.channel ? { channel: flags.channel } : {}),
          });
          if (flags.wait) {
            if (!flags.json) printLine(`${message.id} accepted`);
            await follow(services, accountId, message.id, flags.json ?? false, flags.timeout ?? 60_000);
          } else if (flags.json) printJson(presentMessage(message, { baseUrl: services.publicUrl.value }));
          else printLine(`${message.id} ${message.status}`);
        } catch (err) {
          explain(err);
        }
      });
    });
}
