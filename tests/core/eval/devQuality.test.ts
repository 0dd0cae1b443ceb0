import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { loadDevSet, scoreAnswers, scoreRetrieval } from '../../../electron/core/eval/devEval';
import { DEV_SET, openTestEngine, tempDir } from '../../helpers/engine';

// Guards retrieval and answer quality on the dev set with the embedder that can be built here.
const models = tempDir('models');
const data = tempDir('data');
let engine: KnowledgeEngine;
const qs = loadDevSet(DEV_SET);

beforeAll(async () => {
  engine = await openTestEngine({ dataDir: data.path, modelsRoot: models.path });
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

describe('dev set quality', () => {
  it('hybrid retrieval keeps recall@5 >= 0.9 and beats or matches each retriever alone on MRR', async () => {
    const hybrid = await scoreRetrieval(engine, qs, 'hybrid');
    const dense = await scoreRetrieval(engine, qs, 'dense');
    expect(hybrid.recall5).toBeGreaterThanOrEqual(0.9);
    expect(hybrid.mrr).toBeGreaterThanOrEqual(0.8);
    expect(hybrid.mrr).toBeGreaterThan(dense.mrr);
  });

  it('the unit rerank keeps recall@5 and does not lower recall@1 or MRR', async () => {
    const hybrid = await scoreRetrieval(engine, qs, 'hybrid');
    const reranked = await scoreRetrieval(engine, qs, 'hybrid', undefined, true);
    expect(reranked.mode).toBe('hybrid+rerank');
    expect(reranked.recall5).toBeGreaterThanOrEqual(hybrid.recall5);
    expect(reranked.recall1).toBeGreaterThanOrEqual(hybrid.recall1);
    expect(reranked.mrr).toBeGreaterThanOrEqual(hybrid.mrr);
    // ask lists its passages in the reranked order
    const q = qs[0].question;
    const asked = await engine.ask(q);
    const ids = (await engine.search(q, { k: 10, rerank: true })).map((h) => h.chunk.id);
    expect(asked.hits.map((h) => h.chunk.id)).toEqual(ids);
  });

  it('abstains on out-of-scope questions and rarely on in-scope ones; answers carry the keywords and cite the gold', async () => {
    const a = await scoreAnswers(engine, qs);
    expect(a.oosAbstain).toBeGreaterThanOrEqual(0.8);
    expect(a.falseAbstain).toBeLessThanOrEqual(0.1);
    expect(a.keywordCoverage).toBeGreaterThanOrEqual(0.7);
    expect(a.citationHit).toBeGreaterThanOrEqual(0.8);
  });
});
