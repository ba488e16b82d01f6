import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { ContactService } from './contact-service.ts';
import { ListService } from './list-service.ts';

/** Contacts, lists, CSV imports and segments (src/contacts), as the API and the CLI call them. */
export interface ContactServices {
  contacts: ContactService;
  lists: ListService;
}

export function contactServices(store: Store, clock: Clock): ContactServices {
  return { contacts: new ContactService(store, clock), lists: new ListService(store, clock) };
}
