import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { findProfile } from '../media/profiles.ts';
import { sniff } from '../media/sniff.ts';
import { fitImage } from '../media/image/index.ts';
import { defaultFfmpeg, fitAudio, fitVideo, isAvError } from '../media/av/index.ts';
import { isMediaError } from '../media/errors.ts';
import { splitBudget } from '../media/budget.ts';
import { configFrom } from './context.ts';
import { fail, printJson, printLine } from './output.ts';

interface FitFlags {
  profile: string;
  output?: string;
  crop?: '1:1' | '4:5' | '16:9';
  json?: boolean;
}

/** `porm media fit FILE`: run the media pipeline on one file, as a message's only attachment. */
export function mediaCommand(): Command {
  const media = new Command('media').description('work with media files');
  media.command('fit')
    .description('fit one file to a carrier profile, as porm would before sending it, and say what it did')
    .argument('<file>', 'an image, video or audio file')
    .option('--profile <name>', 'us-600k, us-1m, toll-free, mms-conformance-rich or one from media.profiles', 'us-600k')
    .option('-o, --output <file>', 'write the fitted file here')
    .option('--crop <aspect>', 'images: crop to 1:1, 4:5 or 16:9 around what draws the eye')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: FitFlags, command: Command) => {
      const config = configFrom(command);
      const profile = findProfile(flags.profile, config.media.profiles);
      if (!profile) fail(`no media profile ${flags.profile}`);
      if (flags.crop && !['1:1', '4:5', '16:9'].includes(flags.crop)) fail('--crop must be 1:1, 4:5 or 16:9');
      const input = await readFile(file).catch((err: Error) => fail(`cannot read ${file}: ${err.message}`));
      const started = performance.now();
      try {
        const sniffed = await sniff(input);
        const kind = sniffed.kind === 'image' || sniffed.kind === 'video' || sniffed.kind === 'audio' ? sniffed.kind : 'document';
        const share = splitBudget({ maxMessageBytes: profile.maxMessageBytes, parts: [{ id: 'f', kind, bytes: input.length }] }).shares[0]!;
        let out: { data: Buffer; mime: string; width?: number | undefined; height?: number | undefined; detail: Record<string, unknown> };
        if (kind === 'image') {
          const r = await fitImage(input, { maxBytes: share.maxBytes, maxWidth: profile.image.maxWidth, maxHeight: profile.image.maxHeight, formats: profile.image.formats, ...(flags.crop ? { crop: flags.crop } : {}) });
          out = { data: r.data, mime: r.mime, width: r.width, height: r.height, detail: { quality: r.quality, encodes: r.steps.length, warnings: r.warnings } };
        } else if (kind === 'video' && profile.video?.formats.some((f) => f.video === 'h264-baseline' && f.audio === 'aac-lc')) {
          const format = profile.video.formats.find((f) => f.video === 'h264-baseline' && f.audio === 'aac-lc')!;
          const r = await fitVideo(input, { maxBytes: share.maxBytes, maxWidth: profile.video.maxWidth, maxHeight: profile.video.maxHeight, container: format.container === 'video/3gpp' ? '3gp' : 'mp4' }, { ffmpeg: await defaultFfmpeg() });
          out = { data: r.data, mime: r.mime, width: r.width, height: r.height, detail: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
        } else if (kind === 'audio') {
          const aac = profile.audio.includes('audio/mp4');
          const r = await fitAudio(input, { maxBytes: share.maxBytes, format: aac ? 'aac' : 'amr' }, { ffmpeg: await defaultFfmpeg() });
          out = { data: r.data, mime: r.mime, detail: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
        } else {
          if (kind === 'video') fail(`the ${profile.name} profile takes no H.264 + AAC video, so porm cannot send ${sniffed.mime} there`);
          fail(`${sniffed.mime} is sent as it is, never converted; the ${profile.name} profile ${(profile.documents as readonly string[]).includes(sniffed.mime) ? 'accepts it' : 'does not accept it'}`);
        }
        const ms = Math.round(performance.now() - started);
        if (flags.output) await writeFile(flags.output, out.data);
        const report = {
          file: basename(file), profile: profile.name, input: { type: sniffed.mime, bytes: input.length },
          output: { type: out.mime, bytes: out.data.length, width: out.width ?? null, height: out.height ?? null, budget_bytes: share.maxBytes, written_to: flags.output ?? null },
          ...out.detail, ms,
        };
        if (flags.json) return printJson(report);
        printLine(`${report.file}: ${sniffed.mime}, ${input.length} bytes → ${out.mime}, ${out.data.length} bytes${out.width ? `, ${out.width}×${out.height}` : ''} (budget ${share.maxBytes} for ${profile.name})`);
        for (const [key, value] of Object.entries(out.detail)) if (!(Array.isArray(value) && value.length === 0)) printLine(`  ${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}`);
        printLine(`  took ${ms} ms${flags.output ? `; written to ${flags.output}` : ''}`);
      } catch (err) {
        if (isMediaError(err) || isAvError(err)) fail(`${err.message} [${err.code}]`);
        throw err;
      }
    });
  return media;
}
