/**
 * End to end in a real browser (system Chromium, headless, via playwright-core): the web mode's
 * page talks to the real server and services over HTTP with the token from its URL fragment.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, type WebServer } from '../../electron/web/server';
import { REPO } from '../helpers/engine';
import { startTestWeb } from '../helpers/web';

const SHOTS = join(REPO, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.NIMBUS_CHROMIUM ?? '/usr/bin/chromium';

let web: WebServer;
let cleanup: () => Promise<void>;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  ({ web, cleanup } = await startTestWeb('e2e'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 850 } });
  page.on('console', (m) => {
    // index.html's <meta> CSP repeats frame-ancestors for parity with the header; the header enforces it.
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors' is ignored")) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
});

describe('web mode in a browser', () => {
  it('loads with the token, drops it from the address bar, and shows the engine ready', async () => {
    await page.goto(web.url);
    await expect.poll(() => page.locator('.engine-status.ready').count(), { timeout: 20_000 }).toBe(1);
    expect(page.url()).not.toContain('token');
    const channels = page.getByRole('navigation', { name: 'Channels' });
    await channels.getByRole('link', { name: '#1 core-services' }).waitFor();
    expect(await channels.getByRole('link').count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: join(SHOTS, '01-ready.png') });
  });

  it('asks a question and shows an answer with a citation', async () => {
    await page.getByRole('link', { name: '#ask-anything' }).click();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('what is the difference between a security group and a NACL?');
    await box.press('Enter');
    const log = page.getByRole('log');
    const answer = log.getByRole('article', { name: 'Tutor' }).filter({ has: page.getByRole('list', { name: 'Sources' }) });
    await answer.first().waitFor({ timeout: 20_000 });
    expect(await answer.first().getByRole('list', { name: 'Sources' }).getByRole('button').count()).toBeGreaterThan(0);
    expect(await answer.first().innerText()).toMatch(/security group/i);
    await page.screenshot({ path: join(SHOTS, '02-answer.png'), fullPage: true });
  });

  it('starts phase 1, reaches the check question, answers it and shows a verdict', async () => {
    await page.getByRole('link', { name: '#1 core-services' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const log = page.getByRole('log');
    await log.locator('.lesson-card').first().waitFor({ timeout: 20_000 });
    // the first lesson message comes with the lesson
    await expect.poll(() => log.getByRole('article', { name: 'Tutor' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '03-lesson.png') });

    const card = log.getByRole('article', { name: 'Check question' });
    const next = page.getByRole('toolbar', { name: 'Lesson' }).getByRole('button', { name: 'Next', exact: true });
    for (let i = 0; i < 40 && (await card.count()) === 0; i++) {
      await next.click();
      await page.waitForFunction(() => !document.querySelector('.typing'));
    }
    await card.first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, '04-question.png') });

    const q = card.first();
    const choices = q.getByRole('group', { name: 'Choices' }).getByRole('button');
    if ((await choices.count()) > 0) await choices.first().click();
    else {
      await q.getByRole('textbox', { name: 'Your answer' }).fill('security group');
      await q.getByRole('button', { name: 'Check' }).click();
    }
    const verdict = log.getByRole('region', { name: 'Verdict' });
    await verdict.first().waitFor({ timeout: 20_000 });
    expect(await verdict.first().locator('.verdict-label').innerText()).toMatch(/correct|partly|not yet/i);
    await page.screenshot({ path: join(SHOTS, '05-verdict.png') });
    expect(consoleErrors).toEqual([]);
  });
});
