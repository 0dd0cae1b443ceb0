/**
 * The server side of web mode's progress stream (see electron/shared/webEvents.ts): remembers the
 * latest event, replays it to each new client, then pushes every new one as an NDJSON line.
 */
import type { ServerResponse } from 'node:http';
import type { ProgressEvent } from '../shared/api';
import { EVENTS_CONTENT_TYPE } from '../shared/webEvents';

/** A blank line now and then: a client that went away is noticed (the write fails) and dropped. */
const KEEP_ALIVE_MS = 15_000;

export class ProgressStream {
  private latest: ProgressEvent | null = null;
  private readonly clients = new Set<ServerResponse>();

  /** The latest event pushed (the last state a newcomer is told about). */
  get last(): ProgressEvent | null {
    return this.latest;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  push(event: ProgressEvent): void {
    this.latest = { stage: event.stage, done: event.done, total: event.total };
    const line = `${JSON.stringify(this.latest)}\n`;
    for (const res of this.clients) res.write(line);
  }

  /** Ends every stream cleanly (the server is closing); waits at most `graceMs` for the ends to flush. */
  async endAll(graceMs = 200): Promise<void> {
    const ends = [...this.clients].map((res) => new Promise<void>((r) => res.end(() => r())));
    this.clients.clear();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
    await Promise.race([Promise.all(ends), grace]);
    clearTimeout(timer);
  }

  /** Answers one (already authorised) request with the stream; it ends when the client goes. */
  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'Content-Type': EVENTS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
    res.flushHeaders();
    if (this.latest) res.write(`${JSON.stringify(this.latest)}\n`);
    this.clients.add(res);
    const keepAlive = setInterval(() => res.write('\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    res.on('close', () => {
      clearInterval(keepAlive);
      this.clients.delete(res);
    });
  }
}
