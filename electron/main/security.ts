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
  // Recorded voice messages and the tutor's sentences play from blob: URLs the page itself makes
  // (media only: blob: is not allowed for scripts, and the recorder's AudioWorklet is a 'self' script).
  "media-src 'self' blob:",
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

/** A permission request or check, as Electron's session handlers describe it. */
export interface PermissionAsk {
  permission: string;
  /** The URL of the frame asking (request handler) or its origin (check handler). */
  requestingUrl?: string;
  securityOrigin?: string;
  /** Request handler: what getUserMedia asks for. */
  mediaTypes?: readonly string[];
  /** Check handler: one media type ('audio', 'video' or 'unknown'). */
  mediaType?: string;
  isMainFrame?: boolean;
}

/**
 * The app's whole permission policy: only the microphone, for audio only (no camera, no screen),
 * asked by the app's own top frame. Everything else — notifications, geolocation, clipboard, a
 * navigated-away page, an iframe — is denied.
 */
export function allowPermission(ask: PermissionAsk, isOwnUrl: (url: string) => boolean): boolean {
  if (ask.permission !== 'media' || ask.isMainFrame === false) return false;
  const from = ask.requestingUrl || ask.securityOrigin;
  if (!from || !isOwnUrl(from)) return false;
  if (ask.securityOrigin && !isOwnUrl(ask.securityOrigin)) return false;
  const types = ask.mediaTypes ?? (ask.mediaType ? [ask.mediaType] : []);
  return types.length > 0 && types.every((t) => t === 'audio');
}
