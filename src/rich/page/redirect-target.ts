import type { BoundAction } from '../bound/model.ts';
import { osmUrl } from '../render/map.ts';

// Where porm's tracked link (/m/{token}/go/{id}) sends the recipient for each kind of action.
// Pure. Actions that stay on the page (postback, forms, copy code) have no redirect.

export function redirectTarget(action: BoundAction, sender: string): string | undefined {
  switch (action.kind) {
    case 'open_url': return action.url;
    // Without script the page cannot tell whether the app is installed: the web fallback is the safe target.
    case 'deep_link': return action.fallbackUrl;
    case 'call': return `tel:${action.phone}`;
    case 'sms_reply': return `sms:${action.to ?? sender}?body=${encodeURIComponent(action.body)}`;
    case 'show_on_map': return osmUrl({ lat: action.lat, lng: action.lng, query: action.query ?? action.label, directions: action.directions }) ?? undefined;
    default: return undefined;
  }
}
