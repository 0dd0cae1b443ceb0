import { copyFile, link, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { atomicWriteJson } from '../util/atomicWrite';
import { filesFor, modelDir } from './manifest';
import type { Manifest, ModelEntry, ModelFile, ModelRole } from './manifest';
import { DEFAULT_HUB_URL, downloadVerified, hubFileUrl } from './download';
import type { RetryOptions } from './download';
import { ModelInstallError, abortedError, diskError, sha256File } from './errors';
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
}

export interface InstallReport {
  dest: string;
  source: string;
  models: ModelReport[];
  /** False when any model 'failed' (unavailable is not a failure). */
  ok: boolean;
}

const STAGING = '.staging';
const DOWNLOADS = '.downloads';
const STALE_MS = 24 * 60 * 60 * 1000;

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

  const progress = { done: 0, total: todo.reduce((n, e) => n + filesFor(e, includeOptional).reduce((s, f) => s + f.size, 0), 0) };
  for (const entry of todo) {
    if (opts.signal?.aborted) {
      reports.set(entry.id, { id: entry.id, role: entry.role, status: 'failed', reason: 'cancelled', files: [], skippedOptional: [] });
      continue;
    }
    const startDone = progress.done;
    reports.set(entry.id, await installOne(entry, opts, progress));
    // Keep the overall bar consistent even when a model stopped part-way.
    progress.done = startDone + filesFor(entry, includeOptional).reduce((s, f) => s + f.size, 0);
  }

  const models = entries.map((e) => reports.get(e.id)).filter((r): r is ModelReport => r !== undefined);
  return { dest: opts.dest, source: describeSource(opts.source), models, ok: models.every((m) => m.status !== 'failed') };
}

async function installOne(entry: ModelEntry, opts: InstallOptions, progress: { done: number; total: number }): Promise<ModelReport> {
  const report: ModelReport = { id: entry.id, role: entry.role, status: 'failed', files: [], skippedOptional: [] };
  const final = modelDir(opts.dest, entry.id);
  const stagingRoot = join(opts.dest, STAGING);
  const flatId = entry.id.replace(/\//g, '__');
  const staging = join(stagingRoot, `${flatId}-${randomBytes(4).toString('hex')}`);
  const optional = new Set(entry.optionalFiles.map((f) => f.path));
  let wanted = filesFor(entry, opts.includeOptional ?? false);

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
      if (reused) {
        await copyVerified(join(final, f.path), target, f, (d) => emit('copy', d), 'the existing install');
      } else if (opts.source.kind === 'dir') {
        const src = join(opts.source.dir, ...entry.id.split('/'), f.path);
        await copyVerified(src, target, f, (d) => emit('copy', d), `MODELS_DIR (${opts.source.dir})`);
      } else {
        const part = join(opts.dest, DOWNLOADS, ...entry.id.split('/'), `${f.path}.part`);
        await mkdirOrFail(dirname(part));
        try {
          await downloadVerified({
            url: hubFileUrl(opts.source.baseUrl ?? DEFAULT_HUB_URL, entry.id, entry.revision, f.path),
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
    }

    const installed = wanted.filter((f) => report.files.includes(f.path));
    const marker: InstallMarker = {
      id: entry.id,
      revision: entry.revision,
      installedAt: new Date().toISOString(),
      source: describeSource(opts.source),
      files: installed,
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
    const known = err instanceof ModelInstallError;
    return {
      ...report,
      files: [],
      status: known && err.kind === 'unavailable' ? 'unavailable' : 'failed',
      reason: known ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Keep .part files for a later resume, but not empty folders or an empty .staging.
    await pruneEmptyDirs(join(opts.dest, DOWNLOADS));
    await rmdir(stagingRoot).catch(() => undefined);
  }
}

/** Remove empty folders under (and including) `dir`, bottom-up; best effort. */
async function pruneEmptyDirs(dir: string): Promise<void> {
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) await pruneEmptyDirs(join(dir, e.name));
    }
    if ((await readdir(dir)).length === 0) await rm(dir, { recursive: true });
  } catch {
    // missing or busy: nothing to tidy
  }
}

/** Check a source folder has every wanted file at the right size before copying anything. */
async function preflightDir(
  dir: string,
  entry: ModelEntry,
  wanted: ModelFile[],
  optional: Set<string>,
): Promise<{ problems: string[]; skippedOptional: string[] }> {
  const missing: string[] = [];
  const wrongSize: string[] = [];
  const skippedOptional: string[] = [];
  for (const f of wanted) {
    let size: number | undefined;
    try {
      const st = await stat(join(dir, ...entry.id.split('/'), f.path));
      size = st.isFile() ? st.size : undefined;
    } catch {
      size = undefined;
    }
    if (size === f.size) continue;
    if (optional.has(f.path)) skippedOptional.push(f.path);
    else if (size === undefined) missing.push(f.path);
    // ~130-byte files in place of weights are Git LFS pointers, a common way to "have" a model and not.
    else wrongSize.push(`${f.path} (${size} bytes, expected ${f.size}${size < 1024 ? '; a Git LFS pointer?' : ''})`);
  }
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${missing.join(', ')} missing in MODELS_DIR (${dir})`);
  if (wrongSize.length > 0) problems.push(`wrong size in MODELS_DIR (${dir}): ${wrongSize.join(', ')}`);
  return { problems, skippedOptional };
}

/** Copy, fsync, then hash the copy (what ends up installed is what gets verified). */
async function copyVerified(src: string, target: string, f: ModelFile, onBytes: (d: number) => void, from: string): Promise<void> {
  try {
    await copyFile(src, target);
    const fh = await open(target, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw diskError('copy to', target, err);
  }
  const got = await sha256File(target, onBytes);
  if (got !== f.sha256) {
    throw new ModelInstallError('checksum', `checksum mismatch for ${f.path} from ${from}: expected sha256 ${f.sha256}, got ${got}`);
  }
}

/**
 * Replace `<final>` with the staged folder: move the old copy aside, move the new one in, then
 * delete the old one. If the second rename fails the old copy is put back, so a failed install
 * never leaves the model missing or half-written.
 */
async function swapIntoPlace(staging: string, final: string, stagingRoot: string, flatId: string): Promise<void> {
  await mkdirOrFail(dirname(final));
  let old: string | undefined;
  try {
    await stat(final);
    old = join(stagingRoot, `${flatId}-old-${randomBytes(4).toString('hex')}`);
  } catch {
    old = undefined;
  }
  if (old) await renameOrFail(final, old);
  try {
    await rename(staging, final);
  } catch (err) {
    if (old) await rename(old, final).catch(() => undefined);
    throw diskError('move into place', final, err);
  }
  if (old) await rm(old, { recursive: true, force: true }).catch(() => undefined);
}

/** Remove staging leftovers of crashed runs (old enough not to belong to a concurrent one). */
async function cleanStale(stagingRoot: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(stagingRoot);
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(stagingRoot, name);
    try {
      if (Date.now() - (await stat(p)).mtimeMs > STALE_MS) await rm(p, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
}

async function mkdirOrFail(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw diskError('create folder', dir, err);
  }
}

async function renameOrFail(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    throw diskError('move', `${from} to ${to}`, err);
  }
}
