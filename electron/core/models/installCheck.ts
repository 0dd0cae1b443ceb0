import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelFileSchema, modelDir } from './manifest';
import type { ModelEntry, ModelFile, ModelFileRef } from './manifest';
import { gotDigest, verifyFile } from './digest';
import type { ExpectedFile } from './digest';

/** Written last into the staged folder, so its presence means "a complete, verified install". */
export const MARKER_FILE = '.nimbus-installed.json';

export const InstallMarkerSchema = z.object({
  id: z.string(),
  revision: z.string(),
  installedAt: z.string(),
  source: z.string(),
  /** Size and sha256 of every installed file, as verified at install time. */
  files: z.array(ModelFileSchema),
  /** Where those hashes came from: the manifest, or the hub's listing (older markers: pinned). */
  hashes: z.enum(['pinned', 'hub-attested']).default('pinned'),
  /** The commit the files were downloaded from, when the revision was resolved (hub-attested). */
  commit: z.string().optional(),
});
export type InstallMarker = z.output<typeof InstallMarkerSchema>;

export interface CheckOptions {
  /** 'size' (default) is a few stat calls; 'sha256' re-reads every file. */
  verify?: 'size' | 'sha256';
  /** Also require the manifest's optional files. */
  includeOptional?: boolean;
  /** Default true: a folder without our marker (copied by hand) does not count. */
  requireMarker?: boolean;
}

export interface InstallCheck {
  installed: boolean;
  /** Human-readable reasons it is not (or not fully) installed; empty when installed. */
  problems: string[];
  marker?: InstallMarker;
  /** Optional files present with the right size (sha256 too when verify = 'sha256'). */
  optionalPresent: string[];
}

export async function readMarker(dest: string, id: string): Promise<InstallMarker | undefined> {
  try {
    const parsed = InstallMarkerSchema.safeParse(JSON.parse(await readFile(join(modelDir(dest, id), MARKER_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Problem with one installed file, or undefined when it matches its expected size (and digest). */
export async function checkFile(dir: string, f: ExpectedFile, verify: 'size' | 'sha256'): Promise<string | undefined> {
  const p = join(dir, f.path);
  let size: number;
  try {
    const st = await stat(p);
    if (!st.isFile()) return `${f.path} is not a file`;
    size = st.size;
  } catch {
    return `${f.path} is missing`;
  }
  if (size !== f.size) return `${f.path} is ${size} bytes, expected ${f.size}`;
  if (verify === 'sha256') {
    try {
      const check = await verifyFile(p, f);
      if (!check.ok) {
        const want = 'sha256' in f ? f.sha256 : f.gitSha1;
        return `${f.path} checksum mismatch (expected ${want}, got ${gotDigest(f, check.hashes)})`;
      }
    } catch (err) {
      return (err as Error).message;
    }
  }
  return undefined;
}

/** Detailed install state of one manifest entry under `dest`. */
export async function checkModelInstall(dest: string, entry: ModelEntry, opts: CheckOptions = {}): Promise<InstallCheck> {
  const verify = opts.verify ?? 'size';
  if (entry.built) {
    return { installed: false, problems: ['built locally by the app, not managed by the installer'], optionalPresent: [] };
  }
  const dir = modelDir(dest, entry.id);
  try {
    await stat(dir);
  } catch {
    return { installed: false, problems: [`no folder ${dir}`], optionalPresent: [] };
  }
  const problems: string[] = [];
  const marker = await readMarker(dest, entry.id);
  const attested = entry.hashes === 'hub-attested';
  // A hub-attested model's sizes and hashes exist only in the marker its install wrote.
  if (!marker) {
    if (attested) problems.push(`no ${MARKER_FILE} in ${dir}: a hub-attested model's hashes are recorded only by npm run models -- --hub`);
    else if (opts.requireMarker ?? true) problems.push(`no ${MARKER_FILE} in ${dir} (not installed by npm run models)`);
  } else {
    if (marker.revision !== entry.revision) problems.push(`installed revision ${marker.revision} differs from manifest revision ${entry.revision}`);
    // Same size but a different manifest hash means the file belongs to another manifest version.
    const installed = new Map(marker.files.map((f) => [f.path, f.sha256]));
    for (const f of entry.hashes === 'pinned' ? entry.files : []) {
      const h = installed.get(f.path);
      if (h && h !== f.sha256) problems.push(`${f.path} was installed for a different manifest (sha256 changed)`);
    }
  }
  const recorded = new Map((marker?.files ?? []).map((f) => [f.path, f]));
  /** The manifest's pin, or for hub-attested files what the marker recorded. */
  const expected = (f: ModelFile | ModelFileRef): ModelFile | undefined => ('sha256' in f ? f : recorded.get(f.path));
  const required: readonly (ModelFile | ModelFileRef)[] = entry.files;
  const optional: readonly (ModelFile | ModelFileRef)[] = entry.optionalFiles;
  for (const f of required) {
    const want = expected(f);
    const p = want
      ? await checkFile(dir, want, verify)
      : marker
        ? `${f.path} is not recorded in ${MARKER_FILE}`
        : await stat(join(dir, f.path)).then(() => undefined, () => `${f.path} is missing`);
    if (p) problems.push(p);
  }
  const optionalPresent: string[] = [];
  for (const f of optional) {
    const want = expected(f);
    const p = want ? await checkFile(dir, want, verify) : `${f.path} is not installed`;
    if (!p) optionalPresent.push(f.path);
    else if (opts.includeOptional) problems.push(p);
  }
  return { installed: problems.length === 0, problems, marker, optionalPresent };
}

/** Cheap (size) or full (sha256) yes/no for the app. */
export async function isModelInstalled(dest: string, entry: ModelEntry, opts: CheckOptions = {}): Promise<boolean> {
  return (await checkModelInstall(dest, entry, opts)).installed;
}

