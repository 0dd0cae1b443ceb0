/**
 * Web mode's first run in a real browser (system Chromium): the server listens before its engine
 * opens, and the page follows the opening over `POST /api/events` (with its token, read as a stream)
 * until the engine is ready. UI-agnostic on purpose: it watches the traffic, not the header's words.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../electron/shared/api';
import { EVENTS_PATH, parseProgressLine } from '../../electron/shared/webEvents';
import { ensureRendererBuilt } from '../../electron/web/server';
import { startTestWeb } from '../helpers/web';
import { launchChromium } from '../helpers/chromium';

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const c of cleanups) await c();
});

describe('web mode first run in a browser', () => {
  it('streams the engine opening to the page, with the token, until ready', async () => {
    // A fresh data and models folder: the page loads while the engine is still being built.
    const { web, app, cleanup } = await startTestWeb('e2e-progress', { waitForEngine: false });
    cleanups.push(cleanup);
    const streamed: string[] = [];
    app.services.onProgress((e) => streamed.push(e.stage));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const eventsRequest = page.waitForRequest((r) => new URL(r.url()).pathname === EVENTS_PATH);
    const eventsResponse = page.waitForResponse((r) => new URL(r.url()).pathname === EVENTS_PATH);

    await page.goto(web.url);
    const req = await eventsRequest;
    expect(req.method()).toBe('POST');
    expect(req.headers()[TOKEN_HEADER]).toBe(web.token);
    expect((await eventsResponse).status()).toBe(200);
    // The page reads the stream itself: collect what it receives through its own fetch.
    const received = await page.evaluate(
      async ({ path, header, token }) => {
        const res = await fetch(path, { method: 'POST', headers: { [header]: token } });
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        while (!text.includes('"ready"')) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
        }
        await reader.cancel();
        return { status: res.status, type: res.headers.get('content-type'), text };
      },
      { path: EVENTS_PATH, header: TOKEN_HEADER, token: web.token },
    );
    expect(received.status).toBe(200);
    expect(received.type).toMatch(/^application\/x-ndjson/);
    const stages = received.text
      .split('\n')
      .map(parseProgressLine)
      .filter((e) => e !== null)
      .map((e) => e.stage);
    expect(stages.at(-1)).toBe('ready');
    expect((await app.opened).ok).toBe(true);
    expect(streamed.at(-1)).toBe('ready');
    expect(errors).toEqual([]);
    await page.close();
  });
});
