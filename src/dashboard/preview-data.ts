import { PormError } from '../errors.ts';
import type { Message } from '../messages/model.ts';
import type { Services } from '../services.ts';
import { renderMessageHtml } from '../rich/render/index.ts';
import { countSegments, splitSegments } from '../sms/text/index.ts';
import type { SentPart } from '../media/fit/fit-message.ts';
import type { BoundMessage } from '../rich/bound/model.ts';
import { planMmsSlides } from '../rich/fallback/index.ts';
import { pageUrl } from '../rich/page-url.ts';
import { actionLink } from '../rich/send/compose-outgoing.ts';

// What the message page's device previews show, from what was stored and sent: the porm page as
// the hosted page renders it, the MMS as slides of the files sent (media_sent, against the route's
// profile), the SMS split as the SMS codec splits it. Reads only; nothing is recorded as an open.

export interface MediaView { url: string | null; contentType: string; bytes: number; width: number | null; height: number | null; originalBytes: number; converted: boolean; warnings: string[] }

export interface SlideView { text: string; media: MediaView | null }

export interface MessagePreviews {
  /** The hosted page's HTML (from porm's renderer, which escapes everything) and its stylesheets; null without a template. */
  porm: { html: string; styles: string[] } | { error: { code: string; message: string } } | null;
  mms: { profile: string | null; budgetBytes: number | null; totalBytes: number; fitted: boolean; slides: SlideView[]; attachments: MediaView[] };
  sms: { encoding: 'gsm7' | 'ucs2'; segments: number; parts: string[] };
  /** What the message went out on (sms, mms), null when not decided or not stored. */
  channel: string | null;
}

const SLIDEABLE = /^(image|video|audio)\//;

/** media_sent as stored (JSON), read defensively: it is a record, not a type. */
function sentParts(message: Message): { profile: string; budget: number; parts: SentPart[] } | null {
  const ms = message.mediaSent;
  if (ms === null || typeof ms.profile !== 'string' || !Array.isArray(ms.parts)) return null;
  return { profile: ms.profile, budget: typeof ms.budget_bytes === 'number' ? ms.budget_bytes : 0, parts: ms.parts as SentPart[] };
}

function relative(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** The files of the message: as fitted and sent (media_sent), else the uploads as they are (queued, scheduled; URL media are fetched at send time). */
async function mediaOf(services: Services, message: Message, sent: ReturnType<typeof sentParts>): Promise<MediaView[]> {
  if (sent) {
    return sent.parts.map((p) => ({
      url: relative(services.mediaUrls.urlFor(p.sent.sha256)), contentType: p.sent.content_type, bytes: p.sent.bytes, width: p.sent.width, height: p.sent.height,
      originalBytes: p.original.bytes, converted: p.converted, warnings: p.warnings,
    }));
  }
  const media: MediaView[] = [];
  for (const ref of message.media) {
    if (ref.kind === 'url') { media.push({ url: null, contentType: 'fetched when sent', bytes: 0, width: null, height: null, originalBytes: 0, converted: false, warnings: [] }); continue; }
    try {
      const m = await services.media.get(message.accountId, ref.id);
      media.push({ url: relative(services.mediaUrls.urlFor(m.sha256)), contentType: m.contentType, bytes: m.size, width: null, height: null, originalBytes: m.size, converted: false, warnings: [] });
    } catch (err) {
      if (!(err instanceof PormError)) throw err;
    }
  }
  return media;
}

/**
 * The slides as src/mms/compose.ts lays them out: a templated message as its template flattens
 * into slides (planMmsSlides, as RichComposer plans them: each slide's picture or sound in order,
 * then the calendar files); a plain one with one slide per picture, clip or sound and the text on
 * the first, unless something cannot sit on a slide (then the text, and the files attached).
 */
async function mmsOf(services: Services, message: Message, bound: BoundMessage | null): Promise<MessagePreviews['mms']> {
  const sent = sentParts(message);
  const media = await mediaOf(services, message, sent);
  let slides: SlideView[];
  let attachments: MediaView[];
  if (bound !== null && message.rich) {
    const base = services.publicUrl.value;
    const token = message.rich.pageToken;
    const plan = planMmsSlides(bound, { pageUrl: pageUrl(base, token), linkFor: (id) => actionLink(base, token, id) });
    const needed = plan.slides.reduce((n, s) => n + (s.visual ? 1 : 0) + (s.audio ? 1 : 0), 0) + plan.attachments.length;
    // A picture that could not be fetched was left out when sent: then the files cannot be told apart by position.
    const files = media.length === needed ? [...media] : [];
    slides = plan.slides.map((s) => ({ text: s.text, media: s.visual || s.audio ? files.shift() ?? null : null }));
    attachments = files;
  } else if (media.length > 0 && media.every((m) => SLIDEABLE.test(m.contentType))) {
    slides = media.map((m, i) => ({ text: i === 0 ? message.body : '', media: m }));
    attachments = [];
  } else {
    slides = [{ text: message.body, media: null }];
    attachments = media;
  }
  const text = slides.reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  return {
    profile: sent?.profile ?? null, budgetBytes: sent?.budget ?? null, fitted: sent !== null, slides, attachments,
    totalBytes: text + media.reduce((n, m) => n + m.bytes, 0),
  };
}

async function pormOf(services: Services, message: Message): Promise<{ porm: MessagePreviews['porm']; bound: BoundMessage | null }> {
  if (!message.rich) return { porm: null, bound: null };
  try {
    const view = await services.rich.pages.view(message.rich.pageToken);
    const base = `/m/${message.rich.pageToken}`;
    const html = renderMessageHtml(view.bound, { screen_width: 390 }, {
      base, now: services.clock.now(), appSchemes: services.rich.appSchemes, answeredForms: view.answeredForms, postbackAnswers: view.postbackAnswers,
    });
    return { porm: { html, styles: ['/m/assets/message.css', `${base}/theme.css?r=${view.revision}`] }, bound: view.bound };
  } catch (err) {
    if (err instanceof PormError) return { porm: { error: { code: err.code, message: err.message } }, bound: null };
    throw err;
  }
}

export async function messagePreviews(services: Services, message: Message): Promise<MessagePreviews> {
  const { encoding, segments } = countSegments(message.body);
  const { porm, bound } = await pormOf(services, message);
  return {
    porm, mms: await mmsOf(services, message, bound), channel: message.channel ?? null,
    sms: { encoding, segments, parts: message.body === '' ? [] : splitSegments(message.body, encoding) },
  };
}
