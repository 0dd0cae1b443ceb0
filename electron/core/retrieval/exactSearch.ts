// Brute-force baseline (exact cosine): small sets, tests, and ground truth for recall measurement.

export interface ExactHit {
  chunkId: string;
  score: number;
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Exact top-k by cosine similarity, best first (ties by chunkId for determinism). */
export function exactSearch(
  vectors: Iterable<{ chunkId: string; vector: ArrayLike<number> }>,
  query: ArrayLike<number>,
  k: number,
): ExactHit[] {
  const all: ExactHit[] = [];
  for (const v of vectors) all.push({ chunkId: v.chunkId, score: cosineSimilarity(v.vector, query) });
  all.sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : x.chunkId > y.chunkId ? 1 : 0));
  return all.slice(0, Math.max(0, k));
}

/**
 * Exact top-k over a flat row-major matrix of *unit* vectors (dot = cosine). Used by the scale
 * bench where building 100k objects would dominate the measurement. Returns row indices.
 */
export function exactSearchFlat(
  data: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
): { index: number; score: number }[] {
  const n = Math.floor(data.length / dims);
  const topI: number[] = [];
  const topS: number[] = [];
  for (let r = 0; r < n; r++) {
    let dot = 0;
    const off = r * dims;
    for (let d = 0; d < dims; d++) dot += data[off + d] * query[d];
    if (topS.length < k || dot > topS[topS.length - 1]) {
      let pos = topS.length;
      while (pos > 0 && topS[pos - 1] < dot) pos--;
      topS.splice(pos, 0, dot);
      topI.splice(pos, 0, r);
      if (topS.length > k) {
        topS.pop();
        topI.pop();
      }
    }
  }
  return topI.map((index, i) => ({ index, score: topS[i] }));
}
