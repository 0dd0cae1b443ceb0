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

/**
 * Packages electron-builder.yml's `files` drops whole (`!node_modules/<name>/**`, or a `{a,b}`
 * list): dependencies in package.json that are deliberately not shipped.
 */
export function excludedPackages(config: Configuration): string[] {
  const filters = (config.files as FileSet[]).flatMap((f) => f.filter ?? []);
  return filters.flatMap((f) => {
    const m = /^!node_modules\/(\{[^}]+\}|@[^/*{}]+\/[^/*{}]+|[^@/*{}]+)\/\*\*$/.exec(f);
    if (!m) return [];
    return m[1].startsWith('{') ? m[1].slice(1, -1).split(',') : [m[1]];
  });
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
  /** Absent for a hub-attested model (the hub's listing gives them at install time). */
  size?: number;
  sha256?: string;
}
interface Manifest {
  models: { id: string; built?: boolean; files: ManifestFile[]; optionalFiles?: ManifestFile[] }[];
}

/** The downloaded (hub) model files models/manifest.json lists, as `<id>/<path>` with their sha256 when pinned. */
export function hubModelFiles(
  manifestPath = join(REPO, 'models', 'manifest.json'),
): { path: string; sha256?: string }[] {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return manifest.models
    .filter((m) => !m.built)
    .flatMap((m) =>
      [...m.files, ...(m.optionalFiles ?? [])].map((f) => ({ path: `${m.id}/${f.path}`, sha256: f.sha256 })),
    );
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/**
 * The folder `require(name)` loads from code in fromDir, the way Node (and Electron, whose modules
 * in app.asar resolve inside the archive) looks: the nearest node_modules upwards, never above root.
 */
export function resolvePackageDir(root: string, fromDir: string, name: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
    dir = dirname(dir);
    while (dir.endsWith(`${sep}node_modules`)) dir = dirname(dir);
  }
}

/** What a dependency that Node cannot resolve is recorded as in dependencyGraph's edges. */
export const MISSING = 'MISSING';

/**
 * The production dependency graph under root, from rootDependencies (default: package.json's
 * dependencies), resolved the way Node does: `packages` maps each package folder to its name, and
 * `edges` lists every dependency as `dependent@version > dependency@version` (`<app>` for root),
 * independent of where hoisting put the folders. A dependency Node would not find is recorded as
 * `dependency@MISSING`, unless it is an optional one (not installed for this platform).
 */
export function dependencyGraph(
  root: string,
  rootDependencies: string[] = Object.keys(readPackage(root).dependencies ?? {}),
): { packages: Map<string, string>; edges: string[] } {
  const packages = new Map<string, string>(); // folder → name
  const edges = new Set<string>();
  const visit = (fromDir: string, from: string, name: string, optional: boolean): void => {
    const dir = resolvePackageDir(root, fromDir, name);
    if (!dir) {
      if (!optional) edges.add(`${from} > ${name}@${MISSING}`);
      return;
    }
    const pkg = readPackage(dir);
    edges.add(`${from} > ${name}@${pkg.version}`);
    if (packages.has(dir)) return;
    packages.set(dir, name);
    const optionalDeps = pkg.optionalDependencies ?? {};
    for (const dep of Object.keys({ ...pkg.dependencies, ...optionalDeps }))
      visit(dir, `${name}@${pkg.version}`, dep, dep in optionalDeps);
  };
  for (const dep of rootDependencies) visit(root, '<app>', dep, false);
  return { packages, edges: [...edges].sort() };
}

/**
 * The production dependency closure of package.json (dependencies + installed optional ones), as
 * package folders, resolved the way Node does (nearest node_modules upwards).
 */
export function productionPackages(root = REPO): Map<string, string> {
  return dependencyGraph(root).packages;
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
