import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../electron/main/windowOptions';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  DEV_CONTENT_SECURITY_POLICY,
  appFileFor,
  cspFor,
  isAppUrl,
} from '../../electron/main/security';

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe('main window options', () => {
  const prefs = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' }).webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('uses the CommonJS preload it is given', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });
});

describe('content security policy', () => {
  const d = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts from the app only, never eval or inline', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('locks down objects, base and framing', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('is the same policy as the <meta> in renderer/index.html', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only for the dev server, and never allows eval', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(cspFor(APP_ENTRY_URL)).toBe(CONTENT_SECURITY_POLICY);
    expect(cspFor('http://localhost:5173/', 'http://localhost:5173')).toBe(DEV_CONTENT_SECURITY_POLICY);
    expect(cspFor('https://example.com/')).toBeNull();
  });
});

describe('app URLs', () => {
  it('trusts the app:// origin and, in dev, the dev server only', () => {
    expect(isAppUrl('app://nimbus/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.com')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('maps app:// paths inside the renderer folder only', () => {
    const root = resolve('/srv/renderer');
    expect(appFileFor(root, 'app://nimbus/')).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://nimbus/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    // Dot segments are either normalised away by the URL parser or refused: never outside root.
    for (const sneaky of ['app://nimbus/%2e%2e/%2e%2e/etc/passwd', 'app://nimbus/..%2F..%2Fetc%2Fpasswd']) {
      const file = appFileFor(root, sneaky);
      expect(file === null || file.startsWith(root + sep)).toBe(true);
    }
    expect(appFileFor(root, 'app://nimbus/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(appFileFor(root, 'app://nimbus/%E0%A4%A')).toBeNull();
    expect(appFileFor(root, 'app://evil/index.html')).toBeNull();
  });
});
