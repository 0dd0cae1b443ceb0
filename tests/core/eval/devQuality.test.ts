import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { isGoldHit, loadDevSet, normForScore, scoreRetrieval } from '../../../electron/core/eval/devEval';
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

  it('abstains on out-of-scope questions and rarely on in-scope ones; answers carry the keywords and cite the gold', async () => {
    let oos = 0;
    let oosAbstained = 0;
    let falseAbstain = 0;
    let kw = 0;
    let cited = 0;
    const inScope = qs.filter((q) => q.kind !== 'out_of_scope');
    for (const q of qs) {
      const r = await engine.ask(q.question);
      if (q.kind === 'out_of_scope') {
        oos++;
        if (r.abstained) oosAbstained++;
        continue;
      }
      if (r.abstained) falseAbstain++;
      const answer = normForScore(r.answer);
      kw += q.answer_keywords.filter((k) => answer.includes(normForScore(k))).length / q.answer_keywords.length;
      if (r.citations.some((c) => isGoldHit(q, c))) cited++;
    }
    expect(oosAbstained / oos).toBeGreaterThanOrEqual(0.8);
    expect(falseAbstain / inScope.length).toBeLessThanOrEqual(0.1);
    expect(kw / inScope.length).toBeGreaterThanOrEqual(0.7);
    expect(cited / inScope.length).toBeGreaterThanOrEqual(0.8);
  });
});
