import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { findProfile, type CarrierProfile } from '../profiles.ts';
import { MIN_SHRINK_SHARE, splitBudget, waterFill, type BudgetPart, type BudgetPartKind, type PartShare } from '../budget.ts';
import { sniff, type Sniffed } from '../sniff.ts';
import { MediaError } from '../errors.ts';
import { fitImage, inspectImage, DEFAULT_LIMITS } from '../image/index.ts';
import { fitAudio, fitVideo, isAvError, probeMedia, type FfmpegDetection } from '../av/index.ts';
import type { ResolvedMedia } from '../media-resolver.ts';
import type { Variant, VariantCache } from './variant-cache.ts';

/** What one attachment was, and what was sent in its place. */
export interface SentPart {
  original: { sha256: string; content_type: string; bytes: number };
  sent: { sha256: string; content_type: string; bytes: number; width: number | null; height: number | null };
  converted: boolean;
  warnings: string[];
}

export interface FittedMessage {
  media: ResolvedMedia[];
  parts: SentPart[];
  profile: string;
  budgetBytes: number;
}

interface Item {
  input: ResolvedMedia;
  sha256: string;
  sniffed: Sniffed;
  kind: BudgetPartKind;
}

const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Fits a message's attachments to its route's media profile before it is encoded: the real type
 * is sniffed from the bytes, the byte budget is split among the parts (budget.ts), and each part
 * that is too big, too large in pixels or in a format the route does not take is converted —
 * images with sharp, video and audio with ffmpeg — once per original, profile and budget.
 */
export class MessageFitter {
  constructor(
    private readonly variants: VariantCache,
    private readonly customProfiles: readonly CarrierProfile[],
    private readonly ffmpeg: () => Promise<FfmpegDetection>,
  ) {}

  async fit(text: string, media: readonly ResolvedMedia[], profileName: string): Promise<FittedMessage> {
    const profile = findProfile(profileName, this.customProfiles);
    if (!profile) throw new MediaError('PORM_MEDIA_PROFILE_INVALID', `no media profile ${profileName}`);
    if (media.length === 0) return { media: [], parts: [], profile: profile.name, budgetBytes: profile.maxMessageBytes };
    const items: Item[] = [];
    for (const input of media) {
      const sniffed = await sniff(input.data, input.contentType);
      const kind: BudgetPartKind = sniffed.kind === 'text' ? 'document' : sniffed.kind;
      items.push({ input, sha256: sha256Of(input.data), sniffed, kind });
    }
    const textBytes = Buffer.byteLength(text);
    const parts: BudgetPart[] = [
      ...(textBytes > 0 ? [{ id: 'text', kind: 'text' as const, bytes: textBytes }] : []),
      ...items.map((item, i) => ({ id: String(i), kind: item.kind, bytes: item.input.data.length })),
    ];
    const split = splitBudget({ maxMessageBytes: profile.maxMessageBytes, parts });
    const shares = items.map((_, i) => split.shares.find((s) => s.id === String(i))!);
    const variants: Variant[] = [];
    // An image that fits but is re-encoded anyway (metadata, a format the route lacks) may take an
    // equal part of the unused budget: re-encoded from its pixels, a compact PNG is often larger
    // than it was, and capping it at its own size scaled a 186 px QR code down to 58 px while
    // 590 KB lay unused. (Video and audio are not: a re-encode at a higher bitrate than the
    // original's adds bytes, not quality. Nothing is unused when a part must shrink: refitCut.)
    let spare = split.unusedBytes;
    const grows = (i: number): boolean => items[i]!.kind === 'image' && !shares[i]!.mustShrink;
    let growable = items.filter((_, i) => grows(i)).length;
    for (const [i, item] of items.entries()) {
      const share = shares[i]!;
      let allowance = 0;
      if (grows(i)) allowance = Math.floor(spare / growable--);
      const variant = await this.fitPart(item, profile, share.mustShrink, share.maxBytes + allowance);
      spare -= Math.max(0, variant.data.length - share.maxBytes);
      variants.push(variant);
    }
    await this.refitCut(items, shares, variants, spare, profile);
    const out: ResolvedMedia[] = [];
    const record: SentPart[] = [];
    for (const [i, item] of items.entries()) {
      const variant = variants[i]!;
      const durationMs = await this.durationOf(item, variant);
      out.push({
        contentType: variant.contentType, data: variant.data, ...(item.input.filename ? { filename: renamed(item.input.filename, variant.contentType) } : {}),
        ...(durationMs !== undefined ? { durationMs } : {}),
      });
      record.push({
        original: { sha256: item.sha256, content_type: item.sniffed.mime, bytes: item.input.data.length },
        sent: { sha256: variant.sha256, content_type: variant.contentType, bytes: variant.data.length, width: variant.width, height: variant.height },
        converted: variant.sha256 !== item.sha256,
        warnings: [...(item.sniffed.declaredMismatch ? [item.sniffed.declaredMismatch] : []), ...((variant.details.warnings as string[] | undefined) ?? [])],
      });
    }
    return { media: out, parts: record, profile: profile.name, budgetBytes: profile.maxMessageBytes };
  }

  /**
   * The second pass, with real sizes: shares were cut from sizes before conversion, and a part
   * often comes out well under its share (a video re-encoded for the route, an image that only
   * lost its metadata). What those parts left, plus what the split left, is water-filled over the
   * parts that were cut, and each cut part that gains a useful amount is fitted once more.
   * The total stays within the budget: cut parts only take what the others did not use.
   */
  private async refitCut(items: readonly Item[], shares: readonly PartShare[], variants: Variant[], unused: number, profile: CarrierProfile): Promise<void> {
    const cut = items.flatMap((item, i) => (shares[i]!.mustShrink && item.kind !== 'document' ? [i] : []));
    if (cut.length === 0) return;
    let pool = unused;
    for (const [i, v] of variants.entries()) if (!cut.includes(i)) pool += Math.max(0, shares[i]!.maxBytes - v.data.length);
    if (pool < MIN_SHRINK_SHARE) return;
    const needs: BudgetPart[] = cut.map((i) => ({ id: String(i), kind: items[i]!.kind, bytes: items[i]!.input.data.length - shares[i]!.maxBytes }));
    const extra = waterFill(needs, pool);
    for (const [k, i] of cut.entries()) {
      const more = extra.get(needs[k]!) ?? 0;
      // A re-encode for a few bytes would change nothing a recipient sees.
      if (more < MIN_SHRINK_SHARE) continue;
      const maxBytes = shares[i]!.maxBytes + more;
      variants[i] = await this.fitPart(items[i]!, profile, maxBytes < items[i]!.input.data.length, maxBytes);
    }
  }

  /**
   * Playing time of a video or audio part, for its SMIL slide: from the conversion when there was
   * one, else from ffprobe. Unknown (no ffmpeg, unreadable) leaves the slide at its default time.
   */
  private async durationOf(item: Item, variant: Variant): Promise<number | undefined> {
    if (item.kind !== 'video' && item.kind !== 'audio') return undefined;
    const known = variant.details.duration_sec;
    if (typeof known === 'number' && Number.isFinite(known) && known > 0) return Math.ceil(known * 1000);
    try {
      const probed = await probeMedia(variant.data, { ffmpeg: await this.ffmpeg() });
      return probed.durationSec > 0 ? Math.ceil(probed.durationSec * 1000) : undefined;
    } catch (err) {
      if (isAvError(err)) return undefined;
      throw err;
    }
  }

  /** Sends the part as it is when it may (see docs/media.md), else converts it to at most `maxBytes`. */
  private async fitPart(item: Item, profile: CarrierProfile, mustShrink: boolean, maxBytes: number): Promise<Variant> {
    const { input, sniffed, sha256 } = item;
    const asIs: Variant = { sha256, contentType: sniffed.mime, data: input.data, width: null, height: null, details: {} };
    if (item.kind === 'document') {
      if (!(profile.documents as readonly string[]).includes(sniffed.mime)) throw notAccepted(sniffed.mime, profile);
      if (mustShrink) throw new MediaError('PORM_MEDIA_CANNOT_FIT', `a ${sniffed.mime} attachment of ${input.data.length} bytes cannot be shrunk to fit ${profile.name}`);
      return asIs;
    }
    if (item.kind === 'image') {
      const info = await inspectImage(input.data, DEFAULT_LIMITS);
      // An image that fits is still converted if it carries metadata: EXIF can hold the GPS
      // position where the photo was taken, and an orientation tag some handsets ignore.
      const meta = await sharp(info.source).metadata();
      // A code porm drew carries only its encoder's name as a text comment: nothing private.
      const comments = input.minDimension === undefined && (meta.comments?.length ?? 0) > 0;
      const tagged = Boolean(meta.exif ?? meta.xmp ?? meta.iptc ?? meta.icc) || comments || (meta.orientation ?? 1) !== 1;
      const fits = !mustShrink && !tagged && (profile.image.formats as readonly string[]).includes(sniffed.mime)
        && info.width <= profile.image.maxWidth && info.height <= profile.image.maxHeight;
      if (fits) return { ...asIs, width: info.width, height: info.height };
    }
    if (item.kind === 'audio' && !mustShrink && (profile.audio as readonly string[]).includes(sniffed.mime)) return asIs;
    const cached = await this.variants.get(sha256, profile.name, maxBytes);
    if (cached) return cached;
    return this.variants.put(sha256, profile.name, maxBytes, await this.convert(item, profile, maxBytes));
  }

  private async convert(item: Item, profile: CarrierProfile, maxBytes: number): Promise<Omit<Variant, 'sha256'>> {
    const { input, sniffed } = item;
    if (item.kind === 'image') {
      const r = await fitImage(input.data, {
        maxBytes, maxWidth: profile.image.maxWidth, maxHeight: profile.image.maxHeight, formats: profile.image.formats,
        ...(input.minDimension !== undefined ? { minEdge: input.minDimension } : {}),
      });
      return { contentType: r.mime, data: r.data, width: r.width, height: r.height, details: { quality: r.quality, encodes: r.steps.length, warnings: r.warnings } };
    }
    const ffmpeg = await this.ffmpeg();
    if (item.kind === 'video') {
      // porm encodes video as H.264 Baseline + AAC: the route must list that combination.
      const format = profile.video?.formats.find((f) => f.video === 'h264-baseline' && f.audio === 'aac-lc');
      if (!profile.video || !format) throw notAccepted(sniffed.mime, profile);
      const container = format.container === 'video/3gpp' ? '3gp' : 'mp4';
      const r = await fitVideo(input.data, { maxBytes, maxWidth: profile.video.maxWidth, maxHeight: profile.video.maxHeight, container }, { ffmpeg });
      return { contentType: r.mime, data: r.data, width: r.width ?? null, height: r.height ?? null, details: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
    }
    // porm writes AAC as an M4A file (audio/mp4), so the route must take that; AMR-NB otherwise.
    const aac = profile.audio.includes('audio/mp4');
    if (!aac && !profile.audio.includes('audio/amr')) throw notAccepted(sniffed.mime, profile);
    const r = await fitAudio(input.data, { maxBytes, format: aac ? 'aac' : 'amr' }, { ffmpeg });
    return { contentType: r.mime, data: r.data, width: null, height: null, details: { passes: r.passes, duration_sec: r.durationSec, warnings: r.warnings.map((w) => w.message) } };
  }
}

function notAccepted(mime: string, profile: CarrierProfile): MediaError {
  return new MediaError('PORM_MEDIA_FORMAT_NOT_ACCEPTED', `${mime} cannot be sent on routes with profile ${profile.name}`);
}

/** photo.heic sent as JPEG is named photo.jpg, so the handset's file name matches the bytes. */
function renamed(filename: string, contentType: string): string {
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'video/mp4': 'mp4', 'video/3gpp': '3gp', 'audio/mp4': 'm4a', 'audio/amr': 'amr' }[contentType];
  return ext ? filename.replace(/(\.[A-Za-z0-9]{1,5})?$/, `.${ext}`) : filename;
}
