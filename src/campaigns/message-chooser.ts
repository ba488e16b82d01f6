import { compileTemplate, type CompiledTemplate } from '../rich/binding/index.ts';
import type { Campaign } from './model.ts';
import { inTestGroup, variantFor, type Variant } from './ab-test.ts';

/** What one recipient is sent: the compiled body, its media, and the A/B variant's name (null without a test). */
export interface Chosen {
  template: CompiledTemplate;
  mediaIds: string[];
  variant: string | null;
}

export interface Chooser {
  /** The next audience contact's message, or null: in a test's first phase, outside the test group. */
  (): Chosen | null;
  /** The sampling's position after the contacts chosen so far, committed with the cursor. */
  seen(): number;
  tested(): number;
}

/**
 * One batch's choice of message per contact, in the audience's order. Without an A/B test everyone
 * gets the body; in the test phase every contact advances the systematic sample and test recipients
 * get the variants in weighted rotation; afterwards everyone left gets the winner. Bodies were
 * checked when the campaign was created, so compiling them here cannot fail.
 */
export function messageChooser(campaign: Campaign, seenBefore: number, testedBefore: number): Chooser {
  const compiled = new Map<string, CompiledTemplate>();
  const compile = (body: string): CompiledTemplate => {
    let template = compiled.get(body);
    if (!template) compiled.set(body, (template = compileTemplate(body)));
    return template;
  };
  const ofVariant = (v: Variant): Chosen => ({ template: compile(v.body), mediaIds: v.mediaIds.length > 0 ? v.mediaIds : campaign.mediaIds, variant: v.name });
  let seen = seenBefore;
  let tested = testedBefore;
  const ab = campaign.ab;
  const choose = (): Chosen | null => {
    // A template campaign binds its template per recipient (fanout.ts); its empty body is never rendered.
    if (ab === null) return { template: compile(campaign.template !== null ? '' : campaign.body), mediaIds: campaign.mediaIds, variant: null };
    if (ab.phase === 'rest') {
      const winner = ab.test.variants.find((v) => v.name === ab.winner) ?? ab.test.variants[0]!;
      return ofVariant(winner);
    }
    const index = seen++;
    if (!inTestGroup(index, ab.test.testPercent)) return null;
    return ofVariant(variantFor(tested++, ab.test.variants));
  };
  return Object.assign(choose, { seen: () => seen, tested: () => tested });
}
