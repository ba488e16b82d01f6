import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { findProfile } from '../media/profiles.ts';
import { sniff } from '../media/sniff.ts';
import { fitImage } from '../media/image/index.ts';
import type { FitResult as ImageFitResult } from '../media/image/types.ts';
import { defaultFfmpeg, fitAudio, fitVideo } from '../media/av/index.ts';
import { splitBudget } from '../media/budget.ts';
import { configFrom } from './context.ts';
import { fail, printJson, printLine } from './output.ts';
import { withProgress } from './progress.ts';

interface FitFlags {
  profile: string;
  output?: string;
  crop?: '1:1' | '4:5' | '16:9';
  json?: boolean;
}

/**
 * How an image was encoded, under names that say what the number is: `quality` is a JPEG's
 * quality (1-100); a GIF or quantised PNG has a palette of `colours` instead; a lossless PNG has
 * neither. `frames` for an animation.
 */
export function imageDetail(r: Pick<ImageFitResult, 'mime' | 'quality' | 'steps' | 'warnings'>): Record<string, unknown> {
  const frames = r.steps.at(-1)?.frames ?? 1;
  const encoding = r.mime === 'image/jpeg'
    ? { quality: r.quality }
    : r.mime === 'image/png' && r.quality === 100 ? { lossless: true } : { colours: r.quality };
  return { ...encoding, ...(frames > 1 ? { frames } : {}), encodes: r.steps.length, warnings: r.warnings };
}

const LABELS: Record<string, (value: unknown) => string> = {
  quality: (v) => `quality: ${String(v)} (JPEG, 1-100)`,
  colours: (v) => `colours: ${String(v)} (palette)`,
  lossless: () => 'lossless: yes',
  duration_sec: (v) => `duration: ${String(v)} s`,
};

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
      if (!profile) fail(`no media profile ${flags.profile}`, 'PORM_CLI_PROFILE_NOT_FOUND');
      if (flags.crop && !['1:1', '4:5', '16:9'].includes(flags.crop)) fail('--crop must be 1:1, 4:5 or 16:9');
      const input = await readFile(file).catch((err: Error) => fail(`cannot read ${file}: ${err.message}`, 'PORM_CLI_FILE_UNREADABLE'));
      const started = performance.now();
      // Media errors (PORM_MEDIA_…) reach runCli, which prints them with their code.
      const sniffed = await sniff(input);
      const kind = sniffed.kind === 'image' || sniffed.kind === 'video' || sniffed.kind === 'audio' ? sniffed.kind : 'document';
      const video = kind === 'video' ? profile.video?.formats.find((f) => f.video === 'h264-baseline' && f.audio === 'aac-lc') : undefined;
      if (kind === 'video' && !video) fail(`the ${profile.name} profile takes no H.264 + AAC video, so porm cannot send ${sniffed.mime} there`, 'PORM_MEDIA_FORMAT_NOT_ACCEPTED');
      if (kind === 'document') {
        const accepted = (profile.documents as readonly string[]).includes(sniffed.mime);
        fail(`${sniffed.mime} is sent as it is, never converted; the ${profile.name} profile ${accepted ? 'accepts it' : 'does not accept it'}`, accepted ? 'PORM_CLI_NOTHING_TO_FIT' : 'PORM_MEDIA_FORMAT_NOT_ACCEPTED');
      }
      // The most this file may take as a message's only attachment. Asked for as if it had to
      // shrink: a part that already fits gets a share of its own size, which is not the budget.
      const budget = splitBudget({ maxMessageBytes: profile.maxMessageBytes, parts: [{ id: 'f', kind, bytes: profile.maxMessageBytes }] }).shares[0]!.maxBytes;
      const label = `fitting ${basename(file)}`;
      const out = await withProgress(label, flags.json === true, async (progress) => {
        const onProgress = progress ? { onProgress: progress.update.bind(progress) } : {};
        if (kind === 'image') {
          const r = await fitImage(input, { maxBytes: budget, maxWidth: profile.image.maxWidth, maxHeight: profile.image.maxHeight, formats: profile.image.formats, ...(flags.crop ? { crop: flags.crop } : {}) });
          return { data: r.data, mime: r.mime, width: r.width, height: r.height, detail: imageDetail(r) };
        }
        if (kind === 'video') {
          const r = await fitVideo(input, { maxBytes: budget, maxWidth: profile.video!.maxWidth, maxHeight: profile.video!.maxHeight, container: video!.container === 'video/3gpp' ? '3gp' : 'mp4' }, { ffmpeg: await defaultFfmpeg(), ...onProgress });
          return { data: r.data, mime: r.mime, width: r.width, height: r.height, detail: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
        }
        const r = await fitAudio(input, { maxBytes: budget, format: profile.audio.includes('audio/mp4') ? 'aac' : 'amr' }, { ffmpeg: await defaultFfmpeg(), ...onProgress });
        return { data: r.data, mime: r.mime, width: undefined, height: undefined, detail: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
      });
      const ms = Math.round(performance.now() - started);
      if (flags.output) await writeFile(flags.output, out.data);
      const report = {
        file: basename(file), profile: profile.name, input: { type: sniffed.mime, bytes: input.length },
        output: { type: out.mime, bytes: out.data.length, width: out.width ?? null, height: out.height ?? null, budget_bytes: budget, written_to: flags.output ?? null },
        ...out.detail, ms,
      };
      if (flags.json) return printJson(report);
      printLine(`${report.file}: ${sniffed.mime}, ${input.length} bytes → ${out.mime}, ${out.data.length} bytes${out.width ? `, ${out.width}×${out.height}` : ''} (budget ${budget} for ${profile.name})`);
      for (const [key, value] of Object.entries(out.detail)) {
        if (Array.isArray(value) && value.length === 0) continue;
        printLine(`  ${LABELS[key]?.(value) ?? `${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}`}`);
      }
      printLine(`  took ${ms} ms${flags.output ? `; written to ${flags.output}` : ''}`);
    });
  return media;
}
