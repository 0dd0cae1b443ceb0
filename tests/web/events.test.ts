/**
 * Web mode's progress stream, `POST /api/events`: the same token, Origin and Host checks as every
 * API call; the latest event replayed on connect, then every new one, in order; and the app
 * listening before its engine opens, so the first-run progress reaches the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProgressHub } from '../../electron/core/app/host/types';
import { TOKEN_HEADER, type ProgressEvent } from '../../electron/shared/api';
import { EVENTS_PATH, parseProgressLine } from '../../electron/shared/webEvents';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempDir } from '../helpers/engine';
import { startTestWeb } from '../helpers/web';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const ev = (stage: string, done: number, total = 10): ProgressEvent => ({ stage, done, total });

/** A server over fake services whose progress the test drives. */
async function fakeServer(): Promise<{ s: WebServer; hub: ProgressHub }> {
  const hub = new ProgressHub();
  const dir = tempDir('events-static');
  mkdirSync(join(dir.path, 'r'));
  writeFileSync(join(dir.path, 'r', 'index.html'), '<!doctype html><p>hi</p>');
  const s = await startWebServer({
    services: { dispatch: async () => ({ ok: true, value: null }) as never, onProgress: (l) => hub.on(l) },
    rendererDir: join(dir.path, 'r'),
  });
  cleanups.push(() => s.close(), dir.cleanup);
  return { s, hub };
}

function openStream(s: WebServer, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  return fetch(`${s.origin}${EVENTS_PATH}`, {
    method,
    headers: { origin: s.origin, [TOKEN_HEADER]: s.token, ...headers },
  });
}

/** Reads events off a stream response until `until` says stop (or it ends, or 20 s pass). */
async function readEvents(res: Response, until: (seen: ProgressEvent[]) => boolean): Promise<ProgressEvent[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: ProgressEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + 20_000;
  while (!until(seen) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const e = parseProgressLine(line);
      if (e) seen.push(e);
    }
  }
  await reader.cancel();
  return seen;
}

describe('POST /api/events: access', () => {
  it('needs the token, for GET too, and only allows POST', async () => {
    const { s } = await fakeServer();
    const noToken = await fetch(`${s.origin}${EVENTS_PATH}`, { method: 'POST', headers: { origin: s.origin } });
    expect(noToken.status).toBe(401);
    expect((await openStream(s, { [TOKEN_HEADER]: 'x'.repeat(s.token.length) })).status).toBe(401);
    expect((await fetch(`${s.origin}${EVENTS_PATH}`)).status).toBe(401);
    expect((await fetch(`${s.origin}${EVENTS_PATH}`, { headers: { origin: s.origin } })).status).toBe(401);
    const get = await openStream(s, {}, 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses a foreign or missing Origin with 403, even with the token', async () => {
    const { s } = await fakeServer();
    expect((await openStream(s, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await openStream(s, { origin: `http://localhost:${s.port}` })).status).toBe(403);
    const noOrigin = await fetch(`${s.origin}${EVENTS_PATH}`, { method: 'POST', headers: { [TOKEN_HEADER]: s.token } });
    expect(noOrigin.status).toBe(403);
  });
});

describe('POST /api/events: the stream', () => {
  it('replays the latest event on connect, then pushes each new one in order', async () => {
    const { s, hub } = await fakeServer();
    hub.emit(ev('content', 0, 1));
    hub.emit(ev('content', 1, 1));
    const res = await openStream(s);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const pushed = [ev('embedding', 3), ev('embedding', 7), ev('embedding', 10), { stage: 'ready', done: 1, total: 1 }];
    const reading = readEvents(res, (seen) => seen.length >= 5);
    // Pushed once the response has started (the client is attached by then): each arrives once, in order.
    for (const e of pushed) hub.emit(e);
    expect(await reading).toEqual([ev('content', 1, 1), ...pushed]);

    const late = await readEvents(await openStream(s), (seen) => seen.length >= 1);
    expect(late).toEqual([{ stage: 'ready', done: 1, total: 1 }]);
  });

  it('ends the streams when the server closes', async () => {
    const { s, hub } = await fakeServer();
    const res = await openStream(s);
    hub.emit(ev('content', 1, 1));
    const reading = readEvents(res, () => false);
    await s.close();
    expect(await reading).toEqual([ev('content', 1, 1)]);
  });
});

describe('web app (listen first, engine in its worker process)', () => {
  it('serves the page before the engine is open, and streams the opening to the end', async () => {
    const dir = tempDir('events-app-static');
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><p>hi</p>');
    const { web, app, cleanup } = await startTestWeb('events-app', { waitForEngine: false, rendererDir: dir.path });
    cleanups.push(cleanup, dir.cleanup);
    const fromHost: ProgressEvent[] = [];
    app.services.onProgress((e) => fromHost.push(e));
    let open = false;
    void app.opened.then(() => (open = true));

    const page = await fetch(`${web.origin}/`);
    expect(page.status).toBe(200);
    expect(open).toBe(false); // a fresh models and data folder: seconds of work still ahead

    const streamed = await readEvents(await openStream(web), (seen) => seen.at(-1)?.stage === 'ready');
    expect((await app.opened).ok).toBe(true);
    expect(streamed.at(-1)).toEqual({ stage: 'ready', done: 1, total: 1 });
    expect(streamed.map((e) => e.stage)).toContain('embedding');
    // The stream is the host's own sequence from some point on (the replay), in the same order.
    expect(fromHost.slice(fromHost.length - streamed.length)).toEqual(streamed);
    expect(fromHost[0].stage).toBe('content');
  });
});
