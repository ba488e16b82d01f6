// Whether a render report proves that a recipient's phone shows porm pages. Pure.
//
// Opening the page link is not proof: link scanners (mail and chat security filters), preview
// fetchers and headless browsers open links too, and some of them run the page's script. If their
// render counted, the number would flip to the porm form and the next message would be a bare link
// on a phone that may never have shown one. So a report counts only when the browser says it is not
// driven by automation (navigator.webdriver false, reported by the device assembler) and its user
// agent is not a headless browser, a bot or a preview fetcher.

export interface RenderWitness {
  /** The User-Agent header of the report's request ('' when absent). */
  readonly userAgent: string;
  /** navigator.webdriver as the assembler reported it; undefined when the report did not say. */
  readonly webdriver: boolean | undefined;
}

export type RenderProof = { readonly ok: true } | { readonly ok: false; readonly reason: 'automation' | 'automated_user_agent' | 'no_user_agent' };

// Headless browsers, crawlers and the link-preview fetchers of messaging and social apps.
const AUTOMATED_UA = new RegExp([
  'headless', 'phantomjs', 'electron', 'puppeteer', 'playwright', 'selenium', 'webdriver', 'lighthouse', 'chrome-lighthouse',
  'bot\\b', 'bot/', 'crawler', 'spider', 'scanner', 'preview', 'facebookexternalhit', 'embedly', 'whatsapp', 'skypeuripreview',
  'google-inspectiontool', 'curl/', 'wget/', 'python-', 'go-http-client', 'okhttp', 'java/', 'node-fetch', 'undici', 'axios',
].join('|'), 'i');

export function renderProof(w: RenderWitness): RenderProof {
  if (w.webdriver !== false) return { ok: false, reason: 'automation' };
  if (w.userAgent.trim() === '') return { ok: false, reason: 'no_user_agent' };
  if (AUTOMATED_UA.test(w.userAgent)) return { ok: false, reason: 'automated_user_agent' };
  return { ok: true };
}
