import { malformed } from './mm7-error.ts';
import type { ParseContext } from './parse-context.ts';
import type { XmlElement } from './xml-read.ts';

// Lenient reading of one MM7 element's children by local name. Unknown children, elements out of
// schema order, odd letter case in enumerations and unparsable optional values become warnings;
// only a missing or unusable *required* value is an error (PORM_MM7_MALFORMED).

export class FieldReader {
  constructor(
    readonly el: XmlElement,
    private readonly ctx: ParseContext,
    readonly where: string,
  ) {}

  child(name: string): XmlElement | undefined {
    return this.el.children.find((c) => c.local === name);
  }

  children(name: string): XmlElement[] {
    return this.el.children.filter((c) => c.local === name);
  }

  text(name: string): string | undefined {
    const c = this.child(name);
    return c === undefined ? undefined : c.text.trim();
  }

  requiredText(name: string): string {
    const value = this.text(name);
    if (value === undefined || value === '') throw malformed(`${this.where}/${name}`, 'required element is missing or empty');
    return value;
  }

  requiredChild(name: string): XmlElement {
    const c = this.child(name);
    if (c === undefined) throw malformed(`${this.where}/${name}`, 'required element is missing');
    return c;
  }

  bool(name: string): boolean | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : parseBool(value, `${this.where}/${name}`, this.ctx);
  }

  int(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (/^[+-]?\d{1,15}$/.test(value)) return Number(value);
    this.ctx.warn('xml.bad-integer', `${this.where}/${name}: "${value.slice(0, 40)}" is not an integer; ignored`);
    return undefined;
  }

  enumOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : matchEnum(value, values, `${this.where}/${name}`, this.ctx);
  }

  /** Warns about children outside `order` and about children that break the schema sequence. */
  finish(order: readonly string[]): void {
    let last = -1;
    let reportedOrder = false;
    for (const c of this.el.children) {
      const at = order.indexOf(c.local);
      if (at === -1) {
        this.ctx.warn('xml.unknown-element', `${this.where}: unknown element ${c.local} ignored`);
        continue;
      }
      if (at < last && !reportedOrder) {
        this.ctx.warn('xml.element-order', `${this.where}: ${c.local} appears after an element the schema puts later`);
        reportedOrder = true;
      }
      last = Math.max(last, at);
    }
  }
}

export function attr(el: XmlElement, local: string): string | undefined {
  return el.attrs.find((a) => a.local === local)?.value;
}

export function parseBool(value: string, where: string, ctx: ParseContext): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  ctx.warn('xml.bad-boolean', `${where}: "${value.slice(0, 40)}" is not a boolean; ignored`);
  return undefined;
}

export function matchEnum<T extends string>(value: string, values: readonly T[], where: string, ctx: ParseContext): T | undefined {
  if ((values as readonly string[]).includes(value)) return value as T;
  const lower = value.toLowerCase();
  const found = values.find((v) => v.toLowerCase() === lower);
  if (found !== undefined) {
    ctx.warn('xml.enum-case', `${where}: "${value}" read as "${found}"`);
    return found;
  }
  ctx.warn('xml.unknown-enum', `${where}: unknown value "${value.slice(0, 40)}" ignored`);
  return undefined;
}

/** All character data below `el`, for anyType elements such as Status/Details. */
export function deepText(el: XmlElement): string {
  const texts: string[] = [];
  const walk = (e: XmlElement): void => {
    const t = e.text.trim();
    if (t !== '') texts.push(t);
    for (const c of e.children) walk(c);
  };
  walk(el);
  return texts.join(' ');
}
