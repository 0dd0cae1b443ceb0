/**
 * The installer's file-system steps: check a source folder, copy-and-verify, swap a staged model
 * into place atomically, and tidy leftovers. Every fs error becomes a one-line ModelInstallError.
 */
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ModelEntry } from './manifest';
import { ModelInstallError, diskError } from './errors';
import { describeDigest, gotDigest, verifyFile } from './digest';
import type { ExpectedFile } from './digest';

const STALE_MS = 24 * 60 * 60 * 1000;

/** Remove empty folders under (and including) `dir`, bottom-up; best effort. */
export async function pruneEmptyDirs(dir: string): Promise<void> {
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
export async function preflightDir(
  dir: string,
  entry: ModelEntry,
  wanted: ExpectedFile[],
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

/** Copy, fsync, then hash the copy (what ends up installed is what gets verified); returns its sha256. */
export async function copyVerified(src: string, target: string, f: ExpectedFile, onBytes: (d: number) => void, from: string): Promise<string> {
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
  const check = await verifyFile(target, f, onBytes);
  if (!check.ok) {
    throw new ModelInstallError('checksum', `checksum mismatch for ${f.path} from ${from}: expected ${describeDigest(f)}, got ${gotDigest(f, check.hashes)}`);
  }
  return check.hashes.sha256;
}

/**
 * Replace `<final>` with the staged folder: move the old copy aside, move the new one in, then
 * delete the old one. If the second rename fails the old copy is put back, so a failed install
 * never leaves the model missing or half-written.
 */
export async function swapIntoPlace(staging: string, final: string, stagingRoot: string, flatId: string): Promise<void> {
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
export async function cleanStale(stagingRoot: string): Promise<void> {
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

export async function mkdirOrFail(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw diskError('create folder', dir, err);
  }
}

export async function renameOrFail(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    throw diskError('move', `${from} to ${to}`, err);
  }
}
