import type { BoundButton, BoundCard, BoundMessage } from '../bound/model.ts';
import { formatMoment } from './dates.ts';
import { visibleComponents } from './device.ts';
import { factLine, mapLine, oneLine, runsText, splitLines } from './text.ts';

// The lines an SMS fallback may carry, most important first: the headline, then the key facts
// (what, when, where, which code), then the rest of the prose. The SMS builder keeps as many as
// its budget allows, so this order decides what survives truncation.

interface Collected {
  headings: string[];
  cardTitles: string[];
  key: string[];
  other: string[];
}

function copyCodes(buttons: readonly BoundButton[], into: string[]): void {
  for (const b of buttons) if (b.action.kind === 'copy_code') into.push(`Code: ${oneLine(b.action.code)}`);
}

function addCard(card: BoundCard, c: Collected): void {
  const title = oneLine(card.title);
  if (title !== '') c.cardTitles.push(title);
  c.other.push(title, oneLine(card.subtitle ?? ''), ...splitLines(card.body ?? ''));
  c.key.push(...card.facts.map(factLine));
  copyCodes(card.buttons, c.key);
}

function collect(message: BoundMessage): Collected {
  const c: Collected = { headings: [], cardTitles: [], key: [], other: [] };
  for (const comp of visibleComponents(message.components)) {
    switch (comp.type) {
      case 'heading': c.headings.push(oneLine(comp.text)); c.other.push(oneLine(comp.text)); break;
      case 'text': c.other.push(...splitLines(runsText(comp.runs, false))); break;
      case 'card': addCard(comp, c); break;
      case 'carousel': comp.cards.forEach((card) => addCard(card, c)); break;
      case 'facts': c.key.push(...comp.facts.map(factLine)); break;
      case 'countdown': c.key.push(`${oneLine(comp.label ?? '') || 'Ends'}: ${formatMoment(comp.to, message.locale)}`); break;
      case 'map': c.key.push(mapLine(comp)); break;
      case 'button': copyCodes([comp], c.key); break;
      case 'button_row': copyCodes(comp.buttons, c.key); break;
      case 'list': c.other.push(...comp.items.map((i) => oneLine(i.subtitle ? `${i.title} — ${i.subtitle}` : i.title))); break;
      // Media, codes, forms, dividers and spacers have no useful plain text: the page link shows them.
      default: break;
    }
  }
  return c;
}

/** The message's SMS lines in priority order, without empty lines or repeats. */
export function smsLines(message: BoundMessage): string[] {
  const c = collect(message);
  const nonEmpty = (l: string): boolean => l !== '';
  const first = c.headings.find(nonEmpty) ?? c.cardTitles.find(nonEmpty) ?? c.other.find(nonEmpty);
  const ordered = [first ?? '', ...c.key, ...c.other].filter(nonEmpty);
  return [...new Set(ordered)];
}
