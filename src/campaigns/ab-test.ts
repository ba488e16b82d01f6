import { PormError, type FieldError } from '../errors.ts';
import { compileBody } from './personalise.ts';

// A campaign's A/B test: variants of the message with weights, sent first to a test share of the
// audience; after the test window the variant with the best click (or conversion) rate is sent to
// everyone else. Pure: the input's checks, which contact is in the test group, which variant a
// test recipient gets, and which variant wins. The fan-out (fanout.ts) does the I/O.

export type AbMetric = 'clicks' | 'conversions';

export interface Variant {
  name: string;
  body: string;
  /** Relative share of the test group (1–100). */
  weight: number;
  mediaIds: string[];
}

export interface AbTest {
  variants: Variant[];
  /** Percentage of the audience in the test group (1–100; 100: every contact gets a variant and no winner is sent). */
  testPercent: number;
  metric: AbMetric;
  windowMinutes: number;
}

/** A variant's figures when the winner was chosen. */
export interface VariantResult {
  name: string;
  recipients: number;
  /** Recipients who clicked a tracked link (bots apart), or whose conversion was credited to the message. */
  successes: number;
  rate: number;
}

export const MAX_VARIANTS = 5;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,31}$/;
const DEFAULT_TEST_PERCENT = 20;
const DEFAULT_WINDOW_MINUTES = 240;
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

const whole = (n: unknown, min: number, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/**
 * The checked test, or PORM_CAMPAIGN_AB_INVALID with a pointer to each problem. Takes unknown
 * input: the API's schema has shaped it, but the CLI's --ab-test is any JSON a user typed.
 */
export function parseAbTest(input: unknown): AbTest {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string): void => {
    errors.push({ field: `/ab_test${field}`, code: 'PORM_CAMPAIGN_AB_INVALID', message });
  };
  const fields = isObject(input) ? input : {};
  if (!isObject(input)) bad('', 'an object with variants');
  const given = Array.isArray(fields.variants) ? (fields.variants as unknown[]) : [];
  if (given.length < 2 || given.length > MAX_VARIANTS) bad('/variants', `2 to ${MAX_VARIANTS} variants`);
  const names = new Set<string>();
  const variants = given.map((item, i): Variant => {
    const v = isObject(item) ? item : {};
    const name = typeof v.name === 'string' ? v.name : '';
    if (!NAME.test(name)) bad(`/variants/${i}/name`, '1 to 32 letters, digits, spaces or _ . -, starting with a letter or digit');
    else if (names.has(name.toLowerCase())) bad(`/variants/${i}/name`, `two variants are named ${name}`);
    names.add(name.toLowerCase());
    const weight = v.weight ?? 1;
    if (!whole(weight, 1, 100)) bad(`/variants/${i}/weight`, 'a whole number from 1 to 100 (relative to the other variants)');
    const body = typeof v.body === 'string' ? v.body : '';
    try {
      compileBody(body);
    } catch (err) {
      if (!(err instanceof PormError)) throw err;
      bad(`/variants/${i}/body`, err.message);
    }
    const media = v.media_ids ?? [];
    const mediaIds = Array.isArray(media) && media.every((m) => typeof m === 'string') ? media as string[] : [];
    if (mediaIds !== media) bad(`/variants/${i}/media_ids`, 'an array of media ids (med_…)');
    return { name, body, weight: Number(weight), mediaIds };
  });
  const testPercent = fields.test_percent ?? DEFAULT_TEST_PERCENT;
  if (!whole(testPercent, 1, 100)) bad('/test_percent', 'a whole percentage of the audience, 1 to 100');
  const windowMinutes = fields.window_minutes ?? DEFAULT_WINDOW_MINUTES;
  if (!whole(windowMinutes, 5, MAX_WINDOW_MINUTES)) bad('/window_minutes', `how long the test runs before the winner is chosen: 5 to ${MAX_WINDOW_MINUTES} minutes`);
  const metric = fields.metric ?? 'clicks';
  if (metric !== 'clicks' && metric !== 'conversions') bad('/metric', 'clicks or conversions');
  if (errors.length > 0) throw new PormError('PORM_CAMPAIGN_AB_INVALID', errors[0]!.message, errors);
  return { variants, testPercent: Number(testPercent), metric: metric as AbMetric, windowMinutes: Number(windowMinutes) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether the audience's contact number `index` (0-based, in the fan-out's order) is in the test
 * group: systematic sampling, so exactly round(n × percent / 100) of the first n contacts are, spread
 * evenly over the audience; the index is committed with the cursor, so a resumed fan-out continues
 * the same sequence.
 */
export function inTestGroup(index: number, testPercent: number): boolean {
  return Math.floor(((index + 1) * testPercent) / 100 + 0.5) > Math.floor((index * testPercent) / 100 + 0.5);
}

/**
 * The variant for test recipient number `index`: a smooth weighted round robin (as nginx balances
 * upstreams), so every window of the sequence holds the variants in proportion to their weights,
 * instead of one variant's whole share first.
 */
export function variantFor(index: number, variants: readonly Variant[]): Variant {
  const cycle = weightedCycle(variants.map((v) => v.weight));
  return variants[cycle[index % cycle.length]!]!;
}

const cycles = new Map<string, number[]>();
function weightedCycle(weights: number[]): number[] {
  const key = weights.join(',');
  const known = cycles.get(key);
  if (known) return known;
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const cycle: number[] = [];
  for (let step = 0; step < total; step++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i]! += weights[i]!;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    cycle.push(best);
  }
  cycles.set(key, cycle);
  return cycle;
}

/**
 * The winner: the highest rate; on a tie (no clicks at all, say) the heavier variant, then the
 * one listed first, so the choice is deterministic and says why in its figures.
 */
export function chooseWinner(test: AbTest, results: readonly VariantResult[]): string {
  const order = new Map(test.variants.map((v, i) => [v.name, { i, weight: v.weight }]));
  const ranked = [...results].sort((a, b) => b.rate - a.rate
    || (order.get(b.name)?.weight ?? 0) - (order.get(a.name)?.weight ?? 0)
    || (order.get(a.name)?.i ?? 0) - (order.get(b.name)?.i ?? 0));
  return ranked[0]?.name ?? test.variants[0]!.name;
}

export function rateOf(successes: number, recipients: number): number {
  return recipients === 0 ? 0 : Math.round((successes / recipients) * 10_000) / 10_000;
}
