import { PormError } from '../../errors.ts';
import type { DeviceContext } from '../bound/model.ts';
import type { CompiledDocument } from '../expand/index.ts';
import { barcodePng, buildIcs, buildSmsText, planMmsSlides } from '../fallback/index.ts';
import { renderMessageHtml, themeCss } from '../render/index.ts';
import { pageUrl } from '../page-url.ts';
import { actionLink } from '../send/compose-outgoing.ts';

export interface PreviewInput {
  /** Recipient data; without it the slots' examples are used. */
  data?: Record<string, unknown>;
  device?: DeviceContext;
  revision: number;
  now: number;
  /** The server's public base URL, for the sample page link. */
  baseUrl: string;
}

/** A page link as long as a real one, so the SMS preview counts the same characters. */
const SAMPLE_TOKEN = 'PREVIEWxxxxxxxxxxxxxxx';

/**
 * All three delivery forms of one template for one recipient, without sending anything: the
 * porm page's HTML and CSS, the MMS slides with the bytes of what porm draws itself (text, ticket
 * codes, calendar files; pictures are fetched and fitted at send time), and the SMS text with its
 * encoding and segment count. The porm form's notification is the SMS-sized link message.
 */
export async function previewTemplate(compiled: CompiledDocument, input: PreviewInput) {
  const bound = compiled.bind({
    data: input.data ?? {}, revision: input.revision, variantSeed: 'preview', now: input.now, ...(input.data === undefined ? { useExamples: true } : {}),
  });
  if (!bound.ok) throw bound.error;
  const message = bound.message;
  const link = pageUrl(input.baseUrl, SAMPLE_TOKEN);
  const sms = buildSmsText(message, { pageUrl: link, maxSegments: 1 });
  const plan = planMmsSlides(message, { pageUrl: link, linkFor: (id) => actionLink(input.baseUrl, SAMPLE_TOKEN, id) });
  const slides = [];
  for (const s of plan.slides) {
    let visualBytes: number | null = null;
    if (s.visual?.kind === 'code') {
      try {
        visualBytes = (await barcodePng(s.visual.format, s.visual.value)).length;
      } catch (err) {
        throw err instanceof PormError ? err : new PormError('PORM_RICH_DATA_INVALID', (err as Error).message);
      }
    }
    slides.push({ text: s.text, text_bytes: Buffer.byteLength(s.text), visual: s.visual, visual_bytes: visualBytes, audio: s.audio });
  }
  const attachments = plan.attachments.map((a) => ({
    kind: a.kind, filename: a.filename, bytes: Buffer.byteLength(buildIcs({ uid: `preview-${a.actionId}@porm`, ...a.event }, input.now)),
  }));
  const base = `/m/${SAMPLE_TOKEN}`;
  return {
    object: 'template_preview' as const,
    revision: input.revision,
    variant: message.variant,
    warnings: bound.warnings,
    missing: bound.missing,
    porm: {
      html: renderMessageHtml(message, input.device ?? { screen_width: 390 }, { base, now: input.now }),
      css: themeCss(message.theme),
      notification: { text: sms.text, bytes: Buffer.byteLength(sms.text), encoding: sms.encoding, segments: sms.segments },
      instructions: message,
    },
    mms: { subject: plan.subject, slides, attachments },
    sms: { text: sms.text, encoding: sms.encoding, segments: sms.segments, units: sms.units },
  };
}
