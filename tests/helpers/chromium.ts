import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/core/bench/webStartup';
import { join } from 'node:path';
import { REPO } from './engine';

/** The system Chromium (never downloaded), headless, with the flags the guide asks for. */
export const CHROMIUM = process.env.NIMBUS_CHROMIUM ?? '/usr/bin/chromium';
/** Where the e2e suites leave their screenshots (looked at by people, not compared). */
export const SHOTS = join(REPO, 'tests', 'e2e', 'screenshots');

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A page of the app that collects console errors and page errors, for an `expect(errors).toEqual([])`. */
export async function appPage(browser: Browser): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 850 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // index.html's <meta> CSP repeats frame-ancestors for parity with the header; the header enforces it.
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors' is ignored")) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return { page, consoleErrors };
}

/** Sends a message from the composer and returns the newest cited tutor answer (not yet awaited). */
export async function sendMessage(page: Page, text: string): Promise<Locator> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  return page
    .getByRole('log')
    .getByRole('article', { name: 'Tutor' })
    .filter({ has: page.getByRole('list', { name: 'Sources' }) })
    .last();
}
