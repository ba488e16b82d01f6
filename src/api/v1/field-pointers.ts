import { PormError, type FieldError } from '../../errors.ts';

// Domain code names the fields of its commands (`/sendAt`, `/media/0/url`); /v1 shows the JSON
// pointers of its own request bodies (`/send_at`). Only the first segment differs, so a table of
// renamed top-level fields per request is all the mapping there is.

export type PointerMap = Readonly<Record<string, string>>;

/** The command fields of POST /v1/messages whose /v1 names differ. */
export const SEND_MESSAGE_POINTERS: PointerMap = {
  statusCallback: 'status_callback',
  sendAt: 'send_at',
  validityPeriod: 'validity_period',
  templateRevision: 'template_revision',
  trackLinks: 'track_links',
};

export function toApiPointer(field: string, map: PointerMap): string {
  if (!field.startsWith('/')) return field;
  const slash = field.indexOf('/', 1);
  const head = slash === -1 ? field.slice(1) : field.slice(1, slash);
  const renamed = map[head];
  return renamed === undefined ? field : `/${renamed}${slash === -1 ? '' : field.slice(slash)}`;
}

/** Runs domain code and answers its field errors with /v1 pointers. */
export async function withApiPointers<T>(map: PointerMap, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof PormError) || err.fields.length === 0) throw err;
    const fields: FieldError[] = err.fields.map((f) => ({ ...f, field: toApiPointer(f.field, map) }));
    const mapped = new PormError(err.code, err.message, fields);
    mapped.stack = err.stack;
    throw mapped;
  }
}
