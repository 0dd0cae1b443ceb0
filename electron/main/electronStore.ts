// How the app opens the learner's documents: the same files the CLI uses, in app.getPath('userData').
//
// The app's writer is openUserData (zod validation, migrations, corrupt-file backups, read-only
// mode); its files are exactly electron-store's format (`<userData>/<name>.json`, tab-indented JSON),
// so an electron-store over the same folder sees the same data — handy for quick reads and
// `openInEditor()`. That view is deliberately passive: no `defaults` (conf would merge them into the
// file on construction, even into a file from a newer schema), no `migrations` (conf tracks app
// semver under `__internal__`), and never `clearInvalidConfig` (it silently discards bad files).
import type { App } from 'electron';
import Store from 'electron-store';
import type { DocumentName, Documents } from '../core/store/documents';
import { openUserData, type UserData } from '../core/store/userData';

type PathSource = Pick<App, 'getPath'>;

/** The app's data folder: the CLI's default data folder too (see core/paths.ts). */
export function appDataDir(app: PathSource): string {
  return app.getPath('userData');
}

/** The learner's documents for the main process (the one writer). */
export function openAppUserData(app: PathSource): Promise<UserData> {
  return openUserData(appDataDir(app));
}

/** A read-mostly electron-store view of one document, on the same file openAppUserData writes. */
export function electronStoreFor<K extends DocumentName>(app: PathSource, name: K): Store<Documents[K]> {
  return new Store<Documents[K]>({
    cwd: appDataDir(app),
    name,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
}

/**
 * The window's size, position and maximized state (`<userData>/window-state.json`): not a learner
 * document, so electron-store is its writer. A file that does not parse is simply reset (a lost
 * window position is harmless), and what loads is checked again by parseWindowState.
 */
export function windowStateStore(app: PathSource): Store<{ window?: unknown }> {
  return new Store<{ window?: unknown }>({
    cwd: appDataDir(app),
    name: 'window-state',
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
  });
}
