// Device reports to `${base}/events`. They are fire-and-forget: a lost report must never disturb
// the reader, so failures are swallowed.

export interface RenderReport {
  readonly kind: 'render';
  readonly ok: boolean;
  readonly duration_ms: number;
  readonly revision: number;
  readonly error?: string;
  readonly capabilities?: Readonly<Record<string, boolean>>;
  readonly screen_width?: number;
  readonly locale?: string;
  /** navigator.webdriver: porm learns the phone only from a browser that is not driven by automation. */
  readonly webdriver?: boolean;
}

export interface ClickReport {
  readonly kind: 'click';
  readonly action_id: string;
}

/**
 * `leaving`: the click is about to take the reader off the page (a navigation, a tel:/sms: hand-off,
 * a download), where a plain fetch may be cancelled; sendBeacon is queued by the browser instead.
 * Both fall back to a keepalive fetch, which also outlives the page.
 */
export function report(base: string, event: RenderReport | ClickReport, leaving = false): void {
  const url = `${base}/events`;
  const json = JSON.stringify(event);
  try {
    if (leaving && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, new Blob([json], { type: 'application/json' }))) return;
  } catch {
    // Some browsers throw for a non-form Blob type; the fetch below still delivers it.
  }
  fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: json,
  }).catch(() => undefined);
}
