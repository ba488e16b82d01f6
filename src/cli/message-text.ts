// `porm messages get` as text: what the message resource holds, for a person at a terminal.
// Pure: a message resource (the same object --json prints) in, lines out.
import type { MessageResource } from '../api/v1/presenters/message.ts';

interface SentFile {
  content_type?: unknown;
  bytes?: unknown;
  width?: unknown;
  height?: unknown;
}

function file(f: SentFile | undefined): string {
  if (!f) return '?';
  const size = typeof f.width === 'number' && typeof f.height === 'number' ? `, ${f.width}×${f.height}` : '';
  return `${String(f.content_type ?? '?')} ${String(f.bytes ?? '?')} bytes${size}`;
}

/** media_sent (written by the send job) as lines; tolerant of fields it does not know. */
function mediaSentLines(sent: Record<string, unknown>): string[] {
  const parts = Array.isArray(sent.parts) ? (sent.parts as Array<Record<string, unknown>>) : [];
  const lines = [`  media sent: profile ${String(sent.profile ?? '?')}, budget ${String(sent.budget_bytes ?? '?')} bytes`];
  parts.forEach((part, i) => {
    const original = part.original as SentFile | undefined;
    const out = part.sent as SentFile | undefined;
    const how = part.converted === false ? 'sent unchanged' : `→ ${file(out)}`;
    lines.push(`    ${i + 1}  ${file(original)} ${how}`);
    if (Array.isArray(part.warnings)) for (const w of part.warnings) lines.push(`       ${String(w)}`);
  });
  return lines;
}

export function messageLines(m: MessageResource): string[] {
  const lines = [
    `${m.id}  ${m.status}${m.error_code ? `  ${m.error_code}: ${m.error_message ?? ''}` : ''}`,
    `  to ${m.to}  from ${m.from}  carrier ${m.carrier ?? '-'} ${m.carrier_message_id ?? ''}`.trimEnd(),
  ];
  if (m.send_at) lines.push(`  send at: ${m.send_at}`);
  if (m.template) lines.push(`  template: ${m.template.id}${m.template.revision === null ? '' : ` revision ${m.template.revision}`}  channel ${m.channel ?? '-'}${m.page_url ? `  page ${m.page_url}` : ''}`);
  if (m.subject !== null) lines.push(`  subject: ${m.subject}`);
  lines.push(`  body: ${m.body}`);
  if (m.media.length > 0) {
    lines.push(`  media: ${m.media.length}`);
    m.media.forEach((item, i) => lines.push(`    ${i + 1}  ${'id' in item ? item.id : item.url}`));
  }
  if (m.media_sent) lines.push(...mediaSentLines(m.media_sent));
  for (const e of m.events ?? []) lines.push(`  ${String(e.seq).padStart(3)}  ${e.at}  ${e.type}${typeof e.data?.error_code === 'string' ? `  ${e.data.error_code}` : ''}`);
  return lines;
}
