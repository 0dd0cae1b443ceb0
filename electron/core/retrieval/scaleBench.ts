// Scale benchmark for the HNSW index: build time, query latency and recall@k against exact
// brute force on the same seeded data. Uniform random unit vectors are the worst case for HNSW
// (intrinsic dimension = dims, all distances nearly equal). Real sentence embeddings live near a
// much lower-dimensional manifold, so a 'lowrank' data mode (random rank-r subspace + a little
// isotropic noise) is available as the more realistic case.

import { performance } from 'node:perf_hooks';
import { HnswVectorIndex } from './vectorIndex';
import { exactSearchFlat } from './exactSearch';
import { mulberry32 } from '../util/prng';

export interface ScaleBenchOptions {
  n?: number;
  dims?: number;
  queries?: number;
  k?: number;
  M?: number;
  efConstruction?: number;
  /** One value, or several to sweep on the same built index (first one is the headline). */
  efSearch?: number | number[];
  seed?: number;
  /** 'uniform': isotropic random unit vectors. 'lowrank': rank-`intrinsicDims` subspace + noise. */
  dataMode?: 'uniform' | 'lowrank';
  intrinsicDims?: number;
  /** Per-coordinate isotropic noise std in lowrank mode (signal std is 1). */
  noise?: number;
}

export interface EfPoint {
  efSearch: number;
  queryP50Ms: number;
  queryP95Ms: number;
  recallAtK: number;
}

export interface ScaleBenchResult {
  n: number;
  dims: number;
  k: number;
  M: number;
  efConstruction: number;
  efSearch: number;
  dataMode: 'uniform' | 'lowrank';
  buildMs: number;
  queryP50Ms: number;
  queryP95Ms: number;
  /** Recall@k (named for the default k = 10). */
  recallAt10: number;
  bruteForceP50Ms: number;
  sweep: EfPoint[];
}

export { mulberry32 } from '../util/prng';

function gaussian(rand: () => number): number {
  // Box-Muller; 1 - rand() avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** `count` random unit vectors, row-major in one Float32Array. */
export function randomUnitVectors(count: number, dims: number, rand: () => number): Float32Array {
  const out = new Float32Array(count * dims);
  for (let r = 0; r < count; r++) {
    const row = out.subarray(r * dims, (r + 1) * dims);
    for (let d = 0; d < dims; d++) row[d] = gaussian(rand);
    normalizeInPlace(row);
  }
  return out;
}

/** Generator of unit vectors near a fixed random rank-r subspace: normalize(A·z + noise·g). */
export function lowRankGenerator(
  dims: number,
  rank: number,
  noise: number,
  rand: () => number,
): (count: number) => Float32Array {
  const a = new Float32Array(dims * rank);
  const scale = 1 / Math.sqrt(rank); // each coordinate of A·z then has unit variance
  for (let i = 0; i < a.length; i++) a[i] = gaussian(rand) * scale;
  return (count) => {
    const out = new Float32Array(count * dims);
    const z = new Float32Array(rank);
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < rank; j++) z[j] = gaussian(rand);
      const row = out.subarray(r * dims, (r + 1) * dims);
      for (let d = 0; d < dims; d++) {
        let v = 0;
        for (let j = 0; j < rank; j++) v += a[d * rank + j] * z[j];
        row[d] = v + noise * gaussian(rand);
      }
      normalizeInPlace(row);
    }
    return out;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx];
}

export function hnswScaleBench(opts: ScaleBenchOptions = {}): ScaleBenchResult {
  const n = opts.n ?? 100_000;
  const dims = opts.dims ?? 384;
  const nq = opts.queries ?? 200;
  const k = opts.k ?? 10;
  const M = opts.M ?? 16;
  const efConstruction = opts.efConstruction ?? 200;
  const efs = Array.isArray(opts.efSearch) ? opts.efSearch : [opts.efSearch ?? 200];
  const seed = opts.seed ?? 42;
  const mode = opts.dataMode ?? 'uniform';
  const rand = mulberry32(seed);

  // Queries come from the same distribution as the data but are not stored vectors.
  const gen =
    mode === 'uniform'
      ? (count: number) => randomUnitVectors(count, dims, rand)
      : lowRankGenerator(dims, opts.intrinsicDims ?? 32, opts.noise ?? 0.1, rand);
  const data = gen(n);
  const qflat = gen(nq);
  const queries: Float32Array[] = [];
  for (let q = 0; q < nq; q++) queries.push(qflat.subarray(q * dims, (q + 1) * dims));

  const index = HnswVectorIndex.create({ dims, capacity: n, M, efConstruction, efSearch: efs[0], seed });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) index.add(String(i), data.subarray(i * dims, (i + 1) * dims));
  const buildMs = performance.now() - t0;

  const truth: Set<string>[] = [];
  const bfTimes: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    const hits = exactSearchFlat(data, dims, q, k);
    bfTimes.push(performance.now() - t);
    truth.push(new Set(hits.map((h) => String(h.index))));
  }
  bfTimes.sort((a, b) => a - b);

  const sweep: EfPoint[] = [];
  for (const ef of efs) {
    index.setEfSearch(ef);
    for (let w = 0; w < Math.min(20, queries.length); w++) index.search(queries[w], k); // warm caches/JIT
    const times: number[] = [];
    let found = 0;
    queries.forEach((q, qi) => {
      const t = performance.now();
      const hits = index.search(q, k);
      times.push(performance.now() - t);
      for (const h of hits) if (truth[qi].has(h.chunkId)) found++;
    });
    times.sort((a, b) => a - b);
    sweep.push({
      efSearch: ef,
      queryP50Ms: percentile(times, 0.5),
      queryP95Ms: percentile(times, 0.95),
      recallAtK: found / (k * queries.length),
    });
  }

  const head = sweep[0];
  return {
    n,
    dims,
    k,
    M,
    efConstruction,
    efSearch: head.efSearch,
    dataMode: mode,
    buildMs,
    queryP50Ms: head.queryP50Ms,
    queryP95Ms: head.queryP95Ms,
    recallAt10: head.recallAtK,
    bruteForceP50Ms: percentile(bfTimes, 0.5),
    sweep,
  };
}
