import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, content/ and models/: found by walking up from this file. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'content'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Same place Electron's app.getPath('userData') uses, so the CLI and the app share progress and indexes. */
export function defaultDataDir(): string {
  if (process.env.NIMBUS_DATA_DIR) return resolve(process.env.NIMBUS_DATA_DIR);
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'nimbus-tutor');
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'nimbus-tutor');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'nimbus-tutor');
}

export function defaultModelsRoot(): string {
  return process.env.NIMBUS_MODELS_PATH ? resolve(process.env.NIMBUS_MODELS_PATH) : join(appRoot(), 'models');
}

export function defaultContentDir(): string {
  return join(appRoot(), 'content');
}

export function vendoredTokenizerDir(): string {
  return join(appRoot(), 'models', 'vendor', 'all-MiniLM-L6-v2');
}
