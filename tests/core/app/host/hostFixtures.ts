/**
 * Fixtures for the host tests. Deliberately imports nothing that loads the engine (unlike
 * tests/helpers/engine.ts), so the tests can check that the engine runs in the worker only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultContentDir, vendoredTokenizerDir } from '../../../../electron/core/paths';

function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `nimbus-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Real services paths over a fresh data folder and a fresh models folder (the domain model is built). */
export function freshServicePaths(prefix: string) {
  const data = tempDir(`${prefix}-data`);
  const models = tempDir(`${prefix}-models`);
  return {
    options: {
      contentDir: defaultContentDir(),
      tokenizerDir: vendoredTokenizerDir(),
      dataDir: data.path,
      modelsRoot: models.path,
      embedder: 'static' as const,
    },
    cleanup: () => {
      data.cleanup();
      models.cleanup();
    },
  };
}

/** Whether this thread has loaded onnxruntime-node (CommonJS: it shows in the require cache). */
export function onnxLoadedHere(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('onnxruntime-node'));
}
