import type { BoundComponent, BoundQuickReply, BoundTheme } from '../bound/model.ts';
import type { Component, MissingPolicy, QuickReply, TemplateDocument } from '../format/types.ts';
import { DEFAULT_URL_SCHEMES } from '../format/vocabulary.ts';
import { compileComponent } from './component.ts';
import type { BindContext, Build } from './context.ts';
import { nestedPolicies, slotPlans, type SlotPlan } from './data.ts';
import { CompileScope, KeyRegistry, invalidTemplate } from './scope.ts';
import { boundTheme } from './theme.ts';
import type { ExpandOptions } from './types.ts';
import { catchDrop } from './units.ts';
import { variantPicker, type VariantPicker } from './variants.ts';

// Document → plan, once per revision: every template string compiled, every component turned into
// a closure, keys and action ids fixed and checked for uniqueness. A bind then walks no raw JSON.

export interface TreePlan {
  readonly variant: string | null;
  readonly builds: readonly Build<BoundComponent | null>[];
  /** Build order: forms first, so submit_form actions know which forms made it into the message. */
  readonly order: readonly number[];
}

export interface Plan {
  readonly slots: readonly SlotPlan[];
  readonly policies: ReadonlyMap<string, MissingPolicy>;
  readonly theme: BoundTheme;
  readonly locale: string | null;
  readonly root: TreePlan;
  readonly variants: readonly TreePlan[];
  readonly pickVariant: VariantPicker;
  readonly quickReplies: readonly Build<BoundQuickReply | null>[];
}

export function compilePlan(doc: TemplateDocument, options: ExpandOptions = {}): Plan {
  if (doc === null || typeof doc !== 'object' || doc.version !== 1) throw invalidTemplate('/version', 'only template documents of version 1 can be compiled');
  const scope = new CompileScope(new Set((options.urlSchemes ?? DEFAULT_URL_SCHEMES).map((x) => x.toLowerCase())));
  const slots = slotPlans(doc.data);
  for (const { name } of slots) {
    // Slot names become keys of the data object; validation already restricts them, this is a backstop.
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw invalidTemplate(`/data/${name}`, 'slot names are [a-z][a-z0-9_]*');
  }
  const variants = doc.variants ?? [];
  return {
    slots,
    policies: nestedPolicies(slots),
    theme: boundTheme(doc.theme),
    locale: doc.locale ?? null,
    root: compileTree(doc.components, '/components', null, scope),
    variants: variants.map((v, i) => compileTree(v.components, `/variants/${i}/components`, v.id, scope)),
    pickVariant: variantPicker(variants),
    quickReplies: (doc.quickReplies ?? []).map((q, i) => compileQuickReply(q, `/quickReplies/${i}`, scope)),
  };
}

function compileTree(components: readonly Component[], at: string, variant: string | null, scope: CompileScope): TreePlan {
  const keys = new KeyRegistry();
  const builds = components.map((c, i) => compileComponent(c, `${at}/${i}`, scope, keys));
  const indexes = components.map((_, i) => i);
  const order = [...indexes.filter((i) => components[i]!.type === 'form'), ...indexes.filter((i) => components[i]!.type !== 'form')];
  return { variant, builds, order };
}

export function buildTree(tree: TreePlan, ctx: BindContext): BoundComponent[] {
  const built: (BoundComponent | null)[] = new Array<BoundComponent | null>(tree.builds.length);
  for (const i of tree.order) built[i] = tree.builds[i]!(ctx);
  const out: BoundComponent[] = [];
  for (const c of built) if (c !== null) out.push(c);
  return out;
}

function compileQuickReply(q: QuickReply, at: string, scope: CompileScope): Build<BoundQuickReply | null> {
  const id = q.id;
  const label = scope.text(q.label, `${at}/label`);
  // Without a payload the reply reports its id, which is already stable and unique.
  const payload = scope.textOr(q.payload, `${at}/payload`, id);
  return catchDrop(at, (ctx) => ({ id, label: label(ctx), payload: payload(ctx) }));
}
