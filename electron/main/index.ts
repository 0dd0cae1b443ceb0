/**
 * Main process: one window, the menu, security hooks and IPC wiring. The tutoring itself lives in
 * electron/core behind NimbusServices (the same facade the web bridge and the CLI use).
 */
import { app, BrowserWindow, Menu, nativeTheme, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NimbusServices, type ServicePaths } from '../core/app/services';
import { defaultContentDir, defaultModelsRoot, vendoredTokenizerDir } from '../core/paths';
import { IpcChannel } from '../shared/api';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { registerIpcHandlers } from './ipc';
import { buildAppMenu } from './menu';
import { APP_ENTRY_URL, cspFor, isAppUrl } from './security';
import { mainWindowOptions } from './windowOptions';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
// Set by `electron-vite dev` only; a packaged app always loads its built files.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const isOwnUrl = (url: string): boolean => isAppUrl(url, devServerUrl);

let mainWindow: BrowserWindow | null = null;

function enginePaths(): ServicePaths {
  const dataDir = app.getPath('userData');
  if (!app.isPackaged) {
    // Dev: the repo's content/ and models/ (same resolution as the CLI).
    return {
      contentDir: defaultContentDir(),
      modelsRoot: defaultModelsRoot(),
      tokenizerDir: vendoredTokenizerDir(),
      dataDir,
    };
  }
  // Packaged: content/ and models/ are shipped as extra resources next to app.asar.
  const modelsRoot = process.env.NIMBUS_MODELS_PATH ?? join(process.resourcesPath, 'models');
  return {
    contentDir: join(process.resourcesPath, 'content'),
    modelsRoot,
    tokenizerDir: join(process.resourcesPath, 'models', 'vendor', 'all-MiniLM-L6-v2'),
    dataDir,
  };
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // Nothing is granted for now (a later issue allows the microphone).
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // CSP header on the app's own pages (the dev server's responses; app:// sets it itself too).
  ses.webRequest.onHeadersReceived((details, callback) => {
    const csp = cspFor(details.url, devServerUrl);
    if (!csp) return callback({});
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // The app is a single page: any navigation (a dropped file, a stray link) is refused.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({ preloadPath: join(here, '../preload/index.cjs'), dark: nativeTheme.shouldUseDarkColors }),
  );
  win.once('ready-to-show', () => win.show());
  // Show the window even if the page failed to load, rather than leaving an invisible app running.
  win.webContents.once('did-fail-load', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return win;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  handleAppProtocol(join(here, '../renderer'));
  hardenSession();
  Menu.setApplicationMenu(buildAppMenu({ isMac: process.platform === 'darwin', devTools: !app.isPackaged }));

  const services = NimbusServices.lazy({
    ...enginePaths(),
    onStoreReport: (r) => console.warn(`Nimbus Tutor: ${r.document}: ${r.status}${r.message ? ` (${r.message})` : ''}`),
    onProgress: (event) => {
      const wc = mainWindow?.webContents;
      if (wc && !wc.isDestroyed() && isOwnUrl(wc.getURL())) wc.send(IpcChannel.progress, event);
    },
  });
  registerIpcHandlers(services, isOwnUrl);

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

// A second launch focuses the running window instead of opening another engine on the same data.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownContents();
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((e: unknown) => {
    console.error('Nimbus Tutor failed to start:', e);
    app.exit(1);
  });
}
