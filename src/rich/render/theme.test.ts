import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundTheme } from '../bound/model.ts';
import { FONTS } from '../format/types.ts';
import { fixtureTheme } from './fixtures.ts';
import { BASE_CSS, DEFAULT_THEME, FONT_STACKS, themeCss } from './index.ts';

const SHAPE = /^\.porm-msg\{--porm-primary:#[0-9a-f]{6};--porm-bg:#[0-9a-f]{6};--porm-text:#[0-9a-f]{6};--porm-accent:#[0-9a-f]{6};--porm-on-primary:#[0-9a-f]{6};--porm-font:[^;{}<>\\]+;--porm-radius:\d{1,2}px;color-scheme:(light|dark)\}\n$/;
const css = (t: Partial<Record<keyof BoundTheme, unknown>>): string => themeCss({ ...fixtureTheme, ...t } as BoundTheme);

describe('themeCss', () => {
  it('writes the theme as custom properties', () => {
    assert.equal(themeCss(fixtureTheme), `.porm-msg{--porm-primary:#0b5fff;--porm-bg:#ffffff;--porm-text:#1a1a1a;--porm-accent:#0b5fff;--porm-on-primary:#ffffff;--porm-font:${FONT_STACKS.inter};--porm-radius:12px;color-scheme:light}\n`);
  });

  const INJECTIONS = ['red;}body{background:url(//evil)}', 'expression(alert(1))', '</style><script>alert(1)</script>', '#fff', '#0b5fff;}', '#0b5fffx', ' #0b5fff', '#0b5fff\n', 'url(//evil)', '', null, 42, { toString: () => '#000000' }];
  for (const bad of INJECTIONS) {
    it(`falls back to defaults for colour ${JSON.stringify(String(bad))}`, () => {
      for (const key of ['primaryColor', 'backgroundColor', 'textColor', 'onPrimaryColor'] as const) {
        const out = css({ [key]: bad });
        assert.match(out, SHAPE);
        assert.ok(out.includes(`:${DEFAULT_THEME[key]};`) || out.includes(`:${DEFAULT_THEME[key]}}`), key);
        for (const frag of ['url(', 'expression', '</', 'evil', 'script']) assert.ok(!out.includes(frag), frag);
      }
    });
  }

  it('uses the primary colour when the accent is invalid', () => {
    assert.ok(css({ primaryColor: '#112233', accentColor: 'red' }).includes('--porm-accent:#112233;'));
  });

  it('maps every FONTS name to a system stack and anything else to the system stack', () => {
    for (const f of FONTS) assert.ok(css({ font: f }).includes(`--porm-font:${FONT_STACKS[f]};`), f);
    for (const f of ['Comic Sans', '__proto__', 'constructor', 'toString', 'x;}body{color:red', '"Inter"', 7]) {
      const out = css({ font: f });
      assert.ok(out.includes(`--porm-font:${FONT_STACKS.system};`), String(f));
    }
    for (const stack of Object.values(FONT_STACKS)) assert.ok(!/url\(|@import|;|\{|\}/.test(stack));
  });

  it('clamps the corner radius to 0..32 whole pixels', () => {
    const r = (v: unknown) => /--porm-radius:(\d+)px/.exec(css({ cornerRadius: v }))![1];
    assert.equal(r(12), '12');
    assert.equal(r(-5), '0');
    assert.equal(r(1e9), '32');
    assert.equal(r(1e-7), '0');
    assert.equal(r(7.6), '8');
    assert.equal(r(Number.NaN), '12');
    assert.equal(r(Number.POSITIVE_INFINITY), '12');
    assert.equal(r('12px;}body{x:y'), '12');
  });

  it('picks color-scheme from the background so native controls match', () => {
    assert.ok(css({ backgroundColor: '#101418', textColor: '#f0f0f0' }).includes('color-scheme:dark}'));
    assert.ok(css({ backgroundColor: '#FFFFFF' }).includes('--porm-bg:#ffffff;'));
  });

  it('survives a theme that is not an object', () => {
    assert.match(themeCss(null as unknown as BoundTheme), SHAPE);
  });
});

describe('BASE_CSS', () => {
  it('keeps [hidden] hidden even on elements whose class sets display', () => {
    assert.ok(BASE_CSS.includes('.porm-msg [hidden]{display:none!important}'));
  });

  it('is static CSS: no imports, no external URLs, no expressions, balanced braces', () => {
    assert.ok(!/@import|url\(|expression|<\/?style|javascript/i.test(BASE_CSS));
    assert.equal(BASE_CSS.split('{').length, BASE_CSS.split('}').length);
  });

  it('styles every class the renderer relies on for layout', () => {
    for (const cls of ['porm-msg', 'porm-card', 'porm-slides', 'porm-btn-primary', 'porm-btn-destructive', 'porm-vh', 'porm-error', 'porm-chip', 'porm-spacer-large', 'porm-ar-16-9', 'porm-thumb', 'porm-copy-code']) {
      assert.ok(BASE_CSS.includes(`.${cls}`), cls);
    }
    assert.ok(BASE_CSS.includes('max-width:560px'));
  });
});
