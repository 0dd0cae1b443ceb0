/**
 * Serves the built renderer from app://nimbus/ instead of file://, as Electron's security
 * checklist recommends: 'self' then means exactly the app's own files, and every response carries
 * the CSP header (webRequest does not see file:// or custom-protocol responses reliably).
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
    const res = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  });
}
