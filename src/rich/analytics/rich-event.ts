/** One thing a recipient did on a rich message's hosted page, as stored in rich_events. */
export interface RichEvent {
  id: string;
  kind: string;
  messageId: string;
  /** The recipient: the message's `to`. */
  to: string;
  templateId: string;
  revision: number;
  actionId: string | null;
  ok: boolean | null;
  durationMs: number | null;
  data: Record<string, unknown> | null;
  at: number;
}

export interface RichEventRow {
  id: string;
  kind: string;
  message_id: string;
  template_id: string;
  revision: number;
  action_id: string | null;
  ok: number | null;
  duration_ms: number | null;
  data_json: string | null;
  at: number;
}

export function richEventFromRow(row: RichEventRow, to: string): RichEvent {
  return {
    id: row.id, kind: row.kind, messageId: row.message_id, to, templateId: row.template_id, revision: row.revision, actionId: row.action_id,
    ok: row.ok === null ? null : row.ok === 1, durationMs: row.duration_ms,
    data: row.data_json === null ? null : (JSON.parse(row.data_json) as Record<string, unknown>), at: row.at,
  };
}
