import type { BoundCard, BoundComponent, BoundMessage } from '../bound/model.ts';
import { formatMoment } from './dates.ts';
import { visibleComponents } from './device.ts';
import { ActionLines } from './mms-actions.ts';
import { MAX_SLIDES, MAX_SUBJECT_CHARS, type MmsOptions, type MmsPlan, type PlannedAudio, type PlannedSlide, type SlideVisual } from './mms-model.ts';
import { clip, factLine, mapLine, oneLine, runsText, splitLines } from './text.ts';
import { osmUrl } from '../render/map.ts';

// The middle tier of the fallback: the component tree flattened into SMIL slides for a phone
// that shows one picture and one text per slide. Reading order is kept; components without a
// picture fold into the slide being built; cards and codes start slides of their own.
//
// Device rules are decided for FALLBACK_DEVICE (device.ts): a 320 px light-mode phone that
// reports no capabilities, since a classic MMS reader cannot evaluate them itself.

interface Draft {
  visual: SlideVisual | null;
  audio: PlannedAudio | null;
  lines: string[];
  /** A card already owns this slide, so the next card takes a new one. */
  hasCard: boolean;
}

const draft = (): Draft => ({ visual: null, audio: null, lines: [], hasCard: false });
const isEmpty = (d: Draft): boolean => d.visual === null && d.audio === null && d.lines.length === 0;

class SlidePlanner {
  readonly drafts: Draft[] = [draft()];
  readonly actions: ActionLines;

  constructor(private readonly message: BoundMessage, private readonly options: MmsOptions) {
    this.actions = new ActionLines(options);
  }

  private get current(): Draft {
    return this.drafts[this.drafts.length - 1]!;
  }

  private fresh(): Draft {
    if (!isEmpty(this.current)) this.drafts.push(draft());
    return this.current;
  }

  private text(...lines: string[]): void {
    this.current.lines.push(...lines.filter((l) => l !== ''));
  }

  /** A picture joins the slide being built when it has room (MMS SMIL: no video with audio), else opens one. */
  private place(visual: SlideVisual): void {
    const d = this.current;
    const room = d.visual === null && !(visual.kind === 'video' && d.audio !== null);
    (room ? d : this.fresh()).visual = visual;
  }

  private card(card: BoundCard): void {
    const d = this.current;
    const clash = card.media?.type === 'video' && d.audio !== null;
    const slide = d.visual === null && !d.hasCard && !clash ? d : this.fresh();
    slide.hasCard = true;
    if (card.media !== null) slide.visual = { kind: card.media.type, key: card.media.key, url: card.media.url, alt: oneLine(card.media.alt) };
    this.text(oneLine(card.title), oneLine(card.subtitle ?? ''), ...splitLines(card.body ?? ''), ...card.facts.map(factLine));
    this.text(...card.buttons.map((b) => this.actions.line(b.label, b.action)));
    if (card.action !== null) this.text(this.actions.line('More', card.action));
  }

  add(c: BoundComponent): void {
    switch (c.type) {
      case 'heading':
        // A heading opens a section: it goes with what follows, not at the foot of a card or code slide.
        if (this.current.hasCard || this.current.visual?.kind === 'code') this.fresh();
        this.text(oneLine(c.text));
        break;
      case 'text': this.text(...splitLines(runsText(c.runs, true))); break;
      case 'image':
        this.place({ kind: 'image', key: c.key, url: c.url, alt: oneLine(c.alt) });
        if (c.action !== null) this.text(this.actions.line(c.alt, c.action));
        break;
      case 'video': this.place({ kind: 'video', key: c.key, url: c.url, alt: oneLine(c.alt) }); break;
      case 'audio': {
        const d = this.current;
        const slide = d.audio === null && d.visual?.kind !== 'video' ? d : this.fresh();
        slide.audio = { key: c.key, url: c.url, alt: oneLine(c.alt) };
        // The text names the clip, so an audio-only slide is never a blank screen.
        this.text(oneLine(c.title ?? '') || oneLine(c.alt) || 'Audio');
        break;
      }
      case 'card': this.card(c); break;
      case 'carousel': c.cards.forEach((card) => this.card(card)); break;
      case 'button': this.text(this.actions.line(c.label, c.action)); break;
      case 'button_row': this.text(...c.buttons.map((b) => this.actions.line(b.label, b.action))); break;
      case 'list':
        this.text(...c.items.map((item, i) => {
          const line = `${c.ordered ? `${i + 1}.` : '•'} ${oneLine(item.subtitle ? `${item.title} — ${item.subtitle}` : item.title)}`;
          return item.action === null ? line : this.actions.line(line, item.action);
        }));
        break;
      case 'facts': this.text(...c.facts.map(factLine)); break;
      // A countdown cannot tick in an MMS: the moment it counts to is shown instead.
      case 'countdown': this.text(`${oneLine(c.label ?? '') || 'Ends'}: ${formatMoment(c.to, this.message.locale)}`); break;
      case 'code': {
        const slide = this.fresh();
        slide.visual = { kind: 'code', key: c.key, format: c.format, value: c.value, alt: oneLine(c.alt) };
        this.text(...splitLines(c.caption ?? ''));
        break;
      }
      case 'map': {
        this.text(mapLine(c));
        const url = osmUrl(c);
        if (c.action !== null) this.text(this.actions.line('Map', c.action));
        else if (url !== null) this.text(`Map: ${url}`);
        break;
      }
      case 'form': this.text(oneLine(c.title ?? ''), `Answer here: ${this.options.pageUrl}`); break;
      case 'divider':
      case 'spacer':
        break;
    }
  }

  /** Past MAX_SLIDES, later slides give their text to the last one; their pictures stay on the page. */
  capped(): Draft[] {
    const kept = this.drafts.filter((d) => d.visual !== null || d.lines.length > 0);
    if (kept.length === 0) kept.push(draft());
    const last = kept[Math.min(kept.length, MAX_SLIDES) - 1]!;
    for (const extra of kept.slice(MAX_SLIDES)) last.lines.push(...extra.lines);
    return kept.slice(0, MAX_SLIDES);
  }
}

function subjectOf(components: readonly BoundComponent[]): string | null {
  const heading = components.find((c) => c.type === 'heading' && oneLine(c.text) !== '');
  const cards = components.flatMap((c) => (c.type === 'card' ? [c] : c.type === 'carousel' ? c.cards : []));
  const title = heading?.type === 'heading' ? heading.text : cards.find((c) => oneLine(c.title) !== '')?.title;
  return title === undefined ? null : clip(oneLine(title), MAX_SUBJECT_CHARS);
}

/** The MMS (SMIL slideshow) form of one recipient's message. Pure: media are referenced, not fetched. */
export function planMmsSlides(message: BoundMessage, options: MmsOptions): MmsPlan {
  const components = visibleComponents(message.components);
  const planner = new SlidePlanner(message, options);
  components.forEach((c) => planner.add(c));
  const drafts = planner.capped();
  const last = drafts[drafts.length - 1]!;
  const replies = message.quickReplies.map((q) => oneLine(q.label)).filter((l) => l !== '');
  if (replies.length > 0) last.lines.push(`Reply ${replies.join(' / ')}`);
  last.lines.push(`See the full message: ${options.pageUrl}`);
  const slides: PlannedSlide[] = drafts.map((d) => ({ visual: d.visual, audio: d.audio, text: d.lines.join('\n') }));
  const encoder = new TextEncoder();
  return {
    subject: subjectOf(components),
    slides,
    attachments: planner.actions.planned(),
    textBytes: slides.reduce((n, s) => n + encoder.encode(s.text).length, 0),
  };
}
