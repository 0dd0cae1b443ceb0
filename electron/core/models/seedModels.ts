/**
 * A packaged app ships its models read-only (next to app.asar, often on a read-only mount), but
 * the learner can install better ones from the settings page. So the app's models root is a
 * writable folder in the data folder, seeded from the shipped one: the manifest and the built
 * domain model are copied in when missing or different from what this version ships.
 */
import { cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { atomicWriteFile } from '../util/atomicWrite';
import { DOMAIN_MODEL_ID } from './staticModel/index';

const META_FILE = 'nimbus-model.json';

async function readOr(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

export interface SeedReport {
  manifest: 'copied' | 'current' | 'absent';
  domainModel: 'copied' | 'current' | 'absent';
}

/** Copies what `shippedRoot` holds into `writableRoot` unless it is already there, unchanged. */
export async function seedModelsRoot(shippedRoot: string, writableRoot: string): Promise<SeedReport> {
  await mkdir(writableRoot, { recursive: true });
  const report: SeedReport = { manifest: 'absent', domainModel: 'absent' };

  const shippedManifest = await readOr(join(shippedRoot, 'manifest.json'));
  if (shippedManifest !== null) {
    const current = await readOr(join(writableRoot, 'manifest.json'));
    if (current === shippedManifest) report.manifest = 'current';
    else {
      await atomicWriteFile(join(writableRoot, 'manifest.json'), shippedManifest);
      report.manifest = 'copied';
    }
  }

  const from = join(shippedRoot, ...DOMAIN_MODEL_ID.split('/'));
  const to = join(writableRoot, ...DOMAIN_MODEL_ID.split('/'));
  const shippedMeta = await readOr(join(from, META_FILE));
  if (shippedMeta !== null) {
    // The meta file records the notes' hash and every file's size: equal meta, same model.
    if ((await readOr(join(to, META_FILE))) === shippedMeta && (await stat(to).catch(() => null))) {
      report.domainModel = 'current';
    } else {
      // Copy beside, then swap, so a crash never leaves a half-copied model in place.
      const staging = `${to}.seed-${randomBytes(4).toString('hex')}`;
      await cp(from, staging, { recursive: true });
      await rm(to, { recursive: true, force: true });
      await rename(staging, to);
      report.domainModel = 'copied';
    }
  }
  return report;
}
