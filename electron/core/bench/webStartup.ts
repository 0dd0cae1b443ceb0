/**
 * Start-up of the app in web mode, as a learner meets it: a new server process (cold: a fresh
 * Node, the index already on disk), then the page in Chromium until its first contentful paint
 * and until it is interactive (the composer accepts a question). The baseline, in the same run and
 * the same browser, is a static page with one paragraph served from loopback: the browser's own
 * floor for a first paint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { appRoot } from '../paths';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WebStartupOptions {
  chromiumPath: string;
  dataDir: string;
  modelsRoot: string;
  runs: number;
  log?: (m: string) => void;
}

export interface WebStartupRun {
  /** Process spawned → the server printed its URL. */
  serverReadyMs: number;
  /** Navigation start → first contentful paint. */
  fcpMs: number;
  /** Navigation start → the composer is enabled and the engine is ready. */
  interactiveMs: number;
  /** Spawn → first contentful paint: "window visible after launch". */
  launchToFcpMs: number;
  /** Spawn → interactive. */
  launchToInteractiveMs: number;
}

export interface WebStartupReport {
  runs: WebStartupRun[];
  /** Core's answer received by the page (response end) → the answer bubble in the DOM, per question. */
  answerRender: { questions: number; p50Ms: number; maxMs: number };
  median: WebStartupRun;
  baseline: { staticPageFcpMs: number };
  fcpVsBaseline: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

/** Starts `npm run web` as its own process and resolves with the URL it prints. */
function startServer(o: WebStartupOptions): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(appRoot(), 'electron', 'web', 'server.ts'),
      '--port',
      '0',
      '--data-dir',
      o.dataDir,
      '--models-dir',
      o.modelsRoot,
    ],
    { cwd: appRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], readyMs: performance.now() - t0 });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`web server exited (${code}) before it was ready: ${err.trim()}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function firstContentfulPaint(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
}

async function staticBaseline(browser: Browser): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>baseline</title><p>Nimbus</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const fcp = await firstContentfulPaint(page);
    await page.close();
    return fcp;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const RENDER_QUESTIONS = [
  'what is the difference between a security group and a NACL?',
  'which S3 storage class is cheapest for archives?',
  'how much memory can a lambda function have?',
  'what does CloudWatch do?',
  'what is a VPC?',
];

/** Per question: when the /api/ask response finished arriving vs when its answer bubble appeared. */
async function answerRenderTimes(page: Page): Promise<number[]> {
  await page.getByRole('link', { name: '#ask-anything' }).click();
  const out: number[] = [];
  for (const q of RENDER_QUESTIONS) {
    const before = await page.locator('[role=log] [aria-label="Sources"]').count();
    // A string, not a function: tsx would inject its __name helper into a serialised function.
    await page.evaluate(`(() => {
      delete window.__answerShown;
      const seen = () => document.querySelectorAll('[role=log] [aria-label="Sources"]').length > ${before};
      new MutationObserver((_m, obs) => {
        if (seen()) { window.__answerShown = performance.now(); obs.disconnect(); }
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    const box = page.getByRole('textbox', { name: /message/i });
    await box.fill(q);
    await box.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __answerShown?: number }).__answerShown !== undefined);
    out.push(
      await page.evaluate(() => {
        const ends = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/api/ask'))
          .map((e) => (e as PerformanceResourceTiming).responseEnd);
        return (window as unknown as { __answerShown: number }).__answerShown - Math.max(...ends);
      }),
    );
  }
  return out;
}

async function oneRun(browser: Browser, o: WebStartupOptions, measureAnswers?: number[]): Promise<WebStartupRun> {
  const { child, url, readyMs } = await startServer(o);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const navStart = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    const fcpMs = await firstContentfulPaint(page);
    // Interactive: the composer takes input (it is disabled or absent until the engine is ready).
    await page
      .getByRole('textbox', { name: /message|question/i })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction(
      () => {
        const box = document.querySelector<HTMLTextAreaElement>('textarea');
        return !!box && !box.disabled && !document.querySelector('[data-first-run]');
      },
      null,
      { timeout: 60_000, polling: 5 },
    );
    const interactiveMs = performance.now() - navStart;
    if (measureAnswers) measureAnswers.push(...(await answerRenderTimes(page)));
    return {
      serverReadyMs: readyMs,
      fcpMs,
      interactiveMs,
      launchToFcpMs: readyMs + fcpMs,
      launchToInteractiveMs: readyMs + interactiveMs,
    };
  } finally {
    await context.close();
    await stop(child);
  }
}

export async function benchWebStartup(o: WebStartupOptions): Promise<WebStartupReport> {
  const browser = await chromium.launch({ executablePath: o.chromiumPath, args: CHROMIUM_ARGS });
  try {
    const baseline = await staticBaseline(browser);
    // The first run builds the index into the data folder; the measured runs load it from disk.
    o.log?.('web start-up: warm-up run (builds the index on disk)');
    await oneRun(browser, o);
    const runs: WebStartupRun[] = [];
    const answers: number[] = [];
    for (let i = 0; i < o.runs; i++) runs.push(await oneRun(browser, o, i === 0 ? answers : undefined));
    const pick = (k: keyof WebStartupRun): number => Number(median(runs.map((r) => r[k])).toFixed(1));
    const med: WebStartupRun = {
      serverReadyMs: pick('serverReadyMs'),
      fcpMs: pick('fcpMs'),
      interactiveMs: pick('interactiveMs'),
      launchToFcpMs: pick('launchToFcpMs'),
      launchToInteractiveMs: pick('launchToInteractiveMs'),
    };
    return {
      runs,
      answerRender: {
        questions: answers.length,
        p50Ms: Number(median(answers).toFixed(1)),
        maxMs: Number(Math.max(...answers).toFixed(1)),
      },
      median: med,
      baseline: { staticPageFcpMs: Number(baseline.toFixed(1)) },
      fcpVsBaseline: Number((med.fcpMs / baseline).toFixed(2)),
    };
  } finally {
    await browser.close();
  }
}
