/**
 * renderer/src/webBridge.ts's onProgress: the streamed `POST /api/events` read with fetch and a
 * ReadableStream reader, against the real server, plus reconnection and unsubscribing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ProgressHub } from '../../electron/core/app/host/types';
import type { ProgressEvent } from '../../electron/shared/api';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { createWebBridge } from '../../renderer/src/webBridge';

const ev = (stage: string, done: number, total = 4): ProgressEvent => ({ stage, done, total });
const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

let s: WebServer;
const hub = new ProgressHub();
afterAll(async () => s?.close());

/** The browser's fetch on the server's origin: relative URLs, and the Origin header it would send. */
function pageFetch(signals: AbortSignal[] = []): typeof fetch {
  return (input, init) => {
    if (init?.signal) signals.push(init.signal);
    return fetch(`${s.origin}${String(input)}`, {
      ...init,
      cache: undefined,
      headers: { ...(init?.headers as Record<string, string>), origin: s.origin },
    });
  };
}

describe('web bridge onProgress', () => {
  it('delivers the replayed and the pushed events in order; unsubscribing aborts the stream', async () => {
    s = await startWebServer({
      services: { dispatch: async () => ({ ok: true, value: 'pong' }) as never, onProgress: (l) => hub.on(l) },
      rendererDir: '/nonexistent',
    });
    hub.emit(ev('content', 1, 1));
    const signals: AbortSignal[] = [];
    const api = createWebBridge(s.token, { fetch: pageFetch(signals) });
    const seen: ProgressEvent[] = [];
    const unsubscribe = api.onProgress((e) => seen.push(e));
    await until(() => seen.length === 1);
    for (let i = 1; i <= 4; i++) hub.emit(ev('embedding', i));
    await until(() => seen.length === 5);
    expect(seen).toEqual([
      ev('content', 1, 1),
      ev('embedding', 1),
      ev('embedding', 2),
      ev('embedding', 3),
      ev('embedding', 4),
    ]);
    expect(await api.info()).toEqual({ ok: true, value: 'pong' });

    unsubscribe();
    expect(signals.at(0)?.aborted).toBe(true);
    hub.emit(ev('answer units', 1, 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(5);
  });

  it('reconnects a dropped stream with a growing wait, and stops for good on 401', async () => {
    const encoder = new TextEncoder();
    const stream = (lines: string[], end: boolean) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const l of lines) c.enqueue(encoder.encode(l));
          if (end) c.close();
        },
      });
    const replies = [
      () => new Response(stream([`${JSON.stringify(ev('content', 1, 1))}\n`, '\n'], true)),
      () => new Response('{}', { status: 500 }),
      () =>
        new Response(
          stream(
            [JSON.stringify(ev('ready', 1, 1)).slice(0, 10), `${JSON.stringify(ev('ready', 1, 1)).slice(10)}\n`],
            false,
          ),
        ),
    ];
    const at: number[] = [];
    const fakeFetch: typeof fetch = async () => {
      at.push(performance.now());
      return replies[at.length - 1]();
    };
    const seen: ProgressEvent[] = [];
    const stop = createWebBridge('t', { fetch: fakeFetch, retryMs: 40 }).onProgress((e) => seen.push(e));
    await until(() => seen.length === 2);
    stop();
    expect(seen).toEqual([ev('content', 1, 1), ev('ready', 1, 1)]);
    expect(at).toHaveLength(3);
    // 40 ms after the drop, then 80 ms after the failed retry.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(38);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(78);

    let calls = 0;
    const refused: typeof fetch = async () => {
      calls++;
      return new Response('{}', { status: 401 });
    };
    createWebBridge('wrong', { fetch: refused, retryMs: 5 }).onProgress(() => {});
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(1);
  });
});
