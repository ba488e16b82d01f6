import { prop, str } from './json.ts';
import { STRINGS } from './strings.ts';

// The few requests the page makes besides device reports. All same-origin JSON; problem+json
// bodies come back as data (status + body) so callers decide what the reader sees.

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export async function postJson(url: string, body: unknown): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    // Accept makes porm answer with JSON instead of the no-script redirect or HTML page.
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let data: unknown = null;
  if (res.status !== 204) {
    try {
      data = await res.json();
    } catch {
      data = null; // an empty or non-JSON body (a proxy's error page) is just "no details"
    }
  }
  return { status: res.status, body: data };
}

/** What to show for a failed request: the problem's detail, else its title, else a generic line. */
export function problemText(body: unknown): string {
  return str(prop(body, 'detail')) || str(prop(body, 'title')) || STRINGS.failed;
}
