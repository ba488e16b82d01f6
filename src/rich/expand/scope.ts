import { PormError } from '../../errors.ts';
import { compileTemplate, isTemplateError, type CompiledTemplate } from '../binding/index.ts';
import type { Build } from './context.ts';
import { interpolation } from './interpolation.ts';
import { Drop, type DropCode } from './drop.ts';
import { WEB_SCHEMES, normaliseInstant, normalisePhone, normaliseUrl, phoneRejection, urlRejection } from './urls.ts';

// Compile-time helpers shared by every component compiler: each template string becomes a closure
// once, so a bind only calls closures. Strings without `{{`/`{%` never touch the binding engine.

export type Text = Build<string>;
export type OptText = Build<string | null>;

const NULL_TEXT: OptText = () => null;

export function isLiteral(source: string): boolean {
  return !source.includes('{{') && !source.includes('{%');
}

export function invalidTemplate(at: string, message: string, code: PormError['code'] = 'PORM_RICH_TEMPLATE_INVALID'): PormError {
  return new PormError('PORM_RICH_TEMPLATE_INVALID', `${at}: ${message}`, [{ field: at, code, message }]);
}

type Normalise = (raw: string) => string | null;
type Reject = (raw: string) => string;

export class CompileScope {
  private readonly templates = new Map<string, CompiledTemplate>();

  constructor(readonly schemes: ReadonlySet<string>) {}

  text(source: string, at: string): Text {
    if (isLiteral(source)) return () => source;
    const tpl = this.compile(source, at);
    return (ctx) => ctx.render(tpl, at);
  }

  optText(source: string | undefined, at: string): OptText {
    return source === undefined ? NULL_TEXT : this.text(source, at);
  }

  /** A text whose absence in the template means `fallback` (e.g. alt ""). */
  textOr(source: string | undefined, at: string, fallback: string): Text {
    return source === undefined ? () => fallback : this.text(source, at);
  }

  /** A link or action URL: any allowed scheme. */
  url(source: string, at: string): Text {
    return this.checked(source, at, 'bad-url', (raw) => normaliseUrl(raw, this.schemes), (raw) => urlRejection(raw, this.schemes));
  }

  /** A media, poster, caption, list-image or fallback URL: http/https only. */
  webUrl(source: string, at: string): Text {
    return this.checked(source, at, 'bad-url', (raw) => normaliseUrl(raw, WEB_SCHEMES), (raw) => urlRejection(raw, WEB_SCHEMES));
  }

  optUrl(source: string | undefined, at: string, web: boolean): OptText {
    if (source === undefined) return NULL_TEXT;
    return web ? this.webUrl(source, at) : this.url(source, at);
  }

  phone(source: string, at: string): Text {
    return this.checked(source, at, 'bad-phone', normalisePhone, phoneRejection);
  }

  instant(source: string, at: string): Text {
    return this.checked(source, at, 'bad-date', normaliseInstant, () => 'not a date (use ISO 8601)');
  }

  optPhone(source: string | undefined, at: string): OptText {
    return source === undefined ? NULL_TEXT : this.phone(source, at);
  }

  optInstant(source: string | undefined, at: string): OptText {
    return source === undefined ? NULL_TEXT : this.instant(source, at);
  }

  /** Renders then normalises; a literal is checked once here, not on every bind. */
  private checked(source: string, at: string, code: DropCode, normalise: Normalise, reject: Reject): Text {
    if (isLiteral(source)) {
      const value = normalise(source);
      if (value !== null) return () => value;
      const why = reject(source);
      return () => {
        throw new Drop(at, code, why);
      };
    }
    const text = this.text(source, at);
    return (ctx) => {
      const raw = text(ctx);
      const value = normalise(raw);
      if (value === null) throw new Drop(at, code, reject(raw));
      return value;
    };
  }

  private compile(source: string, at: string): CompiledTemplate {
    const cached = this.templates.get(source);
    if (cached) return cached;
    try {
      const full = compileTemplate(source);
      const tpl = interpolation(source, full) ?? full;
      this.templates.set(source, tpl);
      return tpl;
    } catch (err) {
      // Documents are validated before they are compiled, so this guards against a skipped validation.
      if (isTemplateError(err)) throw invalidTemplate(at, `${err.code}: ${err.message}`, err.code);
      throw err;
    }
  }
}

/** Component keys and action ids of one component tree; both must be unique in a bound message. */
export class KeyRegistry {
  private readonly keys = new Set<string>();
  private readonly actions = new Set<string>();

  key(id: string | undefined, at: string): string {
    return claim(this.keys, id ?? at, at, 'component key');
  }

  action(id: string, at: string): string {
    return claim(this.actions, id, at, 'action id');
  }
}

function claim(seen: Set<string>, value: string, at: string, what: string): string {
  if (seen.has(value)) throw invalidTemplate(at, `duplicate ${what} "${value}"`, 'PORM_TEMPLATE_DOC_DUPLICATE_ID');
  seen.add(value);
  return value;
}
