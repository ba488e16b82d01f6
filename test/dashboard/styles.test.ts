// The dashboard's one stylesheet is the frame's rules then each area's (src/dashboard/assets.ts).
// An area's rules must not reach another area's markup: every rule of an area's sheet hangs off a
// class (no bare element rules, which would hit every page), and no class is the root of rules in
// two sheets (a shared component is defined once, in the frame). Classes only used inside another
// area's class (`.tpl-edit .field`) are that area's business and allowed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_CSS } from '../../src/dashboard/assets.ts';
import { CAMPAIGNS_CSS } from '../../src/dashboard/styles/campaigns.ts';
import { COMPOSE_CSS } from '../../src/dashboard/styles/compose.ts';
import { CONTACTS_CSS } from '../../src/dashboard/styles/contacts.ts';
import { DEVELOPERS_CSS } from '../../src/dashboard/styles/developers.ts';
import { OVERVIEW_CSS } from '../../src/dashboard/styles/overview.ts';
import { TEMPLATES_CSS } from '../../src/dashboard/styles/templates.ts';

const SHEETS: Record<string, string> = { frame: FRAME_CSS, campaigns: CAMPAIGNS_CSS, compose: COMPOSE_CSS, contacts: CONTACTS_CSS, developers: DEVELOPERS_CSS, overview: OVERVIEW_CSS, templates: TEMPLATES_CSS };

/** Each rule's selectors (innermost blocks, so rules inside @media count too). */
function selectors(css: string): string[] {
  const plain = css.replace(/\/\*[^]*?\*\//g, '');
  return [...plain.matchAll(/([^{}]+)\{[^{}]*\}/g)].flatMap((m) => m[1]!.split(',')).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('@'));
}

/** The class a selector hangs off: the first class of its first compound, or null for an element/attribute rule. */
function rootClass(selector: string): string | null {
  const first = selector.split(/[\s>+~]+/)[0] ?? '';
  return /\.([A-Za-z][\w-]*)/.exec(first)?.[1] ?? null;
}

describe('dashboard stylesheets', () => {
  it('has no bare element rules in an area\'s sheet', () => {
    for (const [area, css] of Object.entries(SHEETS)) {
      if (area === 'frame') continue;
      const bare = selectors(css).filter((s) => rootClass(s) === null);
      assert.deepEqual(bare, [], `${area}'s sheet styles elements of every page`);
    }
  });

  it('roots each class in one sheet only', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [area, css] of Object.entries(SHEETS)) {
      for (const s of selectors(css)) {
        const c = rootClass(s);
        if (c === null) continue;
        const had = owner.get(c);
        if (had !== undefined && had !== area) clashes.push(`.${c}: ${had} and ${area}`);
        owner.set(c, had ?? area);
      }
    }
    assert.deepEqual([...new Set(clashes)], []);
  });
});
