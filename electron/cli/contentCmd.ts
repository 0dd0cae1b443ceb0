import { join, resolve } from 'node:path';
import { buildContentFromSeed } from '../core/knowledge/buildContent';
import { appRoot, defaultContentDir } from '../core/paths';

/** Regenerates content/ from the raw notes (the seed ships beside the repo in ../shared/seed). */
export async function runContent(seed?: string): Promise<number> {
  const seedPath = seed ? resolve(seed) : join(appRoot(), '..', 'shared', 'seed', '000_9efeb02e0cf42077.txt');
  const r = await buildContentFromSeed(seedPath, defaultContentDir());
  process.stdout.write(`Wrote ${r.files.length} files (${r.sections} sections) to ${defaultContentDir()}\n`);
  return 0;
}
