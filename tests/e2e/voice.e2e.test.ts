/**
 * Voice end to end in a real browser (system Chromium, headless) against the real web server and
 * services: a fake microphone that plays a spoken dev question (espeak-ng, from ../shared/eval),
 * the recorder AudioWorklet under the app's CSP, the voice message bubble with its waveform, the
 * missing speech model said with its install button (no Whisper weights here), answers read aloud
 * through the page's <audio> element, and a typed call where the tutor speaks the lesson.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VOICE_BASE64_CHARS, TOKEN_HEADER } from '../../electron/shared/api';
import { ensureRendererBuilt, type WebServer } from '../../electron/web/server';
import { SHARED, tempDir } from '../helpers/engine';
import { startTestWeb } from '../helpers/web';
import { appPage, launchChromium, sendMessage, SHOTS } from '../helpers/chromium';

const tmp = tempDir('voice-e2e');

let web: WebServer;
let cleanup: () => Promise<void>;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];
const voiceCalls: string[] = [];

/** The page's speaker element: playing (or played to the end) with a real duration. */
const speakerPlayed = () =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLAudioElement>('audio[data-nimbus-speaker]');
    return !!el && (!el.paused || el.ended) && Number.isFinite(el.duration) && el.duration > 0;
  });

beforeAll(async () => {
  ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  // The fake microphone: half a second of silence, the spoken question, then silence.
  const mic = join(tmp.path, 'question.wav');
  execFileSync('sox', [join(SHARED, 'eval', 'voice', 'd006.wav'), '-r', '48000', mic, 'pad', '0.5', '3']);
  ({ web, cleanup } = await startTestWeb('voice-e2e'));
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${mic}`,
  ]);
  ({ page, consoleErrors } = await appPage(browser));
  page.on('request', (r) => {
    const m = /\/api\/(voice\.[\w]+)/.exec(r.url());
    if (m) voiceCalls.push(m[1]);
  });
  await page.goto(web.url);
  await page.locator('.engine-status.ready').waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cleanup?.();
  tmp.cleanup();
});

describe('voice in the browser', () => {
  it('holding the mic records a voice message: a bubble with a waveform, and the missing speech model is said', async () => {
    await page.getByRole('link', { name: '#ask-anything' }).click();
    const mic = page.getByRole('button', { name: 'Record a voice message' });
    expect(await mic.getAttribute('title')).toMatch(/speech model is not installed/);
    await mic.hover();
    await page.mouse.down();
    await page.getByRole('status', { name: 'Recording' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(4500);
    await page.mouse.up();

    const bubble = page.locator('.voice-bubble').last();
    await bubble.waitFor({ timeout: 10_000 });
    const wave = bubble.getByRole('img', { name: /^Voice message, 0:0[4-6]$/ });
    await wave.waitFor();
    // The waveform has its bars, and the spoken part is visibly louder than the silence before it.
    const heights = await wave.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
    expect(heights).toHaveLength(40);
    expect(Math.max(...heights)).toBeGreaterThan(12);
    expect(heights[0]).toBeLessThan(8);

    const missing = bubble.getByRole('alert');
    await missing.waitFor({ timeout: 10_000 });
    expect(await missing.innerText()).toMatch(/speech model is not installed/);
    await bubble.getByRole('button', { name: /^Install speech model \(64 MB\)$/ }).waitFor();
    expect(await bubble.innerText()).toContain('npm run models -- --hub --only Xenova/whisper-tiny.en');
    expect(voiceCalls).toContain('voice.transcribe');
    await page.screenshot({ path: join(SHOTS, 'voice-message.png') });

    // The recording plays back.
    await bubble.getByRole('button', { name: 'Play voice message' }).click();
    await expect
      .poll(() =>
        bubble.locator('audio').evaluate((el: HTMLAudioElement) => (!el.paused || el.ended) && el.duration > 3),
      )
      .toBe(true);
  });

  it('the transcript can be typed and sent instead; the answer comes back', async () => {
    const bubble = page.locator('.voice-bubble').last();
    await bubble
      .getByRole('textbox', { name: 'Transcript' })
      .fill('What is the cheapest EC2 purchase option for batch jobs?');
    await bubble.getByRole('button', { name: 'Send' }).click();
    await bubble.locator('.voice-transcript').waitFor();
    const answer = page
      .getByRole('log')
      .getByRole('article', { name: 'Tutor' })
      .filter({ has: page.getByRole('list', { name: 'Sources' }) })
      .last();
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.innerText()).toMatch(/Spot/i);
  });

  it('reads a typed question’s answer aloud: the <audio> element plays sentence WAVs', async () => {
    const answer = await sendMessage(page, 'what is the difference between a security group and a NACL?');
    await answer
      .getByText(/security group/i)
      .first()
      .waitFor({ timeout: 20_000 });
    await answer.getByRole('button', { name: 'Read aloud' }).click();
    await expect.poll(speakerPlayed, { timeout: 15_000 }).toBe(true);
    await answer.getByRole('button', { name: 'Stop reading aloud' }).waitFor();
    expect(voiceCalls).toContain('voice.speakSentences');
    expect(voiceCalls).toContain('voice.speakSentence');
    await page.screenshot({ path: join(SHOTS, 'voice-read-aloud.png') });
    await answer.getByRole('button', { name: 'Stop reading aloud' }).click();
    await answer.getByRole('button', { name: 'Read aloud' }).waitFor();
    expect(
      await page.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-nimbus-speaker]')?.paused),
    ).toBe(true);
  });

  it('settings show the voice engine, read-aloud and speed', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const voice = dialog.getByRole('region', { name: 'Voice' });
    await voice.getByText('eSpeak NG').waitFor();
    await voice.getByRole('checkbox', { name: 'Read answers aloud' }).check();
    await voice.getByRole('slider', { name: 'Speed' }).fill('1.5');
    expect(await voice.locator('output').innerText()).toBe('1.5×');
    await page.screenshot({ path: join(SHOTS, 'voice-settings.png') });
    await dialog.getByRole('button', { name: 'Close settings' }).click();
    expect(await page.evaluate(() => localStorage.getItem('nimbus.voice'))).toBe(
      '{"readAloud":true,"rate":1.5,"speechModel":"Xenova/whisper-tiny.en"}',
    );
  });

  it('a call in a phase channel without the speech model: typed, and the tutor speaks the lesson', async () => {
    await page.getByRole('link', { name: '#1 core-services' }).click();
    await page.getByRole('button', { name: 'Start call' }).click();
    const bar = page.getByRole('region', { name: 'Call' });
    await bar.getByText(/speech model is not installed: type your answers/).waitFor();
    await page.getByRole('log').locator('.lesson-card').first().waitFor({ timeout: 20_000 });
    await bar.getByRole('status').filter({ hasText: 'Speaking…' }).waitFor({ timeout: 20_000 });
    await expect.poll(speakerPlayed, { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'voice-call.png') });
    await bar.getByRole('button', { name: 'Hang up' }).click();
    await bar.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('the server takes a 60 s voice message but still bounds the body', async () => {
    const post = (body: string) =>
      fetch(`${web.origin}/api/voice.transcribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: web.origin, [TOKEN_HEADER]: web.token },
        body,
      });
    const big = await post(JSON.stringify({ request: { wavBase64: 'A'.repeat(MAX_VOICE_BASE64_CHARS - 4) } }));
    expect(big.status).toBe(200);
    expect(((await big.json()) as { ok: boolean }).ok).toBe(false); // not a WAV, but it got through
    const huge = await post(JSON.stringify({ request: { wavBase64: 'A'.repeat(MAX_VOICE_BASE64_CHARS + 8192) } }));
    expect(huge.status).toBe(413);
    const other = await fetch(`${web.origin}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.origin, [TOKEN_HEADER]: web.token },
      body: JSON.stringify({ request: 'x'.repeat(2.5 * 1024 * 1024) }),
    });
    expect(other.status).toBe(413);
  });
});
