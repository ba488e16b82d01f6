import { z } from 'zod';
import { MediaError } from './errors.ts';

// Carrier media profiles: what one route accepts. Pure data plus a zod schema for user-defined
// profiles in the configuration. Sizes: docs/reference carrier-apis.md §3 (600 KB is the safe
// maximum across US carriers and sender types; 1 MB is AT&T/Verizon 10DLC; the OMA "Image Rich"
// content class is 100 KB at 640×480). KB here is 1000 bytes: carriers quote decimal KB and the
// smaller reading is the safe one.

export const IMAGE_FORMATS = ['image/jpeg', 'image/png', 'image/gif'] as const;
export const VIDEO_CONTAINERS = ['video/mp4', 'video/3gpp'] as const;
export const VIDEO_CODECS = ['h264-baseline', 'h263', 'mpeg4-sp'] as const;
export const VIDEO_AUDIO_CODECS = ['aac-lc', 'amr-nb'] as const;
export const AUDIO_FORMATS = ['audio/amr', 'audio/aac', 'audio/mp4', 'audio/mpeg'] as const;
export const DOCUMENT_FORMATS = ['text/plain', 'text/vcard', 'text/calendar', 'application/pdf'] as const;

const box = z.object({
  maxWidth: z.number().int().min(16).max(8192),
  maxHeight: z.number().int().min(16).max(8192),
}).strict();

const videoFormat = z.object({
  container: z.enum(VIDEO_CONTAINERS),
  video: z.enum(VIDEO_CODECS),
  audio: z.enum(VIDEO_AUDIO_CODECS),
}).strict();

/** One carrier profile as written in the configuration (`media.profiles[]`). */
export const carrierProfileSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  /** The whole encoded message: text, SMIL, MIME headers and every part together. */
  maxMessageBytes: z.number().int().min(10_000).max(10_000_000),
  image: box.extend({ formats: z.array(z.enum(IMAGE_FORMATS)).min(1) }).strict(),
  /** null: the route takes no video. */
  video: box.extend({ formats: z.array(videoFormat).min(1) }).strict().nullable(),
  audio: z.array(z.enum(AUDIO_FORMATS)),
  documents: z.array(z.enum(DOCUMENT_FORMATS)),
}).strict();

export const carrierProfilesSchema = z.array(carrierProfileSchema).refine(
  (list) => new Set(list.map((p) => p.name)).size === list.length, 'profile names must be unique',
);

export type CarrierProfile = z.infer<typeof carrierProfileSchema>;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export type VideoFormat = z.infer<typeof videoFormat>;

const US_VIDEO: readonly VideoFormat[] = [
  { container: 'video/mp4', video: 'h264-baseline', audio: 'aac-lc' },
  { container: 'video/3gpp', video: 'h264-baseline', audio: 'aac-lc' },
  { container: 'video/3gpp', video: 'h263', audio: 'amr-nb' },
];

const US_AUDIO: CarrierProfile['audio'] = ['audio/amr', 'audio/aac', 'audio/mp4', 'audio/mpeg'];
const US_DOCS: CarrierProfile['documents'] = ['text/plain', 'text/vcard', 'text/calendar'];

/** The built-in profiles. Frozen: callers derive new ones, they do not edit these. */
export const BUILTIN_PROFILES: Readonly<Record<string, CarrierProfile>> = deepFreeze({
  // Safe everywhere in the US (Telnyx: "safe maximum across all carriers and sender types").
  'us-600k': {
    name: 'us-600k', maxMessageBytes: 600_000,
    image: { maxWidth: 1600, maxHeight: 1600, formats: ['image/jpeg', 'image/png', 'image/gif'] },
    video: { maxWidth: 854, maxHeight: 480, formats: [...US_VIDEO] },
    audio: [...US_AUDIO], documents: [...US_DOCS],
  },
  // AT&T and Verizon 10DLC long codes.
  'us-1m': {
    name: 'us-1m', maxMessageBytes: 1_000_000,
    image: { maxWidth: 2048, maxHeight: 2048, formats: ['image/jpeg', 'image/png', 'image/gif'] },
    video: { maxWidth: 1280, maxHeight: 720, formats: [...US_VIDEO] },
    audio: [...US_AUDIO], documents: [...US_DOCS],
  },
  // Toll-free numbers: 600 KB on all three major carriers.
  'toll-free': {
    name: 'toll-free', maxMessageBytes: 600_000,
    image: { maxWidth: 1600, maxHeight: 1600, formats: ['image/jpeg', 'image/png', 'image/gif'] },
    video: { maxWidth: 854, maxHeight: 480, formats: [...US_VIDEO] },
    audio: [...US_AUDIO], documents: [...US_DOCS],
  },
  // OMA MMS conformance, Image Rich content class: what every MMS handset must accept.
  // No video in this class; speech audio as AMR-NB.
  'mms-conformance-rich': {
    name: 'mms-conformance-rich', maxMessageBytes: 100_000,
    image: { maxWidth: 640, maxHeight: 480, formats: ['image/jpeg', 'image/gif'] },
    video: null,
    audio: ['audio/amr'], documents: ['text/plain', 'text/vcard', 'text/calendar'],
  },
});

export type BuiltinProfileName = 'us-600k' | 'us-1m' | 'toll-free' | 'mms-conformance-rich';

/** Validates user-defined profiles from the configuration; names may not shadow the built-ins. */
export function parseProfiles(input: unknown): CarrierProfile[] {
  const parsed = carrierProfilesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MediaError('PORM_MEDIA_PROFILE_INVALID', `${issue.path.join('.') || '(profiles)'}: ${issue.message}`);
  }
  for (const p of parsed.data) {
    if (p.name in BUILTIN_PROFILES) throw new MediaError('PORM_MEDIA_PROFILE_INVALID', `${p.name}: a built-in profile has this name`);
  }
  return parsed.data;
}

/** A profile by name: user-defined ones first (already validated), then the built-ins. */
export function findProfile(name: string, custom: readonly CarrierProfile[] = []): CarrierProfile | undefined {
  return custom.find((p) => p.name === name) ?? BUILTIN_PROFILES[name];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
