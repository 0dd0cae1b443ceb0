import { open, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ModelInstallError, abortedError, describeNetworkError, diskError, isAbortError, sleep } from './errors';
import { describeDigest, gotDigest, verifyFile } from './digest';
import type { FileDigest } from './digest';

export const DEFAULT_HUB_URL = 'https://huggingface.co';

export interface RetryOptions {
  /** Consecutive failed attempts (without any new bytes) before giving up. Default 5. */
  attempts?: number;
  /** First backoff delay; doubles each time, capped at maxDelayMs. Default 500 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface DownloadOptions {
  url: string;
  /** Resumable download file; holds the verified bytes when the promise resolves. */
  partPath: string;
  /** Size and digest the bytes must have: a sha256, or (small hub files) a git blob sha1. */
  expected: { size: number } & FileDigest;
  /** Name used in messages (the manifest file path). */
  label: string;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
  retry?: RetryOptions;
  onProgress?: (phase: 'download' | 'verify', done: number, total: number) => void;
}

/** HF layout: {base}/{owner}/{name}/resolve/{revision}/{path}. */
export function hubFileUrl(baseUrl: string, id: string, revision: string, path: string): string {
  const enc = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  return `${baseUrl.replace(/\/+$/, '')}/${enc(id)}/resolve/${encodeURIComponent(revision)}/${enc(path)}`;
}

/** A failure worth retrying (dropped connection, 5xx, 429); anything else is final. */
class TransientError extends Error {}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw diskError('stat', path, err);
  }
}

async function removeFile(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch (err) {
    throw diskError('delete', path, err);
  }
}

function contentRangeStart(header: string | null): number | undefined {
  const m = header ? /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header.trim()) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * Download `url` into `partPath`, resuming from whatever is already there, and verify size and
 * digest. Dropped connections are retried with backoff; a checksum mismatch deletes the part and
 * downloads once more from scratch before failing with kind 'checksum'. Resolves to the sha256.
 */
export async function downloadVerified(opts: DownloadOptions): Promise<string> {
  const { partPath, expected, label, signal } = opts;
  const attempts = opts.retry?.attempts ?? 5;
  const baseDelay = opts.retry?.baseDelayMs ?? 500;
  const maxDelay = opts.retry?.maxDelayMs ?? 8000;
  let checksumFailures = 0;
  let failures = 0;

  for (;;) {
    if (signal?.aborted) throw abortedError();
    let have = await fileSize(partPath);
    if (have > expected.size) {
      await removeFile(partPath);
      have = 0;
    }
    if (have < expected.size) {
      try {
        await fetchInto(opts, have);
        const now = await fileSize(partPath);
        if (now < expected.size) throw new TransientError(`connection closed after ${now} of ${expected.size} bytes`);
      } catch (err) {
        if (!(err instanceof TransientError)) throw err;
        // Any new bytes mean the link works, so only consecutive fruitless attempts count.
        failures = (await fileSize(partPath)) > have ? 1 : failures + 1;
        if (failures >= attempts) {
          throw new ModelInstallError('network', `${label}: ${err.message} (gave up after ${failures} attempts)`);
        }
        await sleep(Math.min(maxDelay, baseDelay * 2 ** (failures - 1)), signal);
        continue;
      }
    }

    const size = await fileSize(partPath);
    const check = size === expected.size ? await verifyFile(partPath, { path: label, ...expected }, (d) => opts.onProgress?.('verify', d, size)) : undefined;
    if (check?.ok) return check.hashes.sha256;
    await removeFile(partPath);
    checksumFailures++;
    if (checksumFailures >= 2) {
      const what = check ? `got ${gotDigest(expected, check.hashes)}` : `got ${size} bytes instead of ${expected.size}`;
      throw new ModelInstallError('checksum', `checksum mismatch for ${label}: expected ${describeDigest(expected)}, ${what} (downloaded twice from ${opts.url})`);
    }
  }
}

/** One HTTP attempt: append on 206, restart on 200. Resolves when the body ends (maybe short). */
async function fetchInto(opts: DownloadOptions, have: number): Promise<void> {
  const { url, partPath, expected, label, signal } = opts;
  const fetchImpl = opts.fetchImpl ?? globalThis.fetch;
  const headers: Record<string, string> = {};
  if (have > 0) headers.Range = `bytes=${have}-`;

  let res: Response;
  try {
    res = await fetchImpl(url, { headers, redirect: 'follow', signal });
  } catch (err) {
    if (isAbortError(err, signal)) throw abortedError();
    throw new TransientError(`network error fetching ${url}: ${describeNetworkError(err)}`);
  }
  const discard = async (): Promise<void> => {
    await res.body?.cancel().catch(() => undefined);
  };

  if ([401, 403, 404, 410].includes(res.status)) {
    await discard();
    throw new ModelInstallError('unavailable', `${label} not found on the hub (HTTP ${res.status} for ${url})`);
  }
  if (res.status === 416) {
    // The server's copy is shorter than our part: it changed under us, start over.
    await discard();
    await removeFile(partPath);
    throw new TransientError(`server refused to resume ${label} (HTTP 416)`);
  }
  if (res.status === 429 || res.status >= 500) {
    await discard();
    throw new TransientError(`HTTP ${res.status} from ${url}`);
  }
  if (res.status !== 200 && res.status !== 206) {
    await discard();
    throw new ModelInstallError('network', `unexpected HTTP ${res.status} for ${url}`);
  }
  let written = 0;
  if (res.status === 206) {
    if (have === 0 || contentRangeStart(res.headers.get('content-range')) !== have) {
      await discard();
      await removeFile(partPath);
      throw new TransientError(`server resumed ${label} at the wrong offset`);
    }
    written = have;
  }
  if (!res.body) throw new TransientError(`empty response body from ${url}`);

  let fh: FileHandle;
  try {
    fh = await open(partPath, written > 0 ? 'a' : 'w');
  } catch (err) {
    await discard();
    throw diskError('write', partPath, err);
  }
  const reader = res.body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (isAbortError(err, signal)) throw abortedError();
        throw new TransientError(`connection dropped after ${written} of ${expected.size} bytes (${describeNetworkError(err)})`);
      }
      if (chunk.done) break;
      try {
        await fh.write(chunk.value);
      } catch (err) {
        throw diskError('write', partPath, err);
      }
      written += chunk.value.length;
      opts.onProgress?.('download', Math.min(written, expected.size), expected.size);
      // More bytes than the manifest says: stop early, the checksum step deletes and retries.
      if (written > expected.size) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
    await fh.sync().catch((err: unknown) => {
      throw diskError('sync', partPath, err);
    });
  } catch (err) {
    // Free the connection on a disk error; a no-op when the stream already failed.
    await reader.cancel().catch(() => undefined);
    throw err;
  } finally {
    await fh.close().catch(() => undefined);
  }
}
