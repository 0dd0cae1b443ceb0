import { describe, expect, it } from 'vitest';
import { hnswScaleBench, mulberry32, randomUnitVectors } from '../../../electron/core/retrieval/scaleBench';

describe('hnswScaleBench (small smoke run)', () => {
  it('is seeded and reproducible', () => {
    expect(randomUnitVectors(3, 8, mulberry32(5))).toEqual(randomUnitVectors(3, 8, mulberry32(5)));
    const v = randomUnitVectors(1, 64, mulberry32(1));
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('reports build/query timings and recall against brute force', () => {
    const r = hnswScaleBench({
      n: 2000,
      dims: 32,
      queries: 30,
      k: 10,
      M: 16,
      efConstruction: 100,
      efSearch: [32, 128],
      seed: 3,
    });
    expect(r.sweep.map((s) => s.efSearch)).toEqual([32, 128]);
    expect(r.efSearch).toBe(32);
    expect(r.buildMs).toBeGreaterThan(0);
    expect(r.queryP95Ms).toBeGreaterThanOrEqual(r.queryP50Ms);
    expect(r.bruteForceP50Ms).toBeGreaterThan(0);
    expect(r.sweep[1].recallAtK).toBeGreaterThanOrEqual(r.sweep[0].recallAtK - 0.02);
    expect(r.sweep[1].recallAtK).toBeGreaterThanOrEqual(0.95);
  });

  it('low-rank data (closer to real embeddings) is the easier case', () => {
    const r = hnswScaleBench({
      n: 2000,
      dims: 64,
      queries: 30,
      M: 16,
      efConstruction: 100,
      efSearch: 32,
      seed: 3,
      dataMode: 'lowrank',
      intrinsicDims: 8,
    });
    expect(r.dataMode).toBe('lowrank');
    expect(r.recallAt10).toBeGreaterThanOrEqual(0.95);
  });
});
