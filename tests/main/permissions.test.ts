// The app's permission policy (electron/main/index.ts hands every request and check to it) and the
// CSP directives voice needs: the microphone for audio only from the app's own top frame; media
// from blob: URLs the page makes, and scripts (the recorder worklet included) from 'self' only.
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  DEV_CONTENT_SECURITY_POLICY,
  allowPermission,
  isAppUrl,
} from '../../electron/main/security';

const own = (url: string) => isAppUrl(url);
const mic = { permission: 'media', requestingUrl: APP_ENTRY_URL, mediaTypes: ['audio'], isMainFrame: true };

describe('permissions', () => {
  it('grants the microphone to the app page, for audio only', () => {
    expect(allowPermission(mic, own)).toBe(true);
    // the check handler's shape: one media type and the origin
    expect(
      allowPermission(
        {
          permission: 'media',
          requestingUrl: 'app://nimbus',
          securityOrigin: 'app://nimbus',
          mediaType: 'audio',
          isMainFrame: true,
        },
        own,
      ),
    ).toBe(true);
  });

  it('denies the camera, screen capture and unknown media', () => {
    expect(allowPermission({ ...mic, mediaTypes: ['video'] }, own)).toBe(false);
    expect(allowPermission({ ...mic, mediaTypes: ['audio', 'video'] }, own)).toBe(false);
    expect(allowPermission({ ...mic, mediaTypes: [] }, own)).toBe(false);
    expect(allowPermission({ ...mic, mediaTypes: undefined, mediaType: 'unknown' }, own)).toBe(false);
    expect(allowPermission({ ...mic, permission: 'display-capture' }, own)).toBe(false);
  });

  it('denies every other permission, even to the app', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'midi',
      'openExternal',
      'fullscreen',
      'hid',
    ])
      expect(allowPermission({ ...mic, permission }, own), permission).toBe(false);
  });

  it('denies other pages, sub-frames and a foreign security origin', () => {
    expect(allowPermission({ ...mic, requestingUrl: 'https://evil.example/' }, own)).toBe(false);
    expect(allowPermission({ ...mic, requestingUrl: 'file:///etc/passwd' }, own)).toBe(false);
    expect(allowPermission({ ...mic, requestingUrl: '' }, own)).toBe(false);
    expect(allowPermission({ ...mic, isMainFrame: false }, own)).toBe(false);
    expect(allowPermission({ ...mic, securityOrigin: 'https://evil.example' }, own)).toBe(false);
    // the dev server's page, only when it is the dev server
    const dev = (url: string) => isAppUrl(url, 'http://localhost:5173');
    expect(allowPermission({ ...mic, requestingUrl: 'http://localhost:5173/' }, dev)).toBe(true);
    expect(allowPermission({ ...mic, requestingUrl: 'http://localhost:5173/' }, own)).toBe(false);
  });
});

describe('content security policy for voice', () => {
  const directives = (csp: string) =>
    new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
  it('plays media from blob: URLs but never runs scripts or workers from them', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY]) {
      const d = directives(csp);
      expect(d.get('media-src')).toEqual(["'self'", 'blob:']);
      expect(d.get('script-src')?.join(' ')).not.toMatch(/blob:|data:/);
      expect(d.get('worker-src')).toBeUndefined(); // falls back to script-src 'self'
      expect(d.get('default-src')).toEqual(["'self'"]);
    }
  });
});
