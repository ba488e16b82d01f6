import type { BoundComponent } from '../bound/model.ts';
import { linkAttrs, tapControl } from './actions.ts';
import { type RenderContext, keyAttr } from './context.ts';
import { attr, esc, encodeComponent } from './escape.ts';
import { STRINGS } from './strings.ts';

// Maps render without tiles (porm may run on a closed network and must not leak the reader's
// position to a tile server): a pin, the place, and a link that opens the phone's map app or
// OpenStreetMap.

type MapComponent = Extract<BoundComponent, { type: 'map' }>;

/** Static markup written here, not from the message. */
const PIN = '<svg class="porm-map-pin" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24"><path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/></svg>';

/** At most 6 decimals (~0.1 m) and never exponent notation, which map sites do not parse. */
function coord(n: number): string {
  return String(Number(n.toFixed(6)));
}

function validLatLng(lat: number | null, lng: number | null): lat is number {
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/**
 * The one OpenStreetMap link porm builds (page, redirects, MMS and SMS forms): with `directions`,
 * OpenStreetMap's directions page to the coordinates or to the place (its `to` field, which it looks
 * up; the reader's phone fills in where they are); otherwise a pin at the coordinates or a search for
 * the place. OpenStreetMap needs no API key and tracks nobody. Null when there is neither.
 */
export function osmUrl(m: { lat: number | null; lng: number | null; query: string | null; zoom?: number; directions?: boolean }): string | null {
  if (validLatLng(m.lat, m.lng)) {
    const lat = coord(m.lat);
    const lng = coord(m.lng!);
    if (m.directions) return `https://www.openstreetmap.org/directions?to=${lat}%2C${lng}`;
    const z = m.zoom !== undefined && Number.isFinite(m.zoom) ? Math.min(19, Math.max(1, Math.round(m.zoom))) : 16;
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=${z}/${lat}/${lng}`;
  }
  // eslint-disable-next-line no-control-regex -- control characters become spaces: a search is one line
  const query = (m.query ?? '').replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  if (query === '') return null;
  return m.directions ? `https://www.openstreetmap.org/directions?to=${encodeComponent(query)}` : `https://www.openstreetmap.org/search?query=${encodeComponent(query)}`;
}

export function renderMap(m: MapComponent, ctx: RenderContext): string {
  const actionLink = m.action === null ? null : linkAttrs(m.action, ctx);
  const osm = actionLink === null ? osmUrl(m) : null;
  const link = actionLink !== null
    ? `<a class="porm-btn porm-btn-secondary"${actionLink}>${esc(STRINGS.openInMaps)}</a>`
    : osm !== null ? `<a class="porm-btn porm-btn-secondary"${attr('href', osm)} rel="noreferrer">${esc(STRINGS.openInMaps)}</a>` : '';
  const label = m.label === null || m.label === '' ? '' : `<p class="porm-map-label">${esc(m.label)}</p>`;
  const query = m.query === null || m.query === '' || m.query === m.label ? '' : `<p class="porm-map-query">${esc(m.query)}</p>`;
  const name = m.alt.trim() === '' ? '' : attr('aria-label', m.alt);
  return `<div class="porm-map" role="group"${name}${keyAttr(m.key)}>${PIN}<div class="porm-map-text">${label}${query}</div>${link}${tapControl(m.action, m.label ?? '', ctx)}</div>`;
}
