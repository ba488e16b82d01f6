import type { BoundAction } from '../bound/model.ts';
import { parseIsoMoment } from './dates.ts';
import { icsFilename } from './ics.ts';
import type { MmsOptions, PlannedAttachment } from './mms-model.ts';
import { oneLine } from './text.ts';

// A classic MMS has no buttons: each action becomes a labelled line of text the phone can act
// on by itself (a link it opens, a number it dials, words to reply with).

export class ActionLines {
  private readonly attachments = new Map<string, PlannedAttachment>();
  private readonly filenames = new Set<string>();

  constructor(private readonly options: MmsOptions) {}

  /** The line that stands in for a button (or a tappable image, card, list item or map). */
  line(label: string, action: BoundAction): string {
    const name = oneLine(label) || 'Open';
    switch (action.kind) {
      case 'open_url':
      case 'deep_link':
      case 'show_on_map':
        return `${name}: ${this.options.linkFor(action.id)}`;
      // Postbacks and forms need porm's page to send the press or the answers.
      case 'postback':
      case 'submit_form':
        return `${name}: ${this.options.pageUrl}`;
      case 'call':
        return `${name}: ${oneLine(action.phone)}`;
      case 'sms_reply': {
        const to = oneLine(action.to ?? '');
        return `Reply "${oneLine(action.body)}"${to === '' ? '' : ` to ${to}`}`;
      }
      case 'copy_code':
        return `Code: ${oneLine(action.code)}`;
      case 'add_to_calendar':
        // A start no calendar can read would make an unusable file; the page explains the event instead.
        if (parseIsoMoment(action.start) === null) return `${name}: ${this.options.pageUrl}`;
        this.attach(action);
        return `${name}: see the attached calendar file`;
    }
  }

  private attach(action: Extract<BoundAction, { kind: 'add_to_calendar' }>): void {
    if (this.attachments.has(action.id)) return;
    const base = icsFilename(action.title).slice(0, -4);
    let filename = `${base}.ics`;
    for (let n = 2; this.filenames.has(filename); n++) filename = `${base}-${n}.ics`;
    this.filenames.add(filename);
    this.attachments.set(action.id, {
      kind: 'ics',
      actionId: action.id,
      filename,
      event: { title: action.title, start: action.start, end: action.end, location: action.location, description: action.description, url: this.options.pageUrl },
    });
  }

  planned(): PlannedAttachment[] {
    return [...this.attachments.values()];
  }
}
