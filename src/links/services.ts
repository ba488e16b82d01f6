import type { Store } from '../store/store.ts';
import { ConversionService } from './conversions.ts';
import { LinkFollower, type ClickAnnouncer } from './follow-link.ts';
import { LinkQueries } from './link-queries.ts';
import { LinkSettingsService } from './link-settings.ts';
import { LinkShortener } from './link-shortener.ts';

/** Tracked links: shortening on the send path, clicks, the API's queries, settings and conversions. */
export interface LinkServices {
  settings: LinkSettingsService;
  shortener: LinkShortener;
  follower: LinkFollower;
  queries: LinkQueries;
  conversions: ConversionService;
}

export function linkServices(store: Store, now: () => number, publicUrl: () => string, announce: ClickAnnouncer | null = null): LinkServices {
  return {
    settings: new LinkSettingsService(store, now),
    shortener: new LinkShortener(store, publicUrl),
    follower: new LinkFollower(store, now, announce),
    queries: new LinkQueries(store, publicUrl),
    conversions: new ConversionService(store, now),
  };
}
