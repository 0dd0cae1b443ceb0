/**
 * Hostile learner content end to end, in a real browser (system Chromium via playwright-core) on the
 * web mode: a self-learned topic whose notes carry a script tag, an <img onerror>, a javascript:
 * link and a 2,000-row table is taught through the UI, asked about, and opened in the reader from the
 * answer's citation chip. Nothing may execute, nothing may log an error, and the page must stay
 * responsive (a frame comes back quickly; the composer still takes typing).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, type WebServer } from '../../electron/web/server';
import { startTestWeb } from '../helpers/web';
import { appPage, launchChromium, sendMessage, SHOTS } from '../helpers/chromium';

let web: WebServer;
let cleanup: () => Promise<void>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];
const dialogs: string[] = [];

const ROWS = 2000;
// Rows kept short: a topic is limited to 50 KB.
const TABLE = ['| n | v |', '|---|---|', ...Array.from({ length: ROWS }, (_, i) => `|${i}|r${i}|`)].join('\n');
const NOTES = [
  'Zorblax widgets are a fictional AWS service that stores hostile notes for sanitisation tests.',
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  'A [harmless looking link](javascript:window.__pwned=\'link\') and <a href="javascript:window.__pwned=1">an anchor</a>.',
  '<svg onload="window.__pwned = \'svg\'"></svg> <iframe src="javascript:parent.__pwned=1"></iframe>',
  TABLE,
].join('\n\n');

/** Time for the page to paint a frame, in ms: long if the main thread is busy. */
const frameRoundTrip = (): Promise<number> =>
  page.evaluate(async () => {
    const t = performance.now();
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t;
  });

const pwned = (): Promise<unknown> => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);

beforeAll(async () => {
  ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  ({ web, cleanup } = await startTestWeb('e2e-hostile'));
  browser = await launchChromium();
  ({ page, consoleErrors } = await appPage(browser));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

describe('hostile self-learned content in the browser', () => {
  it('is taught through the #self-learned form', async () => {
    expect(NOTES.length).toBeLessThan(50 * 1024);
    await page.goto(web.url);
    await expect.poll(() => page.locator('.engine-status.ready').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('link', { name: '#self-learned' }).click();
    await page.getByLabel('Title').fill('Zorblax widgets');
    await page.getByLabel('Notes (Markdown)').fill(NOTES);
    await page.getByRole('button', { name: 'Teach this topic' }).click();
    await page.getByRole('status').filter({ hasText: 'answerable now' }).waitFor({ timeout: 30_000 });
    expect(await pwned()).toBeUndefined();
  });

  it('answers from it and opens the whole topic in the reader: nothing runs, the page stays responsive', async () => {
    const answer = await sendMessage(page, 'what are zorblax widgets?');
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.innerText()).toMatch(/zorblax/i);

    const chip = answer
      .getByRole('list', { name: 'Sources' })
      .getByRole('button')
      .filter({ hasText: /Zorblax/ })
      .first();
    await chip.click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await expect.poll(() => reader.locator('tbody tr').count(), { timeout: 20_000 }).toBe(ROWS);

    const started = Date.now();
    const frames: number[] = [];
    for (let i = 0; i < 5; i++) frames.push(await frameRoundTrip());
    // Measured ~16-35 ms per frame once the reader has rendered; 500 ms means a frozen main thread.
    expect(Math.max(...frames)).toBeLessThan(500);

    // Nothing executed or navigated: no flag, no dialog, no executable element in the rendered content.
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(new URL(page.url()).origin).toBe(new URL(web.url).origin);
    const executable = await page.evaluate(() => {
      const roots = [...document.querySelectorAll('.markdown')];
      const bad = roots.flatMap((r) => [
        ...r.querySelectorAll('script, img, svg, iframe, object, embed, a, [href], [src]'),
      ]);
      const handlers = roots.flatMap((r) =>
        [...r.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
        ),
      );
      return { bad: bad.map((e) => e.outerHTML.slice(0, 80)), handlers, scripts: document.scripts.length };
    });
    expect(executable.bad).toEqual([]);
    expect(executable.handlers).toEqual([]);
    // The page's own module script only.
    expect(executable.scripts).toBeLessThanOrEqual(1);

    // The composer still takes typing (keystrokes, not a programmatic fill).
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('still responsive');
    expect(await box.inputValue()).toBe('still responsive');
    const typedWithin = Date.now() - started;
    expect(typedWithin).toBeLessThan(10_000);

    await page.screenshot({ path: join(SHOTS, 'hostile.png') });
    console.log(
      `hostile e2e: frame round trips ${frames.map((f) => f.toFixed(0)).join('/')} ms; frames + typing ${typedWithin} ms`,
    );
    expect(consoleErrors).toEqual([]);
  });
});
