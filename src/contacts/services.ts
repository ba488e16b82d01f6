import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { ContactService } from './contact-service.ts';
import { ListService } from './list-service.ts';
import { ContactImports } from './import/import-service.ts';
import { SegmentService } from './segments/segment-service.ts';
import { ContactTimeline } from './timeline/contact-timeline.ts';

/** Contacts, lists, CSV imports and segments (src/contacts), as the API and the CLI call them. */
export interface ContactServices {
  contacts: ContactService;
  lists: ListService;
  imports: ContactImports;
  segments: SegmentService;
  timeline: ContactTimeline;
}

export function contactServices(store: Store, clock: Clock): ContactServices {
  return { contacts: new ContactService(store, clock), lists: new ListService(store, clock), imports: new ContactImports(store, clock), segments: new SegmentService(store, clock), timeline: new ContactTimeline(store) };
}
