/**
 * The same typed NimbusApi as the preload's, over HTTP to the web server (electron/web/server.ts):
 * `POST /api/<call>` with `{"request": …}` on the page's own origin (CSP connect-src 'self'), with
 * the per-run token the server put in the URL fragment. The token is kept for the tab
 * (sessionStorage, so a reload works) and removed from the address bar. Progress comes over
 * `POST /api/events`, a streamed NDJSON response (electron/shared/webEvents.ts).
 */
import type { ApiCallName, ApiRequest, ApiResult, NimbusApi, ProgressEvent } from '../../electron/shared/api';
import { apiOver } from '../../electron/shared/apiOver';
import { TOKEN_HEADER } from '../../electron/shared/constants';
import { EVENTS_PATH, parseProgressLine } from '../../electron/shared/webEvents';

const STORAGE_KEY = 'nimbus-token';

/** Reads `#token=…` (then drops it from the URL) or the token kept for this tab. */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}

export interface WebBridgeOptions {
  /** The page's fetch (tests pass one bound to a server's origin). */
  fetch?: typeof fetch;
  /** First wait before reconnecting a dropped progress stream; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export function createWebBridge(token: string | null = takeToken(), o: WebBridgeOptions = {}): NimbusApi {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const auth: Record<string, string> = token ? { [TOKEN_HEADER]: token } : {};
  const call = async <N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResult<N>> => {
    try {
      const res = await doFetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ request }),
        credentials: 'omit',
        cache: 'no-store',
      });
      const body = (await res.json().catch(() => null)) as ApiResult<N> | null;
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return {
        ok: false,
        error: { code: 'http', message: `The tutor server answered ${res.status}.` },
      } as ApiResult<N>;
    } catch (e) {
      return {
        ok: false,
        error: {
          code: 'http',
          message: `Cannot reach the tutor server: ${e instanceof Error ? e.message : String(e)}`,
        },
      } as ApiResult<N>;
    }
  };
  const onProgress = (listener: (event: ProgressEvent) => void): (() => void) => {
    const stop = new AbortController();
    void followProgress(doFetch, auth, listener, stop.signal, o.retryMs ?? 500, o.maxRetryMs ?? 10_000);
    return () => stop.abort();
  };
  return apiOver(call, onProgress);
}

/**
 * Reads the server's progress stream into `listener` until `signal` aborts; a dropped or refused
 * connection is retried with a doubling wait (reset once events flow again). A 401/403 is final:
 * the token or page is wrong, and asking again will not change that.
 */
async function followProgress(
  doFetch: typeof fetch,
  headers: Record<string, string>,
  listener: (event: ProgressEvent) => void,
  signal: AbortSignal,
  firstWait: number,
  maxWait: number,
): Promise<void> {
  let wait = firstWait;
  while (!signal.aborted) {
    try {
      const res = await doFetch(EVENTS_PATH, {
        method: 'POST',
        headers,
        signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (res.status === 401 || res.status === 403) return;
      if (res.ok && res.body) {
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          wait = firstWait;
          buffer += value;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            const event = parseProgressLine(line);
            if (event && !signal.aborted) listener(event);
          }
        }
      }
    } catch {
      // Dropped, refused or aborted: the loop decides.
    }
    if (signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      signal.addEventListener('abort', done);
    });
    wait = Math.min(wait * 2, maxWait);
  }
}
