// The dashboard in Debian's Chromium (playwright-core): a browser, a signed-in owner's page that
// records Content-Security-Policy violations and script errors, and axe-core's accessibility check.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Harness } from './harness.ts';
import { PASSWORD } from './dashboard-http.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** A describe's `skip`: false, or why the browser tests cannot run here. */
export const noChromium: false | string = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;

const CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Uncaught script errors and dialogs (alert, confirm) seen so far: a test expects none. */
  errors: string[];
  dialogs: string[];
  /** The CSP violations the current document reported. */
  cspViolations(): Promise<string[]>;
}

export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(CSP_RECORDER);
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors, dialogs, cspViolations: async () => (await page.evaluate('window.__csp ?? []')) as string[] };
}

/** Signs the harness account's owner in through the page (making the owner from a setup link when there is none yet). */
export async function signInOwner(h: Harness, page: Page, email = 'owner@example.com'): Promise<void> {
  const link = await h.porm.services.dashboard.users.setupLink(h.porm.bootstrap.accountId);
  if (link !== null) {
    await page.goto(`${h.url}/dashboard/link/${link}`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=name]', 'Olive');
  } else {
    await page.goto(`${h.url}/dashboard/login`);
    await page.fill('input[name=email]', email);
  }
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL(`${h.url}/dashboard`), page.press('input[name=password]', 'Enter')]);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/**
 * axe-core's WCAG 2.1 A/AA check of the page as it is now. axe is evaluated through the DevTools
 * protocol, which the page's CSP does not govern, so the page under test keeps its real policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)")) as AxeViolation[];
  return found.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Asserts that the page passes axe-core's check. */
export async function assertAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${page.url()} has accessibility violations:\n${violations.join('\n')}`);
}
