import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A loopback stand-in for the Hugging Face hub: serves `<root>/<owner>/<name>/<path>` at
 * `/{owner}/{name}/resolve/{rev}/{path}`, with Range support, an LFS-like redirect for .onnx
 * files, and switches to misbehave (corrupt bytes, drop the connection part-way). Its API answers
 * `/api/models/{id}/revision/{rev}` ({sha}) and `/api/models/{id}/tree/{commit}[/{dir}]` (the
 * listing: `.onnx` files as LFS with their sha256, the rest with their git blob sha1).
 */
export interface FakeHubOptions {
  root: string;
  /** Revisions that exist; any other gives 404 like the hub. Default: any. */
  revisions?: string[];
  /** Redirect `.onnx` files to /cdn/... first (the hub sends LFS files to a CDN). Default true. */
  redirectLfs?: boolean;
  /** Branch → commit for the revision API; a 40-hex revision resolves to itself. Default: main → FAKE_COMMIT. */
  refs?: Record<string, string>;
  /** List only a folder's direct children even when asked for `recursive=true` (some mirrors). */
  ignoreRecursive?: boolean;
}

export const FAKE_COMMIT = 'c0ffee0000000000000000000000000000000001';

export interface RecordedRequest {
  url: string;
  range?: string;
  status: number;
}

export interface FakeHub {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Serve this file (manifest path) with flipped bytes, same length. */
  corrupt: Set<string>;
  /** Paths served whole with 200 even when a Range is asked for (servers may do that). */
  ignoreRange: Set<string>;
  /** Path -> byte count: send that many bytes, then kill the socket (once per entry). */
  dropOnceAfter: Map<string, number>;
  /** Paths left out of the tree listing (the files are still served). */
  unlisted: Set<string>;
  /** Requests for one file (manifest path), in order, after redirects. */
  requestsFor(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeHub(opts: FakeHubOptions): Promise<FakeHub> {
  const requests: RecordedRequest[] = [];
  const corrupt = new Set<string>();
  const dropOnceAfter = new Map<string, number>();
  const ignoreRange = new Set<string>();
  const unlisted = new Set<string>();
  const refs = opts.refs ?? { main: FAKE_COMMIT };
  const commits = new Set(Object.values(refs));

  /** Files and folders under `<root>/<id>/<dir>`, like the hub's tree API (computed independently of the app's code). */
  const listTree = async (id: string, dir: string, recursive: boolean): Promise<object[]> => {
    const out: object[] = [];
    const walk = async (rel: string): Promise<void> => {
      for (const e of await readdir(join(opts.root, id, rel), { withFileTypes: true })) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          out.push({ type: 'directory', path, oid: '0'.repeat(40), size: 0 });
          if (recursive) await walk(path);
          continue;
        }
        if (unlisted.has(path)) continue;
        const data = await readFile(join(opts.root, id, path));
        if (path.endsWith('.onnx')) {
          const sha256 = createHash('sha256').update(data).digest('hex');
          out.push({ type: 'file', path, size: data.length, oid: '1'.repeat(40), lfs: { oid: sha256, size: data.length, pointerSize: 134 } });
        } else {
          const blob = createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
          out.push({ type: 'file', path, size: data.length, oid: blob });
        }
      }
    };
    await walk(dir);
    return out;
  };

  const serveApi = async (res: ServerResponse, parts: string[], search: URLSearchParams): Promise<number> => {
    const json = (status: number, body: unknown): number => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return status;
    };
    // /api/models/{owner}/{name}/revision/{rev}  or  /api/models/{owner}/{name}/tree/{commit}[/{dir...}]
    const id = `${parts[2]}/${parts[3]}`;
    const rev = parts[5];
    if (parts[4] === 'revision' && parts.length === 6) {
      const sha = refs[rev] ?? (/^[0-9a-f]{40}$/.test(rev) && commits.has(rev) ? rev : undefined);
      return sha ? json(200, { id, sha, siblings: [] }) : json(404, { error: 'Invalid rev id' });
    }
    if (parts[4] === 'tree' && parts.length >= 6) {
      if (!commits.has(rev)) return json(404, { error: 'Invalid rev id' });
      const recursive = search.get('recursive') === 'true' && !opts.ignoreRecursive;
      try {
        return json(200, await listTree(id, parts.slice(6).join('/'), recursive));
      } catch {
        return json(404, { error: 'Entry not found' });
      }
    }
    return json(404, { error: 'not found' });
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse, id: string, path: string): Promise<number> => {
    let data: Buffer;
    try {
      data = await readFile(join(opts.root, id, path));
    } catch {
      res.writeHead(404).end('Entry not found');
      return 404;
    }
    if (corrupt.has(path)) data = Buffer.from(data.map((b) => b ^ 0xff));
    let start = 0;
    const range = ignoreRange.has(path) ? undefined : req.headers.range;
    if (range) {
      const m = /^bytes=(\d+)-$/.exec(range);
      start = m ? Number(m[1]) : 0;
      if (start >= data.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${data.length}` }).end();
        return 416;
      }
    }
    const body = data.subarray(start);
    const headers: Record<string, string | number> = { 'Content-Length': body.length, 'Content-Type': 'application/octet-stream' };
    const status = range ? 206 : 200;
    if (range) headers['Content-Range'] = `bytes ${start}-${data.length - 1}/${data.length}`;
    res.writeHead(status, headers);
    const dropAt = dropOnceAfter.get(path);
    if (dropAt !== undefined) {
      dropOnceAfter.delete(path);
      // Let the client read the first bytes before the connection dies, like a real mid-file drop.
      res.write(body.subarray(0, dropAt), () => setTimeout(() => res.socket?.destroy(), 80));
      return status;
    }
    res.end(body);
    return status;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const record = (status: number): void => {
      requests.push({ url: url.pathname, range: req.headers.range, status });
    };
    if (parts[0] === 'api' && parts[1] === 'models' && parts.length >= 6) {
      void serveApi(res, parts, url.searchParams).then((status) => {
        requests.push({ url: url.pathname + url.search, status });
      });
      return;
    }
    // /{owner}/{name}/resolve/{rev}/{path...}  or  /cdn/{owner}/{name}/{path...}
    if (parts[0] === 'cdn' && parts.length >= 4) {
      const id = `${parts[1]}/${parts[2]}`;
      const path = parts.slice(3).join('/');
      void serveFile(req, res, id, path).then(record);
      return;
    }
    if (parts.length >= 5 && parts[2] === 'resolve') {
      const id = `${parts[0]}/${parts[1]}`;
      const rev = parts[3];
      const path = parts.slice(4).join('/');
      if (opts.revisions && !opts.revisions.includes(rev)) {
        res.writeHead(404).end('Revision not found');
        record(404);
        return;
      }
      if ((opts.redirectLfs ?? true) && path.endsWith('.onnx')) {
        res.writeHead(302, { Location: `/cdn/${id}/${path}` }).end();
        record(302);
        return;
      }
      void serveFile(req, res, id, path).then(record);
      return;
    }
    res.writeHead(404).end();
    record(404);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    corrupt,
    ignoreRange,
    dropOnceAfter,
    unlisted,
    requestsFor: (path) => requests.filter((r) => r.url.endsWith(`/${path}`) && r.status !== 302),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
