import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_PROFILES, carrierProfileSchema, findProfile, parseProfiles, type CarrierProfile } from './profiles.ts';
import { isMediaError } from './errors.ts';

const custom: CarrierProfile = {
  name: 'acme-500k', maxMessageBytes: 500_000,
  image: { maxWidth: 1024, maxHeight: 1024, formats: ['image/jpeg'] },
  video: { maxWidth: 640, maxHeight: 480, formats: [{ container: 'video/3gpp', video: 'h263', audio: 'amr-nb' }] },
  audio: ['audio/amr'], documents: ['text/plain'],
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isMediaError(err));
    return err.code;
  }
  return 'returned';
}

describe('carrier profiles', () => {
  it('has the four built-ins with the documented budgets, all valid under the config schema', () => {
    const budgets = Object.fromEntries(Object.values(BUILTIN_PROFILES).map((p) => [p.name, p.maxMessageBytes]));
    assert.deepEqual(budgets, { 'us-600k': 600_000, 'us-1m': 1_000_000, 'toll-free': 600_000, 'mms-conformance-rich': 100_000 });
    for (const p of Object.values(BUILTIN_PROFILES)) assert.ok(carrierProfileSchema.safeParse(p).success, p.name);
    const rich = BUILTIN_PROFILES['mms-conformance-rich']!;
    assert.deepEqual([rich.image.maxWidth, rich.image.maxHeight, rich.video], [640, 480, null]);
    assert.ok(BUILTIN_PROFILES['us-600k']!.video!.formats.some((f) => f.container === 'video/mp4' && f.video === 'h264-baseline' && f.audio === 'aac-lc'));
  });

  it('freezes the built-ins', () => {
    assert.throws(() => { (BUILTIN_PROFILES['us-600k'] as { maxMessageBytes: number }).maxMessageBytes = 1; }, TypeError);
    assert.throws(() => { (BUILTIN_PROFILES['us-600k']!.image.formats as string[]).push('image/webp'); }, TypeError);
  });

  it('accepts a valid user-defined profile and finds it before the built-ins', () => {
    const parsed = parseProfiles([custom]);
    assert.deepEqual(parsed, [custom]);
    assert.equal(findProfile('acme-500k', parsed), parsed[0]);
    assert.equal(findProfile('us-1m', parsed)?.maxMessageBytes, 1_000_000);
    assert.equal(findProfile('nope', parsed), undefined);
  });

  it('refuses malformed profiles with PORM_MEDIA_PROFILE_INVALID', () => {
    const bad: unknown[] = [
      [{ ...custom, maxMessageBytes: 0 }],
      [{ ...custom, image: { ...custom.image, formats: ['image/webp'] } }],
      [{ ...custom, image: { ...custom.image, formats: [] } }],
      [{ ...custom, name: 'Has Spaces' }],
      [{ ...custom, extra: true }],
      [{ ...custom, video: { ...custom.video, formats: [{ container: 'video/mp4', video: 'hevc', audio: 'aac-lc' }] } }],
      [custom, custom],
      [{ ...custom, name: 'us-600k' }],
      'not a list',
    ];
    for (const input of bad) assert.equal(codeOf(() => parseProfiles(input)), 'PORM_MEDIA_PROFILE_INVALID', JSON.stringify(input));
  });
});
