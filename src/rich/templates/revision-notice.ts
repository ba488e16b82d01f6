// The "template revised" notification between processes: JSON {"t": template id, "r": revision}.
// Anyone who may NOTIFY on porm's database can send one, so a notice is checked field by field and
// anything else is dropped (a notice only makes an open page reload what the database says).

export interface RevisionNotice {
  templateId: string;
  revision: number;
}

const TEMPLATE_ID = /^tpl_[0-9A-Za-z]{1,64}$/;

export function revisionNotice(templateId: string, revision: number): string {
  return JSON.stringify({ t: templateId, r: revision });
}

export function parseRevisionNotice(payload: string): RevisionNotice | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { t, r } = value as Record<string, unknown>;
  if (typeof t !== 'string' || !TEMPLATE_ID.test(t)) return undefined;
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1) return undefined;
  return { templateId: t, revision: r };
}
