/**
 * Serves the built renderer from app://nimbus/ instead of file://, as Electron's security
 * checklist recommends: 'self' then means exactly the app's own files, not the whole disk. Each
 * response carries the CSP header itself, so it does not depend on webRequest seeing custom schemes.
 */
import { net, protocol } from 'electron';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appFileFor } from './security';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Maps app://nimbus/<path> to a file under rendererDir; anything else is a 404. */
export function handleAppProtocol(rendererDir: string): void {
  const rootDir = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const target = appFileFor(rootDir, request.url);
    if (!target) return new Response('Not found', { status: 404 });
    let res: Response;
    try {
      res = await net.fetch(pathToFileURL(target).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  });
}
