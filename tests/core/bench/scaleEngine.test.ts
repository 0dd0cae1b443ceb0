import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEngineScale, type ScaleEngineRun } from '../../../electron/core/bench/scaleEngine';
import { domainModelDir, DOMAIN_MODEL_META_FILE } from '../../../electron/core/models/staticModel/index';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';
import { DEV_SET, openTestEngine, tempDir } from '../../helpers/engine';

const models = tempDir('scale-models');
const data = tempDir('scale-data');
const metaOf = (): string => readFileSync(join(domainModelDir(models.path), DOMAIN_MODEL_META_FILE), 'utf8');
let run: ScaleEngineRun;
let metaBefore: string;

beforeAll(async () => {
  await openTestEngine({ dataDir: data.path, modelsRoot: models.path }); // builds the domain model
  metaBefore = metaOf();
  [run] = await benchEngineScale({
    sizes: [500],
    contentDir: defaultContentDir(),
    base: { modelsRoot: models.path, tokenizerDir: vendoredTokenizerDir(), embedder: 'static' },
    devSetPath: DEV_SET,
    queries: 90,
    freshProcess: false,
  });
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

describe('benchEngineScale (500 chunks of synthetic notes)', () => {
  it('indexes the synthetic notes with the installed domain model, never a retrained one', () => {
    expect(Math.abs(run.chunks - 500) / 500).toBeLessThanOrEqual(0.05);
    expect(metaOf()).toBe(metaBefore);
  });

  it('times the cold build by stage, then loads the saved index instead of rebuilding', () => {
    for (const stage of ['content', 'embed chunks', 'hnsw build', 'lexical'])
      expect(run.buildStagesMs[stage]).toBeGreaterThan(0);
    expect(run.loadStagesMs['index load']).toBeGreaterThan(0);
    expect(run.loadStagesMs['embed chunks']).toBeUndefined();
    // …and the notes from their snapshot: no parsing, BM25 build or synonym mining.
    expect(run.loadStagesMs['snapshot load']).toBeGreaterThan(0);
    for (const stage of ['content', 'lexical', 'synonyms']) expect(run.loadStagesMs[stage]).toBeUndefined();
    expect(run.indexLoadMs).toBeLessThan(run.indexBuildMs);
  });

  it('measures every mode and its baselines with finite, positive latencies', () => {
    for (const mode of ['lexical', 'dense', 'hybrid', 'bruteForceDense', 'ask', 'askFirst']) {
      const l = run.latencyMs[mode];
      expect(l.n).toBe(run.queries);
      expect(Number.isFinite(l.p50) && l.p50 > 0).toBe(true);
      expect(l.p95).toBeGreaterThanOrEqual(l.p50);
    }
    expect(run.rssMb).toBeGreaterThan(0);
  });

  it('finds what exact search finds, and the sections the questions were built from', () => {
    expect(run.denseRecallAt10).toBeGreaterThanOrEqual(0.9);
    expect(run.headingHitAt10.hybrid).toBeGreaterThanOrEqual(0.9);
    expect(run.headingHitAt10.hybrid).toBeGreaterThanOrEqual(run.headingHitAt10.dense);
  });
});
