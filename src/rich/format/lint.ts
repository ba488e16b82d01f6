import { contrastRatio } from './contrast.ts';
import { childPointer } from './report.ts';
import { estimateSms } from './sms-estimate.ts';
import type { TemplateDocument } from './types.ts';

// Advice, not errors: a template that lints dirty still sends. Rules follow WCAG 2.x and the
// channel limits in the rich-messages reference (RCS ≤4 card suggestions, chips ≤25 characters).

export type LintRule = 'image-alt' | 'media-alt' | 'code-alt' | 'form-label' | 'contrast' | 'sms-length' | 'button-row-size' | 'card-buttons' | 'label-length' | 'carousel-size' | 'form-required-label';

export interface LintWarning {
  readonly pointer: string;
  readonly rule: LintRule;
  readonly message: string;
}

export interface LintOptions {
  /** Warn when the SMS fallback would take more parts than this. */
  readonly maxSmsSegments?: number;
  readonly maxRowButtons?: number;
}

export function lintTemplate(doc: TemplateDocument, options: LintOptions = {}): LintWarning[] {
  const out: LintWarning[] = [];
  const maxRow = options.maxRowButtons ?? 3;
  const t = doc.theme;
  const pairs: [string, string, string, string][] = [['/theme/textColor', t.textColor, t.backgroundColor, 'text on background']];
  if (t.onPrimaryColor) pairs.push(['/theme/onPrimaryColor', t.onPrimaryColor, t.primaryColor, 'button text on primary colour']);
  for (const [pointer, fg, bg, what] of pairs) {
    const ratio = contrastRatio(fg, bg);
    if (ratio < 4.5) out.push({ pointer, rule: 'contrast', message: `${what} contrast is ${ratio.toFixed(2)}:1; WCAG AA needs 4.5:1` });
  }
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${p}/${i}`));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    const blank = (k: string) => typeof o[k] !== 'string' || (o[k] as string).trim() === '';
    if (o['type'] === 'image' && blank('alt')) out.push({ pointer: p, rule: 'image-alt', message: 'image has no alt text' });
    if ((o['type'] === 'video' || o['type'] === 'map') && blank('alt')) out.push({ pointer: p, rule: 'media-alt', message: `${String(o['type'])} has no alt text` });
    if (o['type'] === 'code' && blank('alt')) out.push({ pointer: p, rule: 'code-alt', message: 'code has no alt text (screen readers cannot read a QR code)' });
    if (typeof o['kind'] === 'string' && typeof o['name'] === 'string' && blank('label')) out.push({ pointer: p, rule: 'form-label', message: `form field "${o['name']}" has no label (a placeholder is not a label)` });
    if (o['type'] === 'button_row' && Array.isArray(o['buttons']) && o['buttons'].length > maxRow) out.push({ pointer: `${p}/buttons`, rule: 'button-row-size', message: `${o['buttons'].length} buttons in a row; more than ${maxRow} wrap or truncate on phones` });
    if (o['type'] === 'card' && Array.isArray(o['buttons']) && o['buttons'].length > 4) out.push({ pointer: `${p}/buttons`, rule: 'card-buttons', message: 'RCS cards carry at most 4 suggestions' });
    if (o['type'] === 'carousel' && Array.isArray(o['cards']) && o['cards'].length < 2) out.push({ pointer: `${p}/cards`, rule: 'carousel-size', message: 'RCS carousels need 2 to 10 cards' });
    if ((o['type'] === 'button' || p.includes('/quickReplies/')) && typeof o['label'] === 'string' && !o['label'].includes('{') && o['label'].length > 25) out.push({ pointer: `${p}/label`, rule: 'label-length', message: 'labels over 25 characters are cut on RCS' });
    for (const [k, child] of Object.entries(o)) if (k !== 'when') visit(child, childPointer(p, k));
  };
  visit(doc.components, '/components');
  visit(doc.quickReplies ?? [], '/quickReplies');
  doc.variants?.forEach((vr, i) => visit(vr.components, `/variants/${i}/components`));
  const sms = estimateSms(doc);
  const maxSegments = options.maxSmsSegments ?? 3;
  if (sms.segments > maxSegments) out.push({ pointer: '/components', rule: 'sms-length', message: `the SMS fallback is about ${sms.text.length} characters (${sms.encoding}, ${sms.segments} parts); more than ${maxSegments} parts` });
  return out;
}
