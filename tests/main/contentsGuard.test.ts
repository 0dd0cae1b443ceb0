import { describe, expect, it, vi } from 'vitest';
import { guardContents, isTrustedSender, type GuardedContents } from '../../electron/main/contentsGuard';
import { isAppUrl } from '../../electron/main/security';

const handlers = new Map<string, (channel: string, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (channel: string, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
  },
}));

function fakeContents() {
  const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    on: (event, listener) => listeners.set(event, listener),
    setWindowOpenHandler: (h) => {
      openHandler = h;
    },
  };
  return { contents, listeners, open: (url: string) => openHandler?.({ url }) };
}

describe('guardContents', () => {
  it('refuses navigation, webviews and new windows', () => {
    const f = fakeContents();
    guardContents(f.contents);
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      f.listeners.get(name)?.({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('app://nimbus/index.html')).toEqual({ action: 'deny' });
  });
});

describe('IPC senders', () => {
  const own = (url: string): boolean => isAppUrl(url);

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: 'app://nimbus/index.html', parent: null }, own)).toBe(true);
    expect(isTrustedSender({ url: 'app://nimbus/index.html', parent: {} }, own)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, own)).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null }, own)).toBe(false);
    expect(isTrustedSender(null, own)).toBe(false);
  });

  it('answers a foreign sender with forbidden-sender and never reaches the services', async () => {
    const { registerIpcHandlers } = await import('../../electron/main/ipc');
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answered' }));
    registerIpcHandlers({ dispatch } as never, own);
    const ask = handlers.get('nimbus:ask')!;
    const foreign = await ask({ senderFrame: { url: 'https://evil.example/', parent: null } } as never, 'q');
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(dispatch).not.toHaveBeenCalled();
    const mine = await ask({ senderFrame: { url: 'app://nimbus/index.html', parent: null } } as never, 'q');
    expect(mine).toEqual({ ok: true, value: 'answered' });
    expect(dispatch).toHaveBeenCalledWith('ask', 'q');
  });
});
