/**
 * The settings page's view of the models: which are in use, which are installed, and installing
 * the better ones (from the hub when online, or from a local folder) with progress.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest, pinnedSizeBytes, type Manifest, type ModelEntry } from '../models/manifest';
import { checkModelInstall } from '../models/installCheck';
import { installModels, type InstallSource } from '../models/installer';
import { appRoot } from '../paths';
import type { ModelsInstallReportDto, ModelsStatusDto, ModelStatusDto } from '../../shared/api';

/** The manifest shipped with the models (packaged: next to them; dev: the repo's models/). */
export function manifestPathFor(modelsRoot: string): string {
  const beside = join(modelsRoot, 'manifest.json');
  return existsSync(beside) ? beside : join(appRoot(), 'models', 'manifest.json');
}

/** Where `models.install` downloads from: a folder when NIMBUS_MODELS_SOURCE is set, else the hub. */
export function installSourceFromEnv(env: NodeJS.ProcessEnv = process.env): InstallSource {
  const src = env.NIMBUS_MODELS_SOURCE;
  if (src && !/^https?:\/\//i.test(src)) return { kind: 'dir', dir: src };
  return { kind: 'hub', ...(src ? { baseUrl: src } : {}) };
}

async function statusOf(modelsRoot: string, entry: ModelEntry, activeId: string | null): Promise<ModelStatusDto> {
  const base = {
    id: entry.id,
    role: entry.role,
    description: entry.description ?? '',
    active: entry.id === activeId,
    sizeBytes: entry.built ? 0 : pinnedSizeBytes(entry),
    installable: !entry.built,
  };
  if (entry.built) return { ...base, state: 'built' };
  const check = await checkModelInstall(modelsRoot, entry);
  // A hub-attested model's size is known once installed: its marker recorded every file.
  if (base.sizeBytes === null && check.marker) {
    const required = new Set(entry.files.map((f) => f.path));
    base.sizeBytes = check.marker.files.filter((f) => required.has(f.path)).reduce((n, f) => n + f.size, 0);
  }
  if (check.installed) return { ...base, state: 'installed' };
  // A marker means an install happened and something is now wrong with it.
  return { ...base, state: check.marker ? 'damaged' : 'missing' };
}

export async function modelsStatus(
  modelsRoot: string,
  activeEmbedderId: string | null,
  manifest?: Manifest,
): Promise<ModelsStatusDto> {
  const m = manifest ?? (await loadManifest(manifestPathFor(modelsRoot)));
  return { modelsRoot, models: await Promise.all(m.models.map((e) => statusOf(modelsRoot, e, activeEmbedderId))) };
}

export interface InstallFromAppOptions {
  modelsRoot: string;
  ids: string[];
  source: InstallSource;
  onProgress?: (done: number, total: number) => void;
  manifest?: Manifest;
  fetchImpl?: typeof fetch;
}

/** Installs the asked models; unknown ids and built models are reported, not thrown. */
export async function installFromApp(o: InstallFromAppOptions): Promise<Omit<ModelsInstallReportDto, 'reloaded'>> {
  const manifest = o.manifest ?? (await loadManifest(manifestPathFor(o.modelsRoot)));
  const known = o.ids.filter((id) => manifest.models.some((e) => e.id === id));
  const unknown = o.ids.filter((id) => !known.includes(id));
  const report = known.length
    ? await installModels({
        manifest,
        dest: o.modelsRoot,
        modelIds: known,
        source: o.source,
        fetchImpl: o.fetchImpl,
        onProgress: (e) => o.onProgress?.(e.overallDone, e.overallTotal),
      })
    : { ok: true, models: [] };
  const models = [
    ...report.models.map((r) => ({ id: r.id, status: r.status, ...(r.reason ? { reason: r.reason } : {}) })),
    ...unknown.map((id) => ({ id, status: 'failed', reason: 'not in the model manifest' })),
  ];
  return { ok: report.ok && unknown.length === 0, models };
}
