import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Configuration, FileSet } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { REPO } from '../helpers/engine';

export { REPO };

/** electron-builder.yml as electron-builder itself loads it (defaults merged, schema-checked). */
export async function loadBuilderConfig(projectDir = REPO): Promise<Configuration> {
  const config = await getConfig(projectDir, join(projectDir, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** The extraResources entry copied to `to` (after electron-builder's normalisation). */
export function extraResource(config: Configuration, to: string): FileSet {
  const list = (Array.isArray(config.extraResources) ? config.extraResources : [config.extraResources]) as (
    FileSet | string
  )[];
  const found = list.find((e): e is FileSet => typeof e === 'object' && e !== null && e.to === to);
  if (!found) throw new Error(`no extraResources entry to "${to}"`);
  return found;
}

export const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file under dir, as forward-slash paths relative to dir. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Model weight formats: never in git, and shipped only when the project built them. */
export const WEIGHT_FILE = /\.(onnx|bin|safetensors|pt|pth|ckpt|gguf|h5|tflite|pb|ort)$/i;

interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}
interface Manifest {
  models: { id: string; built?: boolean; files: ManifestFile[]; optionalFiles?: ManifestFile[] }[];
}

/** The downloaded (hub) model files models/manifest.json lists, as `<id>/<path>` with their sha256. */
export function hubModelFiles(
  manifestPath = join(REPO, 'models', 'manifest.json'),
): { path: string; sha256: string }[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return manifest.models
    .filter((m) => !m.built)
    .flatMap((m) =>
      [...m.files, ...(m.optionalFiles ?? [])].map((f) => ({ path: `${m.id}/${f.path}`, sha256: f.sha256 })),
    );
}

/**
 * The production dependency closure of package.json (dependencies + installed optional ones), as
 * package folders, resolved the way Node does (nearest node_modules upwards).
 */
export function productionPackages(root = REPO): Map<string, string> {
  const found = new Map<string, string>(); // folder → name
  const visit = (fromDir: string, name: string): void => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        if (found.has(candidate)) return;
        found.set(candidate, name);
        const pkg = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
        };
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(candidate, dep);
        return;
      }
      if (dir === root || dirname(dir) === dir) return; // optional dependency not installed here
      dir = dirname(dir);
      while (dir.endsWith(`${sep}node_modules`)) dir = dirname(dir);
    }
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies)) visit(root, dep);
  return found;
}

/** Native addons (*.node) inside a package folder, not descending into its own node_modules. */
export function nativeAddons(pkgDir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.node') && statSync(p).size > 0) out.push(p);
    }
  };
  walk(pkgDir);
  return out;
}

/**
 * A Node-API addon registers through napi_register_module_v1 / napi_module_register; one built
 * against V8/Node internals uses node_module_register and must be rebuilt for Electron.
 */
export function isNodeApiAddon(file: string): boolean {
  const bytes = readFileSync(file);
  const napi = bytes.includes('napi_register_module_v1') || bytes.includes('napi_module_register');
  return napi && !bytes.includes('node_module_register');
}
