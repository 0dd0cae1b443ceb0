/**
 * The same typed NimbusApi as the preload's, over HTTP to the web server (electron/web/server.ts):
 * `POST /api/<call>` with `{"request": …}` on the page's own origin (CSP connect-src 'self'), with
 * the per-run token the server put in the URL fragment. The token is kept for the tab
 * (sessionStorage, so a reload works) and removed from the address bar.
 */
import type { ApiCallName, ApiRequest, ApiResult, NimbusApi, ProgressEvent } from '../../electron/shared/api';
import { apiOver } from '../../electron/shared/apiOver';
import { TOKEN_HEADER } from '../../electron/shared/constants';

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

export function createWebBridge(token: string | null = takeToken()): NimbusApi {
  const call = async <N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResult<N>> => {
    try {
      const res = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
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
  // The server opens the engine before it listens, so there is no loading progress to report.
  const onProgress =
    (_listener: (event: ProgressEvent) => void): (() => void) =>
    () => {};
  return apiOver(call, onProgress);
}
