/**
 * Pure security policy for the app's pages: no Electron imports, so tests and the Vite config can
 * use it directly.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The policy every built page runs under (also written as a <meta> in renderer/index.html). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `electron-vite dev` only: React Refresh needs one inline module script and Vite's HMR a websocket
 * to the local dev server. Never used for built pages.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

/** Scheme and host the built renderer is served from (a custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nimbus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Where the window's pages may come from: the dev server's origin during `electron-vite dev`,
 * otherwise the app:// origin. Anything else (a navigated-to site, an iframe, a data: URL) is not
 * the app.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** The policy for a page at `url`, or null when the response is not one of the app's pages. */
export function cspFor(url: string, devServerUrl?: string): string | null {
  if (!isAppUrl(url, devServerUrl)) return null;
  return devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}

/** The file under rootDir an app:// URL names, or null (other host, escapes the folder, bad escape). */
export function appFileFor(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel === '' ? join(root, 'index.html') : file;
}
