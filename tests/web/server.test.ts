import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../electron/web/server';
import { AskResultSchema, InfoResultSchema, TOKEN_HEADER, TutorResultSchema } from '../../electron/shared/api';
import { startTestWeb } from '../helpers/web';
import type { WebServer } from '../../electron/web/server';
import { tempDir } from '../helpers/engine';

let web: WebServer;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ web, cleanup } = await startTestWeb('web'));
});
afterAll(async () => cleanup?.());

const post = (call: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${web.origin}/api/${call}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: web.origin, [TOKEN_HEADER]: web.token, ...headers },
    body: JSON.stringify(body),
  });

describe('web server', () => {
  it('binds 127.0.0.1 only and prints a URL carrying the token in its fragment', () => {
    expect(web.origin).toBe(`http://127.0.0.1:${web.port}`);
    expect(web.port).toBeGreaterThan(0);
    expect(web.url).toBe(`${web.origin}/#token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await fetch(`${web.origin}/api/info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.origin },
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect((await missing.json()).ok).toBe(false);
    const wrong = await post('info', {}, { [TOKEN_HEADER]: 'x'.repeat(web.token.length) });
    expect(wrong.status).toBe(401);
    expect((await post('info', {}, { [TOKEN_HEADER]: 'short' })).status).toBe(401);
  });

  it('refuses a foreign or missing Origin with 403, even with the token', async () => {
    expect((await post('info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('info', {}, { origin: `http://localhost:${web.port}` })).status).toBe(403);
    const noOrigin = await fetch(`${web.origin}/api/info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: web.token },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it('answers /api/ask with a typed result that has citations', async () => {
    const res = await post('ask', { request: 'what is the difference between a security group and a NACL?' });
    expect(res.status).toBe(200);
    const result = AskResultSchema.parse(await res.json());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.abstained).toBe(false);
    expect(result.value.citations.length).toBeGreaterThan(0);
    expect(InfoResultSchema.parse(await (await post('info', {})).json()).ok).toBe(true);
  });

  it('validates payloads against the contract and answers typed failures', async () => {
    const bad = await post('ask', { request: 42 });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const noLesson = TutorResultSchema.parse(await (await post('tutor', { request: { cmd: 'next' } })).json());
    expect(noLesson).toMatchObject({ ok: false, error: { code: 'no-lesson' } });
    expect((await post('nope', {})).status).toBe(404);
    expect((await post('ask', 'not json', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('takes a backup larger than the usual body limit (and only for backup.import)', async () => {
    const big = `{${' '.repeat(3 * 1024 * 1024)}`; // over the 2 MB default, not valid JSON
    const res = await post('backup.import', { request: { json: big } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect((await post('learn.add', { request: { title: 'x', markdown: big } })).status).toBe(413);
  });

  it('serves the renderer with the strict CSP and never a file outside it', async () => {
    const dir = tempDir('web-static');
    mkdirSync(join(dir.path, 'r'));
    writeFileSync(join(dir.path, 'r', 'index.html'), '<!doctype html><p>hi</p>');
    writeFileSync(join(dir.path, 'secret.txt'), 'secret');
    const s = await startWebServer({
      services: { dispatch: async () => ({ ok: true, value: null }) as never },
      rendererDir: join(dir.path, 'r'),
    });
    try {
      const page = await fetch(`${s.origin}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect((await fetch(`${s.origin}/../secret.txt`)).status).toBe(404);
      expect((await fetch(`${s.origin}/%2e%2e/secret.txt`)).status).toBe(404);
      // DNS rebinding: another Host name is refused
      const rebound = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: s.port, path: '/', headers: { host: 'evil.example' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(rebound).toBe(403);
    } finally {
      await s.close();
      dir.cleanup();
    }
  });
});
