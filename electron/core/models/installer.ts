import { link, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { atomicWriteJson } from '../util/atomicWrite';
import { filesFor, modelDir } from './manifest';
import type { Manifest, ModelEntry, ModelFile, ModelRole } from './manifest';
import { DEFAULT_HUB_URL, downloadVerified, hubFileUrl } from './download';
import type { RetryOptions } from './download';
import { ModelInstallError, abortedError, diskError } from './errors';
import type { ExpectedFile } from './digest';
import { cleanStale, copyVerified, mkdirOrFail, preflightDir, pruneEmptyDirs, renameOrFail, swapIntoPlace } from './installSteps';
import { planFromHub } from './hubListing';
import { MARKER_FILE, checkFile, checkModelInstall } from './installCheck';
import type { InstallMarker } from './installCheck';

export { MARKER_FILE, checkModelInstall, isModelInstalled, readMarker } from './installCheck';
export type { CheckOptions, InstallCheck, InstallMarker } from './installCheck';
export { DEFAULT_HUB_URL } from './download';
export type { RetryOptions } from './download';
export { ModelInstallError } from './errors';

export type InstallSource = { kind: 'dir'; dir: string } | { kind: 'hub'; baseUrl?: string };

export type ModelStatus = 'installed' | 'already-installed' | 'unavailable' | 'failed' | 'skipped';

export interface ProgressEvent {
  model: string;
  file: string;
  /** download: bytes arriving; copy: bytes copied and checked (dir source); verify: hashing a download. */
  phase: 'download' | 'copy' | 'verify';
  bytesDone: number;
  bytesTotal: number;
  overallDone: number;
  overallTotal: number;
}

export interface InstallOptions {
  manifest: Manifest;
  /** Models root, used as transformers.js env.localModelPath. */
  dest: string;
  /** Default: every model in the manifest. */
  modelIds?: string[];
  source: InstallSource;
  includeOptional?: boolean;
  /** Reinstall even when the current install checks out. */
  force?: boolean;
  /** How hard to check an existing install before deciding it is 'already-installed'. Default 'size'. */
  verify?: 'size' | 'sha256';
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  retry?: RetryOptions;
}

export interface ModelReport {
  id: string;
  role: ModelRole;
  status: ModelStatus;
  /** Why it is unavailable / failed / skipped, or a note (e.g. optional files skipped). */
  reason?: string;
  /** Install folder, when installed or already installed. */
  path?: string;
  /** Files now in the install folder (installed / already-installed). */
  files: string[];
  /** Optional files asked for but not available from the source. */
  skippedOptional: string[];
  /** Hub-attested installs: the commit the revision resolved to, whose listing gave the hashes. */
  commit?: string;
}

export interface InstallReport {
  dest: string;
  source: string;
  models: ModelReport[];
  /** False when any model 'failed' (unavailable is not a failure). */
  ok: boolean;
}

/** What one install fetches: from which revision, which files, and what each must hash to. */
interface InstallPlan {
  entry: ModelEntry;
  /** Revision in download URLs: the manifest's, or the commit a hub-attested revision resolved to. */
  revision: string;
  commit?: string;
  files: ExpectedFile[];
  /** Optional files asked for that the hub listing lacks (hub-attested). */
  skippedOptional: string[];
}

const STAGING = '.staging';
const DOWNLOADS = '.downloads';

export function describeSource(source: InstallSource): string {
  return source.kind === 'dir' ? `dir:${source.dir}` : `hub:${source.baseUrl ?? DEFAULT_HUB_URL}`;
}

/** Pick the requested entries; unknown ids are a usage error, not a per-model failure. */
export function selectModels(manifest: Manifest, modelIds?: string[]): ModelEntry[] {
  if (!modelIds || modelIds.length === 0) return manifest.models;
  const unknown = modelIds.filter((id) => !manifest.models.some((m) => m.id === id));
  if (unknown.length > 0) {
    throw new Error(`Unknown model id(s): ${unknown.join(', ')}. Known: ${manifest.models.map((m) => m.id).join(', ')}`);
  }
  return manifest.models.filter((m) => modelIds.includes(m.id));
}

/** Install (or confirm) each selected model; never throws for expected per-model failures. */
export async function installModels(opts: InstallOptions): Promise<InstallReport> {
  const entries = selectModels(opts.manifest, opts.modelIds);
  const includeOptional = opts.includeOptional ?? false;
  const reports = new Map<string, ModelReport>();
  const todo: ModelEntry[] = [];

  await cleanStale(join(opts.dest, STAGING));
  for (const entry of entries) {
    const base = { id: entry.id, role: entry.role, files: [] as string[], skippedOptional: [] as string[] };
    if (entry.built) {
      reports.set(entry.id, { ...base, status: 'skipped', reason: 'built locally by the app (domain model build step), not downloaded' });
      continue;
    }
    if (!opts.force) {
      const check = await checkModelInstall(opts.dest, entry, { verify: opts.verify ?? 'size' });
      const optionalMissing = entry.optionalFiles.filter((f) => !check.optionalPresent.includes(f.path));
      if (check.installed && (!includeOptional || optionalMissing.length === 0)) {
        const files = [...entry.files.map((f) => f.path), ...check.optionalPresent];
        reports.set(entry.id, { ...base, status: 'already-installed', path: modelDir(opts.dest, entry.id), files });
        continue;
      }
    }
    todo.push(entry);
  }

  // Hub-attested models learn their sizes here (one listing request each), so the bar's total is right.
  const plans: InstallPlan[] = [];
  for (const entry of todo) {
    try {
      plans.push(await planInstall(entry, opts));
    } catch (err) {
      reports.set(entry.id, failureReport({ id: entry.id, role: entry.role, status: 'failed', files: [], skippedOptional: [] }, err));
    }
  }
  const bytesOf = (p: InstallPlan): number => p.files.reduce((s, f) => s + f.size, 0);
  const progress = { done: 0, total: plans.reduce((n, p) => n + bytesOf(p), 0) };
  for (const plan of plans) {
    const { entry } = plan;
    if (opts.signal?.aborted) {
      reports.set(entry.id, { id: entry.id, role: entry.role, status: 'failed', reason: 'cancelled', files: [], skippedOptional: [] });
      continue;
    }
    const startDone = progress.done;
    reports.set(entry.id, await installOne(plan, opts, progress));
    // Keep the overall bar consistent even when a model stopped part-way.
    progress.done = startDone + bytesOf(plan);
  }

  const models = entries.map((e) => reports.get(e.id)).filter((r): r is ModelReport => r !== undefined);
  return { dest: opts.dest, source: describeSource(opts.source), models, ok: models.every((m) => m.status !== 'failed') };
}

/** Why a hub-attested model cannot come from a folder (nothing there to check its files against). */
export function dirRefusalReason(id: string): string {
  return (
    `its hashes are not pinned in the manifest; install it from the hub (\`npm run models -- --hub --only ${id}\`), ` +
    'which attests them, or add sizes and sha256 to models/manifest.json'
  );
}

/** Pinned: the manifest's files. Hub-attested: resolve the revision and take sizes/hashes from the listing. */
async function planInstall(entry: ModelEntry, opts: InstallOptions): Promise<InstallPlan> {
  const includeOptional = opts.includeOptional ?? false;
  if (entry.hashes === 'pinned') return { entry, revision: entry.revision, files: filesFor(entry, includeOptional), skippedOptional: [] };
  if (opts.source.kind === 'dir') throw new ModelInstallError('unavailable', dirRefusalReason(entry.id));
  const { baseUrl = DEFAULT_HUB_URL } = opts.source;
  const hub = await planFromHub(entry, includeOptional, { baseUrl, fetchImpl: opts.fetchImpl, signal: opts.signal, retry: opts.retry });
  return { entry, revision: hub.commit, commit: hub.commit, files: hub.files, skippedOptional: hub.skippedOptional };
}

/** An expected failure keeps its kind ('unavailable' is not fatal) and one-line message. */
function failureReport(report: ModelReport, err: unknown): ModelReport {
  const known = err instanceof ModelInstallError;
  return {
    ...report,
    files: [],
    status: known && err.kind === 'unavailable' ? 'unavailable' : 'failed',
    reason: known ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`,
  };
}

async function installOne(plan: InstallPlan, opts: InstallOptions, progress: { done: number; total: number }): Promise<ModelReport> {
  const { entry } = plan;
  const report: ModelReport = { id: entry.id, role: entry.role, status: 'failed', files: [], skippedOptional: [...plan.skippedOptional] };
  if (plan.commit) report.commit = plan.commit;
  const final = modelDir(opts.dest, entry.id);
  const stagingRoot = join(opts.dest, STAGING);
  const flatId = entry.id.replace(/\//g, '__');
  const staging = join(stagingRoot, `${flatId}-${randomBytes(4).toString('hex')}`);
  const optional = new Set(entry.optionalFiles.map((f: { path: string }) => f.path));
  let wanted = plan.files;
  // What the marker records: the sha256 of every file as verified here (hub-attested ones included).
  const verified: ModelFile[] = [];

  try {
    if (opts.source.kind === 'dir') {
      const pre = await preflightDir(opts.source.dir, entry, wanted, optional);
      if (pre.problems.length > 0) {
        return { ...report, status: 'unavailable', reason: pre.problems.join('; ') };
      }
      report.skippedOptional = pre.skippedOptional;
      wanted = wanted.filter((f) => !pre.skippedOptional.includes(f.path));
      // Asked for optional files the folder lacks: if the rest is already installed, nothing to do.
      if (!opts.force && pre.skippedOptional.length > 0) {
        const check = await checkModelInstall(opts.dest, entry, { verify: opts.verify ?? 'size' });
        if (check.installed && wanted.every((f) => !optional.has(f.path) || check.optionalPresent.includes(f.path))) {
          const files = [...entry.files.map((f) => f.path), ...check.optionalPresent];
          const reason = `optional files not available: ${pre.skippedOptional.join(', ')}`;
          return { ...report, status: 'already-installed', path: final, files, reason };
        }
      }
    }
    await mkdirOrFail(staging);

    for (const f of wanted) {
      if (opts.signal?.aborted) throw abortedError();
      const target = join(staging, f.path);
      await mkdirOrFail(dirname(target));
      const base = progress.done;
      const emit = (phase: ProgressEvent['phase'], bytesDone: number): void =>
        opts.onProgress?.({
          model: entry.id,
          file: f.path,
          phase,
          bytesDone,
          bytesTotal: f.size,
          overallDone: base + (phase === 'verify' ? f.size : bytesDone),
          overallTotal: progress.total,
        });

      // A file already verified in the current install (e.g. adding optional files) is copied locally.
      const reused = !opts.force && (await checkFile(final, f, 'sha256')) === undefined;
      let sha256: string;
      if (reused) {
        sha256 = await copyVerified(join(final, f.path), target, f, (d) => emit('copy', d), 'the existing install');
      } else if (opts.source.kind === 'dir') {
        const src = join(opts.source.dir, ...entry.id.split('/'), f.path);
        sha256 = await copyVerified(src, target, f, (d) => emit('copy', d), `MODELS_DIR (${opts.source.dir})`);
      } else {
        const part = join(opts.dest, DOWNLOADS, ...entry.id.split('/'), `${f.path}.part`);
        await mkdirOrFail(dirname(part));
        try {
          sha256 = await downloadVerified({
            url: hubFileUrl(opts.source.baseUrl ?? DEFAULT_HUB_URL, entry.id, plan.revision, f.path),
            partPath: part,
            expected: f,
            label: f.path,
            fetchImpl: opts.fetchImpl,
            signal: opts.signal,
            retry: opts.retry,
            onProgress: emit,
          });
        } catch (err) {
          // An optional file the hub lacks is skipped; the required ones still make a usable model.
          if (err instanceof ModelInstallError && err.kind === 'unavailable' && optional.has(f.path)) {
            report.skippedOptional.push(f.path);
            continue;
          }
          throw err;
        }
        // Hard link: the verified .part stays in the download cache until the model is in place,
        // so a later failure (say, the next file 404s) does not throw away a big download.
        await link(part, target).catch(() => renameOrFail(part, target));
      }
      progress.done = base + f.size;
      report.files.push(f.path);
      verified.push({ path: f.path, size: f.size, sha256 });
    }

    const marker: InstallMarker = {
      id: entry.id,
      revision: entry.revision,
      installedAt: new Date().toISOString(),
      source: describeSource(opts.source),
      files: verified,
      hashes: entry.hashes,
      ...(plan.commit ? { commit: plan.commit } : {}),
    };
    try {
      await atomicWriteJson(join(staging, MARKER_FILE), marker);
    } catch (err) {
      throw diskError('write', join(staging, MARKER_FILE), err);
    }
    await swapIntoPlace(staging, final, stagingRoot, flatId);
    if (opts.source.kind === 'hub') {
      await rm(join(opts.dest, DOWNLOADS, ...entry.id.split('/')), { recursive: true, force: true }).catch(() => undefined);
    }
    const note = report.skippedOptional.length > 0 ? `optional files not available: ${report.skippedOptional.join(', ')}` : undefined;
    return { ...report, status: 'installed', path: final, reason: note };
  } catch (err) {
    return failureReport(report, err);
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Keep .part files for a later resume, but not empty folders or an empty .staging.
    await pruneEmptyDirs(join(opts.dest, DOWNLOADS));
    await rmdir(stagingRoot).catch(() => undefined);
  }
}
