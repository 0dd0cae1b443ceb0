import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDomainModel } from '../../electron/core/engine/domainModel';
import { KnowledgeEngine, type OpenEngineOptions } from '../../electron/core/engine/KnowledgeEngine';
import { defaultContentDir, vendoredTokenizerDir } from '../../electron/core/paths';

export const REPO = resolve(__dirname, '../..');
export const SHARED = resolve(REPO, '..', 'shared');
export const DEV_SET = join(SHARED, 'eval', 'dev_qa.jsonl');

export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `nimbus-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Opens the engine on the shipped notes with the domain model built into a throwaway models
 * folder (tests never depend on weights that cannot be had here).
 */
export function openTestEngine(dirs: { dataDir: string; modelsRoot: string }, extra: Partial<OpenEngineOptions> = {}) {
  return KnowledgeEngine.open({
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
    embedder: 'static',
    ...dirs,
    ...extra,
  });
}

/** Numbered new folders under `root`: each test case gets a data folder of its own. */
export function freshDirs(root: string): (name: string) => string {
  let n = 0;
  return (name) => {
    const dir = join(root, `${name}-${n++}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
}

/** The shipped notes and tokenizer with a models folder under `root` (see withDomainModel). */
export function notesPaths(root: string) {
  return { contentDir: defaultContentDir(), tokenizerDir: vendoredTokenizerDir(), modelsRoot: join(root, 'models') };
}

/** Builds the domain model into `paths.modelsRoot` once, so each engine open in a suite is warm. */
export const withDomainModel = (paths: ReturnType<typeof notesPaths>) => ensureDomainModel(paths);
