import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  copyFileSync,
  rmSync,
  truncateSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  HnswVectorIndex,
  MANIFEST_FILE,
  exactSearch,
  type LoadResult,
} from '../../../electron/core/retrieval/vectorIndex';
import { mulberry32, randomUnitVectors } from '../../../electron/core/retrieval/scaleBench';

const DIMS = 32;
const META = { modelId: 'test-model', dims: DIMS, contentHash: 'hash-a' };

function makeVectors(n: number, dims: number, seed: number): { chunkId: string; vector: Float32Array }[] {
  const flat = randomUnitVectors(n, dims, mulberry32(seed));
  return Array.from({ length: n }, (_, i) => ({ chunkId: `c${i}`, vector: flat.slice(i * dims, (i + 1) * dims) }));
}

function build(items: { chunkId: string; vector: Float32Array }[], dims = DIMS) {
  const idx = HnswVectorIndex.create({ dims, capacity: 64, M: 16, efConstruction: 100, efSearch: 64, seed: 7 });
  idx.addBatch(items);
  return idx;
}

function expectOk(res: LoadResult): Extract<LoadResult, { ok: true }> {
  if (!res.ok) throw new Error(`expected ok, got ${res.reason}: ${res.message}`);
  return res;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nimbus-vec-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
const freshDir = (name: string) => join(root, `${name}-${Math.random().toString(36).slice(2)}`);

describe('HnswVectorIndex search', () => {
  const items = makeVectors(500, DIMS, 1);
  const queries = makeVectors(50, DIMS, 2);

  it('matches exact brute force (recall ≥ 0.95) with cosine scores', () => {
    const idx = build(items);
    expect(idx.size).toBe(500);
    let found = 0;
    for (const q of queries) {
      const truth = exactSearch(items, q.vector, 10);
      const hits = idx.search(q.vector, 10);
      expect(hits).toHaveLength(10);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score - 1e-6);
      const truthScore = new Map(truth.map((t) => [t.chunkId, t.score]));
      for (const h of hits) {
        const s = truthScore.get(h.chunkId);
        if (s !== undefined) {
          found++;
          expect(h.score).toBeCloseTo(s, 4);
        }
      }
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('handles k > size, empty index and wrong dims', () => {
    const empty = HnswVectorIndex.create({ dims: DIMS });
    expect(empty.search(items[0].vector, 5)).toEqual([]);
    const small = build(items.slice(0, 3));
    expect(small.search(items[0].vector, 50)).toHaveLength(3);
    expect(small.search(items[0].vector, 1)[0]).toMatchObject({ chunkId: 'c0' });
    expect(small.search(items[0].vector, 1)[0].score).toBeCloseTo(1, 5);
    expect(() => small.search(new Float32Array(DIMS + 1), 1)).toThrow(/dims/);
    expect(() => small.add('x', new Float32Array(3))).toThrow(/dims/);
  });

  it('never returns removed ids, and re-adding a removed id works', () => {
    const idx = build(items.slice(0, 200));
    const removed = new Set<string>();
    for (let i = 0; i < 200; i += 2) {
      expect(idx.remove(`c${i}`)).toBe(true);
      removed.add(`c${i}`);
    }
    expect(idx.remove('c0')).toBe(false);
    expect(idx.remove('nope')).toBe(false);
    expect(idx.size).toBe(100);
    expect(idx.has('c0')).toBe(false);
    for (const q of [...queries, ...items.slice(0, 20)]) {
      const hits = idx.search(q.vector, 200);
      expect(hits.length).toBeLessThanOrEqual(100);
      expect(hits.length).toBeGreaterThan(90);
      for (const h of hits) expect(removed.has(h.chunkId)).toBe(false);
    }
    const labelBefore = 0; // c0 had label 0
    idx.add('c0', items[0].vector);
    expect(idx.has('c0')).toBe(true);
    expect(idx.labelFor('c0')).toBe(labelBefore); // slot reused, not a new one
    expect(idx.size).toBe(101);
    const top = idx.search(items[0].vector, 1)[0];
    expect(top.chunkId).toBe('c0');
    expect(top.score).toBeCloseTo(1, 5);
  });

  it('replaces the vector when an existing id is added again', () => {
    const idx = build(items.slice(0, 50));
    idx.add('c1', items[400].vector);
    expect(idx.size).toBe(50);
    expect(idx.search(items[400].vector, 1)[0].chunkId).toBe('c1');
  });

  it('grows capacity with resize, keeping labels stable', () => {
    const idx = HnswVectorIndex.create({ dims: DIMS, capacity: 16, M: 16, efConstruction: 100, efSearch: 64 });
    const early = new Map<string, number | undefined>();
    items.slice(0, 300).forEach((it, i) => {
      idx.add(it.chunkId, it.vector);
      if (i < 10) early.set(it.chunkId, idx.labelFor(it.chunkId));
    });
    expect(idx.capacity).toBeGreaterThanOrEqual(300);
    expect(idx.size).toBe(300);
    for (const [id, label] of early) expect(idx.labelFor(id)).toBe(label);
    for (let i = 0; i < 300; i += 37) expect(idx.search(items[i].vector, 1)[0].chunkId).toBe(`c${i}`);
  });
});

describe('HnswVectorIndex persistence', () => {
  const items = makeVectors(120, DIMS, 3);
  const queries = makeVectors(20, DIMS, 4);

  it('round-trips with identical results, removals and label map intact', async () => {
    const idx = build(items);
    idx.remove('c5');
    idx.remove('c6');
    const dir = freshDir('rt');
    const manifest = await idx.save(dir, { ...META, extra: { note: 'x' } });
    expect(manifest.indexFile).toMatch(/^vectors\.[0-9a-f]{16}\.hnsw$/);
    expect(manifest.labels).toHaveLength(118);
    expect(manifest.deleted).toHaveLength(2);
    expect(manifest.extra).toEqual({ note: 'x' });

    const loaded = expectOk(HnswVectorIndex.load(dir, { modelId: 'test-model', dims: DIMS, contentHash: 'hash-a' }));
    expect(loaded.index.size).toBe(118);
    for (const q of [...queries, items[5]]) {
      expect(loaded.index.search(q.vector, 10)).toEqual(idx.search(q.vector, 10));
      for (const h of loaded.index.search(q.vector, 118)) expect(['c5', 'c6']).not.toContain(h.chunkId);
    }
    // Mutations keep working after a load: re-add a removed id, add a new one.
    loaded.index.add('c5', items[5].vector);
    loaded.index.add('new', queries[0].vector);
    expect(loaded.index.search(items[5].vector, 1)[0].chunkId).toBe('c5');
    expect(loaded.index.search(queries[0].vector, 1)[0].chunkId).toBe('new');
  });

  it('content hash is optional on load', async () => {
    const dir = freshDir('nohash');
    await build(items.slice(0, 10)).save(dir, META);
    expectOk(HnswVectorIndex.load(dir, { modelId: 'test-model', dims: DIMS }));
  });

  it('returns a reason instead of throwing for every bad state', async () => {
    const expected = { modelId: 'test-model', dims: DIMS, contentHash: 'hash-a' };
    expect(HnswVectorIndex.load(join(root, 'does-not-exist'), expected)).toMatchObject({
      ok: false,
      reason: 'missing',
    });

    const dir = freshDir('reasons');
    const m = await build(items).save(dir, META);
    const indexPath = join(dir, m.indexFile);
    const manifestPath = join(dir, MANIFEST_FILE);
    const goodManifest = readFileSync(manifestPath, 'utf8');
    const goodIndex = readFileSync(indexPath);

    expect(HnswVectorIndex.load(dir, { ...expected, modelId: 'other' })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(HnswVectorIndex.load(dir, { ...expected, dims: 64 })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(HnswVectorIndex.load(dir, { ...expected, contentHash: 'hash-b' })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });

    writeFileSync(manifestPath, goodManifest.replace('"formatVersion": 1', '"formatVersion": 99'));
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'version' });

    writeFileSync(manifestPath, '{"formatVersion": 1, "modelId": "test-mo');
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    writeFileSync(manifestPath, '{"formatVersion": 1, "modelId": "test-model"}');
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    writeFileSync(manifestPath, 'null');
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    writeFileSync(manifestPath, goodManifest);
    expectOk(HnswVectorIndex.load(dir, expected));

    // Truncated index file: must be caught before hnswlib ever reads it.
    truncateSync(indexPath, Math.floor(goodIndex.length / 2));
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    // Same size, one flipped byte.
    const flipped = Buffer.from(goodIndex);
    flipped[Math.floor(flipped.length / 3)] ^= 0xff;
    writeFileSync(indexPath, flipped);
    expect(statSync(indexPath).size).toBe(goodIndex.length);
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    // Index file gone.
    rmSync(indexPath);
    expect(HnswVectorIndex.load(dir, expected)).toMatchObject({ ok: false, reason: 'corrupt' });
    // Restored: loads again.
    writeFileSync(indexPath, goodIndex);
    expectOk(HnswVectorIndex.load(dir, expected));
  });

  it('a crash before the manifest switch leaves the old index loadable', async () => {
    const dir = freshDir('crash');
    const oldIdx = build(items.slice(0, 60));
    await oldIdx.save(dir, META);
    const newIdx = build(items.slice(60, 120));
    const other = freshDir('crash-src');
    const newManifest = await newIdx.save(other, { ...META, contentHash: 'hash-new' });

    // What a crash between "index file renamed" and "manifest written" leaves behind,
    // plus a half-written temp file from a crash during writeIndex.
    copyFileSync(join(other, newManifest.indexFile), join(dir, newManifest.indexFile));
    writeFileSync(
      join(dir, `.vectors.${process.pid}.deadbeef.tmp`),
      readFileSync(join(other, newManifest.indexFile)).subarray(0, 100),
    );

    const loaded = expectOk(HnswVectorIndex.load(dir, { modelId: 'test-model', dims: DIMS, contentHash: 'hash-a' }));
    expect(loaded.index.size).toBe(60);
    for (const q of queries) expect(loaded.index.search(q.vector, 5)).toEqual(oldIdx.search(q.vector, 5));

    // The next successful save cleans up orphans and superseded index files.
    const m2 = await newIdx.save(dir, { ...META, contentHash: 'hash-new' });
    expect(readdirSync(dir).sort()).toEqual([MANIFEST_FILE, m2.indexFile].sort());
    expect(expectOk(HnswVectorIndex.load(dir, { modelId: 'test-model', dims: DIMS })).index.size).toBe(60);
    expect(HnswVectorIndex.load(dir, { modelId: 'test-model', dims: DIMS, contentHash: 'hash-a' })).toMatchObject({
      reason: 'mismatch',
    });
  });

  it('re-saving replaces the old index file only after the manifest points at the new one', async () => {
    const dir = freshDir('resave');
    const idx = build(items.slice(0, 30));
    const m1 = await idx.save(dir, META);
    idx.add('extra', queries[0].vector);
    const m2 = await idx.save(dir, META);
    expect(m2.indexFile).not.toBe(m1.indexFile);
    expect(readdirSync(dir).filter((f) => f.endsWith('.hnsw'))).toEqual([m2.indexFile]);
    // Saving unchanged content again yields the same file name and still loads.
    const m3 = await idx.save(dir, META);
    expect(m3.indexFile).toBe(m2.indexFile);
    expect(expectOk(HnswVectorIndex.load(dir, META)).index.has('extra')).toBe(true);
  });

  it('loads ~300 chunks × 256 dims fast', async () => {
    const dims = 256;
    const big = makeVectors(300, dims, 9);
    const idx = HnswVectorIndex.create({ dims, M: 16, efConstruction: 200, efSearch: 64 });
    idx.addBatch(big);
    const dir = freshDir('speed');
    await idx.save(dir, { modelId: 'm', dims, contentHash: 'h' });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expectOk(HnswVectorIndex.load(dir, { modelId: 'm', dims, contentHash: 'h' }));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`[vectorIndex] load 300x256: median ${times[2].toFixed(2)} ms, max ${times[4].toFixed(2)} ms`);
    expect(times[2]).toBeLessThan(300);
  });
});
