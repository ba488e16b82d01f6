import type { BoundTheme } from '../bound/model.ts';
import { relativeLuminance } from '../format/contrast.ts';
import type { Font } from '../format/types.ts';

// The theme becomes CSS custom properties only. Every value is re-validated here, whatever the
// expander did: colours must be exactly #rrggbb, the radius a clamped number, the font a key of a
// fixed table. Nothing from the theme is copied into the CSS as text, so it cannot break out of
// the declaration (`red;}body{…}`, `</style>`, `expression(`).

/** System font stacks only: a name that is installed locally is used, nothing is downloaded. */
export const FONT_STACKS: Readonly<Record<Font, string>> = Object.freeze({
  system: 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif',
  'sans-serif': '"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif',
  serif: 'Georgia,"Times New Roman","Noto Serif","Liberation Serif",serif',
  monospace: 'ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono",monospace',
  rounded: 'ui-rounded,"SF Pro Rounded","Arial Rounded MT Bold",system-ui,sans-serif',
  inter: 'Inter,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif',
  roboto: 'Roboto,system-ui,-apple-system,"Segoe UI",sans-serif',
  'open-sans': '"Open Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif',
  lato: 'Lato,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif',
  merriweather: 'Merriweather,Georgia,"Noto Serif",serif',
  'noto-sans': '"Noto Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif',
  'noto-serif': '"Noto Serif",Georgia,"Times New Roman",serif',
});

/** Used for any theme value that fails validation (the docs' reference theme). */
export const DEFAULT_THEME: BoundTheme = Object.freeze({
  primaryColor: '#0b5fff',
  backgroundColor: '#ffffff',
  textColor: '#1a1a1a',
  accentColor: '#0b5fff',
  onPrimaryColor: '#ffffff',
  font: 'system',
  cornerRadius: 12,
});

export const MAX_CORNER_RADIUS = 32;
const HEX = /^#[0-9a-fA-F]{6}$/;

function colour(value: unknown, fallback: string): string {
  return typeof value === 'string' && HEX.test(value) ? value.toLowerCase() : fallback;
}

function radius(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_THEME.cornerRadius;
  // Whole pixels: also keeps exponent notation (1e-7) out of the CSS.
  return Math.round(Math.min(MAX_CORNER_RADIUS, Math.max(0, value)));
}

function fontStack(value: unknown): string {
  return typeof value === 'string' && Object.hasOwn(FONT_STACKS, value) ? FONT_STACKS[value as Font] : FONT_STACKS.system;
}

/**
 * `.porm-msg{--porm-primary:#…;…}`, served by the server as its own stylesheet. color-scheme
 * follows the theme background so native controls (inputs, scrollbars) match the author's colours;
 * the theme, not the phone's dark mode, decides the look (authors can branch on device.dark_mode).
 */
export function themeCss(theme: BoundTheme): string {
  const t = (typeof theme === 'object' && theme !== null ? theme : DEFAULT_THEME) as Partial<Record<keyof BoundTheme, unknown>>;
  const primary = colour(t.primaryColor, DEFAULT_THEME.primaryColor);
  const bg = colour(t.backgroundColor, DEFAULT_THEME.backgroundColor);
  const text = colour(t.textColor, DEFAULT_THEME.textColor);
  const accent = colour(t.accentColor, primary);
  const onPrimary = colour(t.onPrimaryColor, DEFAULT_THEME.onPrimaryColor);
  const scheme = relativeLuminance(bg) < 0.18 ? 'dark' : 'light';
  return [
    `.porm-msg{--porm-primary:${primary}`,
    `--porm-bg:${bg}`,
    `--porm-text:${text}`,
    `--porm-accent:${accent}`,
    `--porm-on-primary:${onPrimary}`,
    `--porm-font:${fontStack(t.font)}`,
    `--porm-radius:${radius(t.cornerRadius)}px`,
    `color-scheme:${scheme}}\n`,
  ].join(';');
}
