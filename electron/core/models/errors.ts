import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

/**
 * Expected installer failures. `kind` decides the model status: 'unavailable' is "this source
 * does not have the file" (not fatal for `npm run models`); everything else is a real failure.
 */
export type InstallErrorKind = 'unavailable' | 'checksum' | 'network' | 'disk' | 'aborted';

export class ModelInstallError extends Error {
  override name = 'ModelInstallError';
  constructor(
    readonly kind: InstallErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EBUSY']);

function errCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turn an fs error into a one-line message (no stack): "cannot write X: ENOSPC (no space left…)". */
export function diskError(action: string, path: string, err: unknown): ModelInstallError {
  if (err instanceof ModelInstallError) return err;
  const code = errCode(err);
  const detail = err instanceof Error ? err.message.replace(/^[A-Z]+: /, '') : String(err);
  return new ModelInstallError('disk', `cannot ${action} ${path}: ${code && DISK_CODES.has(code) ? `${code} (${detail})` : detail}`);
}

/** Describe a fetch() failure: undici hides the useful part (ECONNREFUSED…) in `cause`. */
export function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: unknown } | null)?.cause;
  const code = errCode(cause) ?? errCode(err);
  const msg = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
  return code && !msg.includes(code) ? `${code} (${msg})` : msg;
}

export function isAbortError(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return err instanceof Error && (err.name === 'AbortError' || (err instanceof ModelInstallError && err.kind === 'aborted'));
}

export function abortedError(): ModelInstallError {
  return new ModelInstallError('aborted', 'cancelled');
}

/** sha256 of a file, streamed (weights are up to ~200 MB). `onBytes` reports cumulative bytes hashed. */
export async function sha256File(path: string, onBytes?: (done: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      done += buf.length;
      onBytes?.(done);
    }
  } catch (err) {
    throw diskError('read', path, err);
  }
  return hash.digest('hex');
}

/** Abortable sleep for retry backoff. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
