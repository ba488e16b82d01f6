import { compileTemplate } from '../binding/index.ts';
import type { Component, TemplateDocument } from './types.ts';

// A rough SMS fallback: the text a phone without rich support would get, rendered with the slot
// examples. Links are counted as a porm short link. Good enough to warn; the real fallback is built later.

const SHORT_LINK_LENGTH = 24;
const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà^{}\\[~\]|€]*$/;

export interface SmsEstimate {
  readonly text: string;
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
}

export function estimateSms(doc: TemplateDocument): SmsEstimate {
  const examples = Object.fromEntries(Object.entries(doc.data).map(([k, s]) => [k, s.example]));
  const render = (src: string | undefined): string => {
    if (!src) return '';
    try {
      return compileTemplate(src).render(examples).text.trim();
    } catch {
      return src;
    }
  };
  const lines: string[] = [];
  const add = (c: Component): void => {
    switch (c.type) {
      case 'heading': lines.push(render(c.text)); break;
      case 'text': lines.push(c.text !== undefined ? render(c.text) : (c.runs ?? []).map((r) => render(r.text)).join('')); break;
      case 'card': lines.push(render(c.title), render(c.subtitle), render(c.body), ...(c.facts ?? []).map((f) => `${render(f.label)}: ${render(f.value)}`)); break;
      case 'facts': lines.push(...c.facts.map((f) => `${render(f.label)}: ${render(f.value)}`)); break;
      case 'carousel': c.cards.forEach(add); break;
      case 'countdown': lines.push(render(c.label)); break;
      default: break;
    }
  };
  doc.components.forEach(add);
  const text = `${lines.filter((l) => l.length > 0).join('\n')}\n${'x'.repeat(SHORT_LINK_LENGTH)}`;
  const gsm = GSM7.test(text);
  // Concatenated SMS lose room to the user-data header: 153 GSM-7 / 67 UCS-2 characters per part.
  const units = gsm ? text.length : [...text].reduce((n, ch) => n + (ch.length > 1 ? 2 : 1), 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return { text, encoding: gsm ? 'GSM-7' : 'UCS-2', segments: units <= single ? 1 : Math.ceil(units / multi) };
}
