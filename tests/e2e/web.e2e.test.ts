/**
 * End to end in a real browser (system Chromium, headless, via playwright-core): the web mode's
 * page talks to the real server and services over HTTP with the token from its URL fragment.
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

beforeAll(async () => {
  ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  ({ web, cleanup } = await startTestWeb('e2e'));
  browser = await launchChromium();
  ({ page, consoleErrors } = await appPage(browser));
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

  it('starts phase 1: the first lesson appears, its check questions are answered and progress moves', async () => {
    const rail = page.getByRole('navigation', { name: 'Channels' });
    const phase1 = rail.getByRole('link', { name: '#1 core-services' });
    const describe = async (): Promise<string> => {
      const id = await phase1.getAttribute('aria-describedby');
      return id ? page.locator(`[id="${id}"]`).innerText() : '';
    };
    await phase1.click();
    expect(await describe()).toMatch(/0 of \d+ lessons done/);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const log = page.getByRole('log');
    await log.locator('.lesson-card').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => log.getByRole('article', { name: 'Tutor' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, '03-lesson.png') });

    // Walk the lesson: Next through its messages, answer every check question, until it is done.
    const bar = page.getByRole('toolbar', { name: 'Lesson' });
    const nextLesson = bar.getByRole('button', { name: /^Next lesson/ });
    const verdicts = log.getByRole('region', { name: 'Verdict' });
    let shotQuestion = false;
    for (let i = 0; i < 60 && (await nextLesson.count()) === 0; i++) {
      // The question waiting for an answer (answered cards get the .answered class and lock).
      const card = log.locator('article[aria-label="Check question"]:not(.answered)').last();
      if ((await card.count()) > 0) {
        if (!shotQuestion) await page.screenshot({ path: join(SHOTS, '04-question.png') });
        shotQuestion = true;
        const answered = await verdicts.count();
        const choices = card.getByRole('group', { name: 'Choices' }).getByRole('button');
        if ((await choices.count()) > 0) await choices.first().click();
        else {
          await card.getByRole('textbox', { name: 'Your answer' }).fill('security group');
          await card.getByRole('button', { name: 'Check' }).click();
        }
        await expect.poll(() => verdicts.count(), { timeout: 20_000 }).toBeGreaterThan(answered);
        if (answered === 0) await page.screenshot({ path: join(SHOTS, '05-verdict.png') });
      } else await bar.getByRole('button', { name: 'Next', exact: true }).click();
      await page.waitForFunction(() => !document.querySelector('.typing'));
    }
    expect(await verdicts.count()).toBeGreaterThan(0);
    await nextLesson.waitFor({ timeout: 10_000 });
    // The ring and its description follow the tutor's progress.
    await expect.poll(describe, { timeout: 10_000 }).toMatch(/1 of \d+ lessons done/);
    await page.screenshot({ path: join(SHOTS, '06-lesson-done.png') });
  });

  it('asks about security groups vs NACLs, opens the citation chip and the reader shows the section', async () => {
    await page.getByRole('link', { name: '#ask-anything' }).click();
    const answer = await sendMessage(page, 'what is the difference between a security group and a NACL?');
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.innerText()).toMatch(/security group/i);
    await page.screenshot({ path: join(SHOTS, '07-answer.png') });

    const chip = answer.getByRole('list', { name: 'Sources' }).getByRole('button').first();
    const chipText = await chip.innerText();
    await chip.click();
    const reader = page.getByRole('complementary', { name: 'Reader' });
    await reader.locator('[data-highlight]').first().waitFor({ timeout: 10_000 });
    const heading = await reader.getByRole('heading', { level: 2 }).innerText();
    expect(chipText).toContain(heading);
    expect(await reader.innerText()).toMatch(/NACL/);
    await page.screenshot({ path: join(SHOTS, '08-reader.png') });
  });

  it('bookmarks the section; after a reload the bookmark is still there', async () => {
    const reader = page.getByRole('complementary', { name: 'Reader' });
    const heading = await reader.getByRole('heading', { level: 2 }).innerText();
    await reader.getByRole('button', { name: 'Bookmark' }).click();
    await reader.getByRole('button', { name: 'Remove bookmark' }).waitFor();

    await page.reload();
    const rail = page.getByRole('navigation', { name: 'Channels' });
    await rail.getByRole('link', { name: '#bookmarks' }).click();
    const saved = page.getByRole('article', { name: new RegExp(heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await saved.first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, '09-bookmarks-after-reload.png') });
  });

  it('teaches a new topic and answers a question from it', async () => {
    await page.getByRole('link', { name: '#self-learned' }).click();
    await page.getByLabel('Title').fill('Amazon Braket');
    await page
      .getByLabel('Notes (Markdown)')
      .fill(
        'Amazon Braket is a fully managed quantum computing service. It gives access to quantum hardware from ' +
          'several providers and to simulators, billed per task and per shot.',
      );
    await page.getByRole('button', { name: 'Teach this topic' }).click();
    await page.getByRole('status').filter({ hasText: 'answerable now' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, '10-taught.png') });

    const answer = await sendMessage(page, 'what is amazon braket used for?');
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.innerText()).toMatch(/quantum computing/i);
    expect(await answer.getByRole('list', { name: 'Sources' }).innerText()).toMatch(/Braket/);
    await page.screenshot({ path: join(SHOTS, '11-answer-from-topic.png') });
    expect(consoleErrors).toEqual([]);
  });
});
