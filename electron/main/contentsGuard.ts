/**
 * What every web contents of the app may do: nothing beyond its own page. No navigation (a dropped
 * file, a stray link), no <webview>, no new windows. Takes the few methods it needs so tests can
 * drive it with a fake.
 */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function guardContents(contents: GuardedContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The frame an IPC call came from, as far as trust goes. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only the top frame of an app page may call the API: no iframes, no navigated-away pages. */
export function isTrustedSender(frame: SenderFrame | null, isAppUrl: (url: string) => boolean): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
