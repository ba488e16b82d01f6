import type { Message, RichRef } from '../../messages/model.ts';
import type { ResolvedMedia } from '../../media/media-resolver.ts';
import { MediaResolveError, type MediaResolver } from '../../media/media-resolver.ts';
import type { ComposeSlide } from '../../mms/compose.ts';
import { sniff } from '../../media/sniff.ts';
import type { BindResult } from '../expand/index.ts';
import { barcodePng, buildIcs, buildSmsText, planMmsSlides, type MmsPlan } from '../fallback/index.ts';
import { pageUrl, type PublicBaseUrl } from '../page-url.ts';
import type { TemplateService } from '../templates/template-service.ts';
import type { RecipientHistory } from './recipient-history.ts';

/** What a templated message sends, in the form chosen for its recipient. */
export interface OutgoingRich {
  body: string;
  subject: string | null;
  media: ResolvedMedia[];
  slides?: ComposeSlide[];
  revision: number;
  /** Problems that did not stop the send (a hero image that could not be fetched), for the timeline. */
  warnings: string[];
}

/** The link a fallback shows for one action: porm's tracked redirect on the hosted page. */
export function actionLink(base: string, token: string, actionId: string): string {
  return `${pageUrl(base, token)}/go/${encodeURIComponent(actionId)}`;
}

/**
 * Builds a templated message at send time, from its template's current revision (or the pinned
 * one): the porm form is a one-segment notification carrying the page link; the SMS form is the
 * most important line plus the link; the MMS form is the template flattened into SMIL slides with
 * its images fetched, ticket codes drawn and calendar entries attached. Media fitting and encoding
 * happen afterwards, in the send job, as for any MMS.
 */
export class RichComposer {
  constructor(
    private readonly templates: TemplateService,
    private readonly history: RecipientHistory,
    private readonly media: MediaResolver,
    private readonly now: () => number,
    private readonly baseUrl: PublicBaseUrl,
  ) {}

  async bind(message: Pick<Message, 'id' | 'accountId' | 'to'>, rich: RichRef, at?: number): Promise<{ result: BindResult; revision: number }> {
    const revision = at ?? rich.pinnedRevision ?? await this.templates.latestRevisionNumber(rich.templateId);
    const compiled = await this.templates.compiledRevision(rich.templateId, revision);
    const history = await this.history.of(message.accountId, message.to, message.id);
    return { result: compiled.bind({ data: rich.data, history, revision, variantSeed: message.id, now: this.now() }), revision };
  }

  async compose(message: Message): Promise<OutgoingRich> {
    const rich = message.rich!;
    const { result, revision } = await this.bind(message, rich);
    if (!result.ok) throw result.error;
    const bound = result.message;
    const base = this.baseUrl();
    const link = pageUrl(base, rich.pageToken);
    if (rich.channel !== 'mms') {
      const sms = buildSmsText(bound, { pageUrl: link, maxSegments: 1 });
      return { body: sms.text, subject: null, media: [], revision, warnings: [] };
    }
    const plan = planMmsSlides(bound, { pageUrl: link, linkFor: (id) => actionLink(base, rich.pageToken, id) });
    return { ...await this.materialize(message, plan), revision };
  }

  private async materialize(message: Message, plan: MmsPlan): Promise<Omit<OutgoingRich, 'revision'>> {
    const media: ResolvedMedia[] = [];
    const warnings: string[] = [];
    const slides: ComposeSlide[] = [];
    for (const slide of plan.slides) {
      let visual: number | null = null;
      let audio: number | null = null;
      if (slide.visual) {
        const v = slide.visual;
        const fetched = v.kind === 'code'
          ? { contentType: 'image/png', data: await barcodePng(v.format, v.value), filename: 'code.png', minDimension: 150 } // never scaled below scannable
          : await this.fetchOrWarn(message.accountId, v.url, warnings, v.kind === 'video' ? 'video' : 'image');
        if (fetched) visual = media.push(fetched) - 1;
      }
      if (slide.audio) {
        const fetched = await this.fetchOrWarn(message.accountId, slide.audio.url, warnings, 'audio');
        if (fetched) audio = media.push(fetched) - 1;
      }
      slides.push({ text: slide.text, visual, audio });
    }
    for (const a of plan.attachments) {
      const ics = buildIcs({ uid: `${message.id}-${a.actionId}@porm`, ...a.event }, this.now());
      media.push({ contentType: 'text/calendar', data: Buffer.from(ics), filename: a.filename });
    }
    return { body: '', subject: plan.subject, media, slides, warnings };
  }

  /**
   * A picture that cannot be fetched is left out, with a warning on the timeline: the slides'
   * text and links still go, and the page link shows the full message. Retrying the whole send
   * for a sender's flaky CDN would hold back every other part of it.
   */
  private async fetchOrWarn(accountId: string, url: string, warnings: string[], kind: 'image' | 'video' | 'audio'): Promise<ResolvedMedia | null> {
    try {
      const [m] = await this.media.resolve(accountId, [{ kind: 'url', url }]);
      if (!m) return null;
      // What the URL served decides, not what it claimed: a page of HTML is not a slide's picture.
      const sniffed = await sniff(m.data, m.contentType);
      if (sniffed.kind !== kind) {
        warnings.push(`left out ${url}: it is ${sniffed.mime}, not ${kind === 'audio' ? 'an' : 'a'} ${kind}`);
        return null;
      }
      return { ...m, contentType: sniffed.mime };
    } catch (err) {
      if (!(err instanceof MediaResolveError)) throw err;
      warnings.push(`left out ${url}: ${err.message}`);
      return null;
    }
  }
}
