/**
 * Main process: one window, the menu, security hooks and IPC wiring. The tutoring itself lives in
 * electron/core behind NimbusServices (the same facade the web bridge and the CLI use), run in its
 * own utility process by WorkerServicesHost so index builds and embedding never freeze the window.
 */
import { app, BrowserWindow, Menu, nativeTheme, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerServicesHost } from '../core/app/host/WorkerServicesHost';
import type { ServicePaths } from '../core/app/services';
import { defaultContentDir, defaultModelsRoot, vendoredTokenizerDir } from '../core/paths';
import { IpcChannel } from '../shared/api';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { windowStateStore } from './electronStore';
import { registerIpcHandlers } from './ipc';
import { buildAppMenu } from './menu';
import { APP_ENTRY_URL, allowPermission, cspFor, isAppUrl } from './security';
import { servicesWorkerPath, utilityProcessSpawner } from './servicesProcess';
import { packagedPaths } from './resourcePaths';
import { guardContents } from './contentsGuard';
import { mainWindowOptions } from './windowOptions';
import { parseWindowState, restoreWindow, trackWindowState, type WindowState } from './windowState';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
// Set by `electron-vite dev` only; a packaged app always loads its built files.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const isOwnUrl = (url: string): boolean => isAppUrl(url, devServerUrl);

let mainWindow: BrowserWindow | null = null;
let services: WorkerServicesHost | null = null;

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
  // Packaged: content/ and models/ are shipped as extra resources next to app.asar. Models the
  // learner installs go to a writable folder in userData, seeded from the shipped ones.
  const shipped = packagedPaths(process.resourcesPath);
  if (process.env.NIMBUS_MODELS_PATH?.trim()) return { ...shipped, dataDir };
  return { ...shipped, modelsRoot: join(dataDir, 'models'), shippedModelsRoot: shipped.modelsRoot, dataDir };
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // Only the microphone (audio only, the app's own page) for voice; every other permission is denied.
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
    callback(
      allowPermission(
        {
          permission,
          requestingUrl: details.requestingUrl,
          securityOrigin,
          mediaTypes,
          isMainFrame: details.isMainFrame,
        },
        isOwnUrl,
      ),
    );
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermission(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        securityOrigin: details.securityOrigin,
        mediaType: details.mediaType,
        isMainFrame: details.isMainFrame,
      },
      isOwnUrl,
    ),
  );
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
    guardContents(contents);
  });
}

/** The last size and place of the window, kept on a display that is still there. */
function windowPlacement(): { restored: ReturnType<typeof restoreWindow>; save: (s: WindowState) => void } {
  let store: ReturnType<typeof windowStateStore> | null = null;
  try {
    store = windowStateStore(app);
  } catch (e) {
    console.warn('Nimbus Tutor: window state not available:', e);
  }
  const saved = parseWindowState(store?.get('window'));
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  return {
    restored: restoreWindow(saved, areas, screen.getPrimaryDisplay().workArea),
    save: (state) => {
      try {
        store?.set('window', state);
      } catch (e) {
        console.warn('Nimbus Tutor: cannot save the window state:', e);
      }
    },
  };
}

function createWindow(): BrowserWindow {
  const { restored, save } = windowPlacement();
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(here, '../preload/index.cjs'),
      dark: nativeTheme.shouldUseDarkColors,
      bounds: restored.bounds,
    }),
  );
  if (restored.maximized) win.maximize();
  trackWindowState(win, save);
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

  // The engine opens in its utility process on the first call (the window's info()), not before.
  const host = new WorkerServicesHost({
    ...enginePaths(),
    spawn: utilityProcessSpawner(servicesWorkerPath(here)),
    onStoreReport: (r) => console.warn(`Nimbus Tutor: ${r.document}: ${r.status}${r.message ? ` (${r.message})` : ''}`),
  });
  services = host;
  host.onProgress((event) => {
    const wc = mainWindow?.webContents;
    if (wc && !wc.isDestroyed() && isOwnUrl(wc.getURL())) wc.send(IpcChannel.progress, event);
  });
  registerIpcHandlers(host, isOwnUrl);

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
  // Let the engine finish a write in progress before the app goes (close() kills it after 5 s).
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !services) return;
    closing = true;
    event.preventDefault();
    void services.close().finally(() => app.quit());
  });
  start().catch((e: unknown) => {
    console.error('Nimbus Tutor failed to start:', e);
    app.exit(1);
  });
}
