import { PormError, type FieldError } from '../../errors.ts';
import { findLiteralMarkup, isTemplateError, type CompiledTemplate, type RenderLimits, type RenderResult } from '../binding/index.ts';
import type { MissingPolicy, Predicate } from '../format/types.ts';
import { dataLookup, evaluatePredicate, type Lookup } from '../rules/evaluate.ts';
import { Drop } from './drop.ts';
import { MAX_BLOCKED_FIELDS, MAX_MESSAGE_CHARS, MAX_MISSING_PATHS } from './limits.ts';
import type { BindWarning } from './types.ts';

// The state of one bind: the recipient's data, what went missing, what was dropped or blocked.
// Compiled closures call into it; it is created per bind and thrown away.

export type Build<T> = (ctx: BindContext) => T;

const ROOT = /^[A-Za-z_][\w-]*/;

export class BindContext {
  readonly warnings: BindWarning[] = [];
  readonly blocked: FieldError[] = [];
  /** Ids of the forms built so far: submit_form actions need their form in the same message. */
  readonly forms = new Set<string>();
  private outputChars = 0;
  private rules: Lookup | null = null;

  constructor(
    /** Slots after defaults; the only thing templates see. */
    readonly data: Readonly<Record<string, unknown>>,
    private readonly history: Readonly<Record<string, unknown>>,
    readonly missing: Set<string>,
    private readonly limits: Partial<RenderLimits>,
    /** Slot name → policy for paths under it that a render reports missing. */
    private readonly policies: ReadonlyMap<string, MissingPolicy>,
  ) {}

  /** Evaluates a server rule; the lookup is built on first use since most components have no rule. */
  holds(p: Predicate): boolean {
    if (this.rules === null) {
      const view: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      Object.assign(view, this.data);
      view['history'] = this.history;
      this.rules = dataLookup(view);
    }
    return evaluatePredicate(p, this.rules);
  }

  /** Renders one template string; `at` is its pointer. Throws Drop or PormError. */
  render(tpl: CompiledTemplate, at: string): string {
    let r: RenderResult;
    try {
      r = tpl.render(this.data, this.limits);
    } catch (err) {
      if (isTemplateError(err)) throw new PormError(err.code, `${at}: ${err.message}`, [{ field: at, code: err.code, message: err.message }]);
      throw err;
    }
    const text = r.text;
    // Data is never evaluated, so `{{` here came from data or a raw block; it must not reach a phone.
    if (findLiteralMarkup(text) >= 0) {
      const message = 'rendered text contains template markup ({{ or {%)';
      throw new PormError('PORM_TEMPLATE_LITERAL_MARKUP', `${at}: ${message}`, [{ field: at, code: 'PORM_TEMPLATE_LITERAL_MARKUP', message }]);
    }
    this.outputChars += text.length;
    if (this.outputChars > MAX_MESSAGE_CHARS) {
      const message = `the bound message would hold more than ${MAX_MESSAGE_CHARS} characters of rendered text`;
      throw new PormError('PORM_TEMPLATE_OUTPUT_LIMIT', message, [{ field: at, code: 'PORM_TEMPLATE_OUTPUT_LIMIT', message }]);
    }
    if (r.missing.length > 0) this.onMissing(r.missing, at);
    return text;
  }

  noteMissing(path: string): void {
    if (this.missing.size < MAX_MISSING_PATHS) this.missing.add(path);
  }

  block(field: string, message: string): void {
    if (this.blocked.length < MAX_BLOCKED_FIELDS) this.blocked.push({ field, code: 'PORM_RICH_DATA_BLOCKED', message });
  }

  warn(unit: string, drop: Drop): void {
    this.warnings.push({ pointer: unit, code: drop.code, message: drop.at === unit ? drop.message : `${drop.at}: ${drop.message}` });
  }

  private onMissing(paths: readonly string[], at: string): void {
    let dropped: string | null = null;
    for (const path of paths) {
      this.noteMissing(path);
      const root = ROOT.exec(path)?.[0];
      const policy = root === undefined ? undefined : this.policies.get(root);
      // A "default" slot's nested gaps are the template's business (its own `default` filter).
      if (policy === 'drop') dropped ??= path;
      else if (policy === 'block') this.block(root!, `${path} is missing (read by ${at})`);
    }
    if (dropped !== null) throw new Drop(at, 'missing-data', `${dropped} is missing`);
  }
}
