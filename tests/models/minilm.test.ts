import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeEngine } from '../../electron/core/engine/KnowledgeEngine';
import { isMiniLmInstalled } from '../../electron/core/engine/openEmbedder';
import { loadDevSet, scoreRetrieval } from '../../electron/core/eval/devEval';
import { defaultContentDir, defaultModelsRoot, vendoredTokenizerDir } from '../../electron/core/paths';
import { DEV_SET, tempDir } from '../helpers/engine';

// The same integration checks as tests/core/engine, with the real MiniLM weights.
const data = tempDir('minilm-data');
let engine: KnowledgeEngine;

beforeAll(async () => {
  const modelsRoot = defaultModelsRoot();
  if (!isMiniLmInstalled(modelsRoot)) {
    throw new Error(`MiniLM weights are not installed in ${modelsRoot}: run "npm run models -- --hub" (or MODELS_DIR=...) first`);
  }
  engine = await KnowledgeEngine.open({
    contentDir: defaultContentDir(),
    dataDir: data.path,
    modelsRoot,
    tokenizerDir: vendoredTokenizerDir(),
    embedder: 'minilm',
  });
});
afterAll(() => data.cleanup());

describe('MiniLM embedder (real weights)', () => {
  it('is the active embedder with 384 dimensions', () => {
    expect(engine.info().embedder).toMatchObject({ modelId: 'Xenova/all-MiniLM-L6-v2', kind: 'minilm', dims: 384 });
  });

  it('meets the dev-set retrieval targets', async () => {
    const qs = loadDevSet(DEV_SET);
    const hybrid = await scoreRetrieval(engine, qs, 'hybrid');
    expect(hybrid.recall5).toBeGreaterThanOrEqual(0.95);
    expect(hybrid.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('reloads its saved index and answers', async () => {
    const again = await KnowledgeEngine.open({
      contentDir: defaultContentDir(),
      dataDir: data.path,
      modelsRoot: defaultModelsRoot(),
      tokenizerDir: vendoredTokenizerDir(),
      embedder: 'minilm',
    });
    expect(again.info().index.origin).toBe('loaded');
    expect((await again.ask('What does a NAT gateway do?')).abstained).toBe(false);
  });
});
