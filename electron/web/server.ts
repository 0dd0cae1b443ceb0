/**
 * Web mode: the built renderer plus the `window.nimbus` API over HTTP, for a browser on this
 * machine. Bound to 127.0.0.1 only; every API call needs the per-run token (header
 * `x-nimbus-token`, handed to the page in the URL fragment, which never leaves the browser) and
 * must come from the server's own origin. Calls are `POST /api/<name>` with `{"request": …}` and
 * answer the contract's Result as JSON; `POST /api/events` streams progress (NDJSON).
 *
 * The server listens first and opens the engine after, in its own worker process
 * (WorkerServicesHost), so the page loads at once and shows the first-run progress.
 *
 *   npm run web -- [--port N] [--data-dir DIR] [--models-dir DIR] [--embedder auto|minilm|static] [--in-process]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { InProcessServicesHost } from '../core/app/host/InProcessServicesHost';
import type { SpawnWorker } from '../core/app/host/protocol';
import type { HostServicesOptions, ServicesHost } from '../core/app/host/types';
import { WorkerServicesHost } from '../core/app/host/WorkerServicesHost';
import type { EmbedderPreference } from '../core/engine/openEmbedder';
import { defaultContentDir, defaultDataDir, defaultModelsRoot, vendoredTokenizerDir } from '../core/paths';
import {
  API_CALL_NAMES,
  ErrorCode,
  MAX_BACKUP_BYTES,
  MAX_VOICE_BASE64_CHARS,
  TOKEN_HEADER,
  fail,
  type ApiCallName,
  type Result,
} from '../shared/api';
import { EVENTS_PATH } from '../shared/webEvents';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import { ProgressStream } from './progressStream';

export const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * Calls whose payload may be larger: a voice message (up to 60 s of 16 kHz WAV, ≈ 2.5 MB as
 * base64). Still a bound: the contract's schema checks the exact size after parsing.
 */
const BODY_LIMITS: Partial<Record<ApiCallName, number>> = {
  'voice.transcribe': MAX_VOICE_BASE64_CHARS + 4096,
  // A backup file (up to MAX_BACKUP_BYTES) as a JSON string: escaping its quotes and line breaks
  // at most doubles a valid JSON text.
  'backup.import': 2 * MAX_BACKUP_BYTES + 4096,
};
const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DEFAULT_RENDERER_DIR = join(REPO, 'out', 'renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface WebServerOptions {
  /** Where the API calls go; its progress (when it has any) feeds `POST /api/events`. */
  services: Pick<ServicesHost, 'dispatch'> & Partial<Pick<ServicesHost, 'onProgress'>>;
  /** The built renderer (index.html and assets). */
  rendererDir?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Generated when not given. */
  token?: string;
}

export interface WebServer {
  /** Open this in a browser: the page reads the token from the fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const rendererDir = resolve(o.rendererDir ?? DEFAULT_RENDERER_DIR);
  const token = o.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let origin = '';
  let hostHeader = '';
  const progress = new ProgressStream();
  const unsubscribe = o.services.onProgress?.((e) => progress.push(e));

  const tokenOk = (req: IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, fail(ErrorCode.internal, e instanceof Error ? e.message : String(e)));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves here is still not this server.
    if (req.headers.host !== hostHeader) return sendText(res, 403, 'Forbidden host');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    // The app has no icon file; answer the browser's automatic request without a 404 in the console.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, SECURITY_HEADERS);
      return void res.end();
    }
    return serveStatic(res, url.pathname, req.method === 'HEAD');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!tokenOk(req)) return sendJson(res, 401, fail(ErrorCode.forbiddenSender, 'Missing or wrong token.'));
    if (req.headers.origin !== origin)
      return sendJson(res, 403, fail(ErrorCode.forbiddenSender, 'This page may not talk to the tutor.'));
    if (req.method !== 'POST') return sendJson(res, 405, fail(ErrorCode.invalidRequest, 'Use POST.'));
    if (`/api/${name}` === EVENTS_PATH) {
      req.resume(); // no body expected; drain whatever came
      return progress.attach(res, SECURITY_HEADERS);
    }
    if (!(API_CALL_NAMES as string[]).includes(name))
      return sendJson(res, 404, fail(ErrorCode.invalidRequest, `There is no call "${name}".`));
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return sendJson(res, 415, fail(ErrorCode.invalidRequest, 'Send JSON.'));
    const body = await readBody(req, BODY_LIMITS[name as ApiCallName] ?? MAX_BODY_BYTES);
    if (body === null) return sendJson(res, 413, fail(ErrorCode.invalidRequest, 'The request is too large.'));
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      return sendJson(res, 400, fail(ErrorCode.invalidRequest, 'The request is not valid JSON.'));
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
      return sendJson(res, 400, fail(ErrorCode.invalidRequest, 'Send {"request": …}.'));
    const result = await o.services.dispatch(name as ApiCallName, (envelope as { request?: unknown }).request);
    sendJson(res, 200, result);
  }

  async function serveStatic(res: ServerResponse, pathname: string, head: boolean): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    const file = resolve(rendererDir, '.' + rel);
    const inside = relative(rendererDir, file);
    if (!inside || inside.startsWith('..') || isAbsolute(inside) || rel.includes('\0'))
      return sendText(res, 404, 'Not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendText(res, 404, 'Not found');
    const data = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': data.length,
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
    });
    res.end(head ? undefined : data);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ host: HOST, port: o.port ?? 0 }, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  hostHeader = `${HOST}:${port}`;
  origin = `http://${hostHeader}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      unsubscribe?.();
      // Progress streams never end by themselves: end them cleanly, then drop every connection.
      await progress.endAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface WebAppOptions extends HostServicesOptions, Omit<WebServerOptions, 'services'> {
  /** Run the engine in this process instead of a worker process (debugging; tests of the server). */
  inProcess?: boolean;
  /** How the worker process is started (tests); defaults to forking the worker entry. */
  spawn?: SpawnWorker;
}

export interface WebApp {
  web: WebServer;
  services: ServicesHost;
  /** Settles when the engine has opened (or failed to: then the first call reports why). */
  opened: Promise<Result<null>>;
  close(): Promise<void>;
}

/** Web mode as `npm run web` runs it: listen first, then open the engine (progress on /api/events). */
export async function startWebApp(o: WebAppOptions): Promise<WebApp> {
  const { inProcess, spawn, rendererDir, port, token, ...options } = o;
  const services: ServicesHost = inProcess
    ? InProcessServicesHost.create(options)
    : new WorkerServicesHost({ ...options, spawn });
  let web: WebServer;
  try {
    web = await startWebServer({ services, rendererDir, port, token });
  } catch (e) {
    await services.close();
    throw e;
  }
  const opened = services.open();
  return {
    web,
    services,
    opened,
    close: async () => {
      await web.close();
      await services.close();
    },
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolvePromise, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else parts.push(chunk);
    });
    req.on('end', () => resolvePromise(tooLarge ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Builds the renderer (electron-vite) when out/renderer is missing. */
export function ensureRendererBuilt(rendererDir = DEFAULT_RENDERER_DIR): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  process.stderr.write('nimbus web: building the renderer (npx electron-vite build)…\n');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(rendererDir, 'index.html')))
    throw new Error('Building the renderer failed; run `npm run build` to see why.');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      embedder: { type: 'string', default: 'auto' },
      'in-process': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, not ${values.port}`);
  const embedder = values.embedder as EmbedderPreference;
  if (!['auto', 'minilm', 'static'].includes(embedder)) throw new Error('--embedder must be auto, minilm or static');
  ensureRendererBuilt();
  const dataDir = values['data-dir'] ?? process.env.NIMBUS_DATA_DIR;
  const modelsDir = values['models-dir'] ?? process.env.NIMBUS_MODELS_PATH;
  const app = await startWebApp({
    contentDir: defaultContentDir(),
    dataDir: dataDir ? resolve(dataDir) : defaultDataDir(),
    modelsRoot: modelsDir ? resolve(modelsDir) : defaultModelsRoot(),
    tokenizerDir: vendoredTokenizerDir(),
    embedder,
    port,
    inProcess: values['in-process'],
    onStoreReport: (r) => process.stderr.write(`nimbus web: ${r.document}: ${r.status}\n`),
  });
  app.services.onProgress((e) => {
    if (e.done === e.total) process.stderr.write(`${e.stage} ${e.done}/${e.total}\n`);
  });
  process.stdout.write(`Nimbus Tutor (web) at ${app.web.url}\n`);
  void app.opened.then((r) => {
    if (!r.ok) process.stderr.write(`nimbus web: the engine did not open: ${r.error.message}\n`);
  });
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`nimbus web: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
