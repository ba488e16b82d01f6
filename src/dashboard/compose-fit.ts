import { MessageFitter, type SentPart } from '../media/fit/fit-message.ts';
import { BUILTIN_PROFILES, findProfile } from '../media/profiles.ts';
import { isMediaError } from '../media/errors.ts';
import { defaultFfmpeg, isAvError } from '../media/av/index.ts';
import { MediaResolveError } from '../media/media-resolver.ts';
import type { MediaRef } from '../messages/model.ts';
import type { Services } from '../services.ts';

// The compose page's fitting preview: what each carrier profile would send for this text and these
// attachments, computed by the send pipeline's own MessageFitter (the same budget split, the same
// conversions, into the same variant cache the send then reuses). Nothing is sent or stored but
// the variants.

export interface ProfileFit {
  profile: string;
  /** The configured connectors that fit their messages to this profile. */
  carriers: string[];
  budgetBytes: number;
  parts: SentPart[];
  /** Why this profile cannot carry the attachments (its code and message), instead of parts. */
  error: { code: string; message: string } | null;
}

/** Every profile a message could be fitted to: the connectors' first, then the other built-in and configured ones. */
export function profilesInUse(services: Services): Array<{ profile: string; carriers: string[] }> {
  const byProfile = new Map<string, string[]>();
  for (const [name, carrier] of Object.entries(services.config.carriers)) {
    const list = byProfile.get(carrier.profile) ?? [];
    list.push(name);
    byProfile.set(carrier.profile, list);
  }
  for (const name of [...services.config.media.profiles.map((p) => p.name), ...Object.keys(BUILTIN_PROFILES)]) {
    if (!byProfile.has(name)) byProfile.set(name, []);
  }
  return [...byProfile].map(([profile, carriers]) => ({ profile, carriers }));
}

export async function fitPreview(services: Services, accountId: string, text: string, media: readonly MediaRef[]): Promise<ProfileFit[]> {
  if (media.length === 0) return [];
  const resolved = await services.resolver.resolve(accountId, media);
  const fitter = new MessageFitter(services.variants, services.config.media.profiles, defaultFfmpeg);
  const out: ProfileFit[] = [];
  for (const { profile, carriers } of profilesInUse(services)) {
    try {
      const fitted = await fitter.fit(text, resolved, profile);
      out.push({ profile, carriers, budgetBytes: fitted.budgetBytes, parts: fitted.parts, error: null });
    } catch (err) {
      if (!isMediaError(err) && !isAvError(err) && !(err instanceof MediaResolveError)) throw err;
      const code = 'code' in err && typeof err.code === 'string' ? err.code : 'PORM_MEDIA_FETCH_FAILED';
      out.push({ profile, carriers, budgetBytes: findProfile(profile, services.config.media.profiles)?.maxMessageBytes ?? 0, parts: [], error: { code, message: err.message } });
    }
  }
  return out;
}
