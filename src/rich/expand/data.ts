import { PormError, type FieldError } from '../../errors.ts';
import { childPointer } from '../format/report.ts';
import type { MissingPolicy, Slot } from '../format/types.ts';
import { SLOT_TYPE_WARNING } from './drop.ts';
import { compileShapeCheck, type ShapeCheck } from './slot-check.ts';
import type { BindWarning } from './types.ts';

// Recipient data → what templates see: declared slots only, each present and of its type, or
// replaced by its default, or absent (drop), or the bind is blocked. Undeclared keys (including
// `__proto__` and `constructor`) are never copied, and getters are never run.

export interface SlotPlan {
  readonly name: string;
  readonly slot: Slot;
  /** `required: true` blocks whatever the policy says. */
  readonly blocks: boolean;
  readonly fits: ShapeCheck;
}

export interface PreparedData {
  /** Only declared slot names as own keys (compilePlan checks they are [a-z][a-z0-9_]*, so never `__proto__`). */
  readonly data: Record<string, unknown>;
  readonly missing: Set<string>;
  readonly warnings: BindWarning[];
  readonly blocked: FieldError[];
}

export function slotPlans(data: Readonly<Record<string, Slot>>): SlotPlan[] {
  return Object.entries(data).map(([name, slot]) => ({ name, slot, blocks: slot.required === true || slot.missing === 'block', fits: compileShapeCheck(slot) }));
}

/** Slot name → policy for nested paths a render reports missing (`required` is about the slot itself). */
export function nestedPolicies(plans: readonly SlotPlan[]): ReadonlyMap<string, MissingPolicy> {
  return new Map(plans.map((p) => [p.name, p.slot.missing]));
}

export function prepareData(plans: readonly SlotPlan[], input: unknown, useExamples: boolean): PreparedData {
  if (!useExamples && !isPlainRecord(input)) {
    const message = 'recipient data must be a JSON object';
    throw new PormError('PORM_RICH_DATA_INVALID', message, [{ field: 'data', code: 'PORM_RICH_DATA_INVALID', message }]);
  }
  // A plain literal, not Object.create(null): V8 keeps it in fast mode, and the engine reads own
  // properties only, so nothing inherited is visible either way.
  const data: Record<string, unknown> = {};
  const out: PreparedData = { data, missing: new Set(), warnings: [], blocked: [] };
  for (const plan of plans) {
    const { name, slot } = plan;
    const raw = useExamples ? slot.example : ownValue(input as object, name);
    if (raw !== undefined && raw !== null) {
      if (plan.fits(raw, 0)) {
        data[name] = raw;
        continue;
      }
      // A wrong-typed value is treated as missing: printing an object where text was promised is worse.
      out.warnings.push({ pointer: childPointer('/data', name), code: SLOT_TYPE_WARNING, message: `value does not match type ${slot.type}; treated as missing` });
    }
    out.missing.add(name);
    const why = raw === undefined || raw === null ? 'is missing' : `does not match type ${slot.type}`;
    if (plan.blocks) out.blocked.push({ field: name, code: 'PORM_RICH_DATA_BLOCKED', message: `${name} ${why}` });
    else if (slot.missing === 'default' && slot.default !== undefined) data[name] = slot.default;
  }
  return out;
}

export function isPlainRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An own data property; accessors read as absent so a getter in the data never runs. */
function ownValue(obj: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}
