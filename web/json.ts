// Helpers for reading JSON the server sent. Responses are typed `unknown` and read field by field:
// a proxy error page or an older server must end in a readable message, never in a TypeError.

export function isObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property of a JSON object, or undefined. */
export function prop(v: unknown, key: string): unknown {
  return isObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Error text for a report: the server keeps at most 500 characters. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text.slice(0, 500);
}
