// UTM tagging of a link's destination: the parameters the sender configured are added, and a
// parameter the URL already carries is left as the sender wrote it.

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string>>;

/** `url` with the UTM parameters of `utm` it does not have yet; the fragment stays last. */
export function withUtm(url: string, utm: Utm): string {
  const entries = UTM_KEYS.flatMap((k) => (utm[k] !== undefined && utm[k] !== '' ? [[k, utm[k]] as const] : []));
  if (entries.length === 0) return url;
  const parsed = new URL(url);
  let changed = false;
  for (const [k, v] of entries) {
    if (parsed.searchParams.has(k)) continue;
    parsed.searchParams.append(k, v);
    changed = true;
  }
  return changed ? parsed.toString() : url;
}
