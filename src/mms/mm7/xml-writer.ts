import { buildInvalid } from './mm7-error.ts';
import { escapeXmlAttr, escapeXmlText, isXmlSafe } from './xml-escape.ts';

// A minimal XML serializer. MM7 schemas are xs:sequence everywhere, so element order is whatever
// order the builders call leaf()/open() in; this class only guarantees well-formed, escaped output
// and refuses text XML cannot carry. No pretty-printing: byte-exact tests stay simple and some
// MMSCs mis-handle whitespace text nodes in simple-typed elements.

export type XmlAttrs = ReadonlyArray<readonly [name: string, value: string | undefined]>;

export class XmlWriter {
  private readonly parts: string[] = [];
  private readonly open_: string[] = [];

  constructor(private readonly where: string) {}

  declaration(): this {
    this.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
    return this;
  }

  open(name: string, attrs?: XmlAttrs): this {
    this.parts.push(`<${name}${this.attrs(attrs)}>`);
    this.open_.push(name);
    return this;
  }

  close(): this {
    const name = this.open_.pop();
    if (name === undefined) throw new Error('XmlWriter.close without open');
    this.parts.push(`</${name}>`);
    return this;
  }

  /** `<name attrs>text</name>`, or `<name attrs/>` when text is empty. */
  leaf(name: string, text: string, attrs?: XmlAttrs): this {
    this.check(name, text);
    this.parts.push(text === '' ? `<${name}${this.attrs(attrs)}/>` : `<${name}${this.attrs(attrs)}>${escapeXmlText(text)}</${name}>`);
    return this;
  }

  toString(): string {
    if (this.open_.length > 0) throw new Error(`XmlWriter: unclosed ${this.open_.join(' > ')}`);
    return this.parts.join('');
  }

  private attrs(attrs: XmlAttrs | undefined): string {
    if (attrs === undefined) return '';
    let s = '';
    for (const [name, value] of attrs) {
      if (value === undefined) continue;
      this.check(`${name} attribute`, value);
      s += ` ${name}="${escapeXmlAttr(value)}"`;
    }
    return s;
  }

  private check(what: string, value: string): void {
    if (!isXmlSafe(value)) throw buildInvalid(this.where, `${what} contains characters XML 1.0 cannot carry`);
  }
}
