import type { DeviceContext } from '../src/rich/bound/model.ts';
import { deviceClock } from '../src/rich/rules/device-clock.ts';

// The device context device rules read (src/rich/format/vocabulary.ts DEVICE_PATHS), measured in
// the browser. Nothing here prompts the reader: location is never asked for, so location_granted is
// false and country/region stay unreported (rules about them fall to their "otherwise" side).

type Capabilities = NonNullable<DeviceContext['capability']>;

function canPlay(tag: 'video' | 'audio', types: readonly string[]): boolean {
  const media = document.createElement(tag);
  return typeof media.canPlayType === 'function' && types.some((t) => media.canPlayType(t) !== '');
}

function capabilities(): Capabilities {
  return {
    // Calendar files and map links work on every phone: porm serves .ics and map redirects itself.
    calendar: true,
    map: true,
    video: canPlay('video', ['video/mp4', 'video/webm']),
    audio: canPlay('audio', ['audio/mpeg', 'audio/mp4', 'audio/ogg']),
    wallet: false,
    // Both exist only in secure contexts; present here means usable without a prompt for writes.
    clipboard: !!navigator.clipboard,
    share: typeof navigator.share === 'function',
  };
}

export function deviceContext(now = new Date()): DeviceContext {
  const locale = navigator.language || undefined;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    ...(locale === undefined ? {} : { locale, language: locale.split('-')[0]!.toLowerCase() }),
    ...deviceClock(now.getHours(), now.getMinutes(), now.getDay()),
    screen_width: window.innerWidth,
    dark_mode: dark,
    capability: capabilities(),
    location_granted: false,
  };
}
