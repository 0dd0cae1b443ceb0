import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './windowState';

export interface WindowOptionsInput {
  /** Absolute path of the built CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Light or dark backdrop shown before the page paints, to avoid a white flash in dark mode. */
  dark?: boolean;
  /** Where the window opens (restored by windowState.ts); the default size, centred, when absent. */
  bounds?: Rectangle;
}

/**
 * The one window's options. Pure (type-only Electron import) so a unit test can assert the
 * security-relevant preferences without starting Electron.
 */
export function mainWindowOptions({
  preloadPath,
  dark = false,
  bounds,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Nimbus Tutor',
    show: false,
    backgroundColor: dark ? '#16181d' : '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      // The renderer gets only what the preload exposes through contextBridge.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}
