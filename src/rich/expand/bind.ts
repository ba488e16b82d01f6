import { PormError, type FieldError } from '../../errors.ts';
import { BOUND_VERSION, type BoundMessage } from '../bound/model.ts';
import { buildTree, type Plan } from './compile-plan.ts';
import { BindContext } from './context.ts';
import { isPlainRecord, prepareData } from './data.ts';
import { EMPTY_MESSAGE_WARNING } from './drop.ts';
import type { BindInput, BindResult } from './types.ts';
import { collect } from './units.ts';

// One recipient: prepare the slots, stop if a blocking slot is missing, choose the tree, run the
// compiled closures. Domain failures become `{ ok: false }`; anything else is a bug and is thrown.

const NO_HISTORY: Readonly<Record<string, unknown>> = Object.freeze({});

export function bindPlan(plan: Plan, input: BindInput): BindResult {
  try {
    return bindOrThrow(plan, input);
  } catch (err) {
    if (err instanceof PormError) return { ok: false, error: err };
    throw err;
  }
}

function bindOrThrow(plan: Plan, input: BindInput): BindResult {
  const prepared = prepareData(plan.slots, input.data, input.useExamples === true);
  if (prepared.blocked.length > 0) return blocked(prepared.blocked);

  const now = typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now();
  const history = isPlainRecord(input.history) ? input.history : NO_HISTORY;
  const ctx = new BindContext(prepared.data, history, prepared.missing, { now: clock(now) }, plan.policies);
  ctx.warnings.push(...prepared.warnings);

  const chosen = plan.pickVariant(String(input.variantSeed), ctx);
  const tree = chosen < 0 ? plan.root : plan.variants[chosen]!;
  const components = buildTree(tree, ctx);
  const quickReplies = collect(ctx, plan.quickReplies);
  if (ctx.blocked.length > 0) return blocked(ctx.blocked);
  if (components.length === 0) ctx.warnings.push({ pointer: '/components', code: EMPTY_MESSAGE_WARNING, message: 'every component was left out' });

  const message: BoundMessage = {
    version: BOUND_VERSION,
    revision: input.revision,
    variant: tree.variant,
    locale: plan.locale,
    theme: plan.theme,
    components,
    quickReplies,
  };
  return { ok: true, message, warnings: ctx.warnings, missing: [...ctx.missing] };
}

// A factory, so the per-bind closure gets no inferred name (tsx's keepNames would rename it on every bind).
function clock(now: number): () => number {
  return () => now;
}

function blocked(fields: readonly FieldError[]): BindResult {
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return { ok: false, error: new PormError('PORM_RICH_DATA_BLOCKED', `required recipient data is missing: ${names}`, fields) };
}
