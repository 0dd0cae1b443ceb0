// Learns the static token table from the notes.
//
// The model can only do "row lookup + plain mean", so a token's row must carry both what it means
// and how much it should count. Each row = IDF(token)^β × [ √(1−γ)·lsa ; √γ·lex ]:
//   lsa : the token's unit direction in a k-dim LSA space (row of U_k Σ_k^α from a truncated SVD
//         of the IDF-weighted token × document matrix). Tokens that occur in the same passages point
//         the same way: the only "paraphrase" signal we can learn offline ("interrupted" ↔ Spot).
//   lex : a fixed pseudo-random ±1/√m direction per token id (a random projection of the one-hot
//         space). LSA at k ≪ vocabulary blurs tokens that share passages; this part keeps an exact
//         token match worth more than a topical neighbour. Dev set: LSA-only r@5 .84–.89, one-hot
//         tf-idf .76–.89, the mix .82–.98 depending on chunk size (see the build report).
//   IDF^β : BM25 IDF, so stopwords add ~nothing; [CLS]/[SEP]/[PAD]/[UNK] are zero rows.
// The SVD goes through the eigendecomposition of the doc × doc Gram matrix (N ≈ a few hundred
// chunks) rather than the tall token × doc matrix; ml-matrix's EVD is deterministic pure JS.
// Unseen ids get a character-trigram back-off row (subwordBackoff.ts) so typos keep some signal.

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { CompactTable } from './onnxWriter';
import type { WordPieceTokenizer } from './tokenizer';
import { subwordBackoff } from './subwordBackoff';
import { mulberry32Uint } from '../../util/prng';

export interface TrainOptions {
  /** Output width; components beyond the corpus rank are zero. */
  dims: number;
  /** Components given to LSA; the remaining dims hold the lexical (random-projection) part. */
  lsaDims: number;
  /** Share of each row's squared length given to the lexical part (0 = pure LSA). */
  lexicalWeight: number;
  /** Exponent on the singular values in the token directions (0 = whitened, 1 = plain U·Σ). */
  alpha: number;
  /** Exponent on the IDF that scales each row. */
  idfPower: number;
  /** Weight of the character-trigram back-off for ids the notes never use (0 = off). */
  backoffWeight: number;
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'onProgress'> = {
  dims: 256,
  lsaDims: 64,
  lexicalWeight: 0.5,
  alpha: 0,
  idfPower: 0.5,
  backoffWeight: 0.5,
};

/** Bumped whenever the learning changes, so stored models get rebuilt. */
export const TRAIN_METHOD = 'bm25idf-lsa+randproj+trigram-backoff/v1';

export interface TrainedTable {
  table: CompactTable;
  /** Distinct token ids seen in the documents (non-special). */
  vocabUsed: number;
  /** Ids that got a back-off vector. */
  backoffRows: number;
  /** Components actually learned (≤ dims, ≤ number of documents). */
  rank: number;
}

interface Corpus {
  /** Distinct ids in ascending order (deterministic row order). */
  ids: number[];
  /** id → index into `ids`. */
  index: Map<number, number>;
  /** Per document: [tokenIndex, count] pairs, tokenIndex ascending. */
  docs: Array<Array<[number, number]>>;
  df: Float64Array;
}

function buildCorpus(documents: string[], tok: WordPieceTokenizer): Corpus {
  const perDoc = documents.map((text) => {
    const counts = new Map<number, number>();
    for (const id of tok.encode(text)) {
      if (tok.specialIds.has(id)) continue;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const idSet = new Set<number>();
  for (const c of perDoc) for (const id of c.keys()) idSet.add(id);
  const ids = [...idSet].sort((a, b) => a - b);
  const index = new Map(ids.map((id, i) => [id, i]));
  const df = new Float64Array(ids.length);
  const docs = perDoc.map((counts) => {
    const entries: Array<[number, number]> = [...counts].map(([id, n]) => [index.get(id) as number, n]);
    entries.sort((a, b) => a[0] - b[0]);
    for (const [t] of entries) df[t] += 1;
    return entries;
  });
  return { ids, index, docs, df };
}

/**
 * Probabilistic (BM25) IDF: ln(1 + (N − df + 0.5)/(df + 0.5)). Unlike ln(N/df) it stays positive
 * and drops close to 0 for words in nearly every passage, which is what a plain mean needs.
 */
export function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Weighted token × doc matrix as per-doc sparse columns, each column L2-normalised. */
function weightedColumns(c: Corpus, idf: Float64Array): Array<Array<[number, number]>> {
  return c.docs.map((entries) => {
    const col = entries.map(([t, n]): [number, number] => [t, (1 + Math.log(n)) * idf[t]]);
    const norm = Math.hypot(...col.map(([, w]) => w)) || 1;
    return col.map(([t, w]): [number, number] => [t, w / norm]);
  });
}

/** Gram matrix G = XᵀX (doc × doc) from sparse columns via per-token postings. */
function gram(cols: Array<Array<[number, number]>>, tokenCount: number): Matrix {
  const n = cols.length;
  const postings: Array<Array<[number, number]>> = Array.from({ length: tokenCount }, () => []);
  cols.forEach((col, d) => {
    for (const [t, w] of col) postings[t].push([d, w]);
  });
  const g = new Float64Array(n * n);
  for (const plist of postings) {
    for (let a = 0; a < plist.length; a++) {
      const [da, wa] = plist[a];
      for (let b = a; b < plist.length; b++) {
        const [db, wb] = plist[b];
        g[da * n + db] += wa * wb;
      }
    }
  }
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = g[i * n + j] + (i === j ? 0 : g[j * n + i]);
      m.set(i, j, v);
      m.set(j, i, v);
    }
  }
  return m;
}

/**
 * Token directions U_k Σ_k^α = X V_k Σ_k^(α−1) (rows of the T × k result), from the top-k
 * eigenpairs of XᵀX. Each eigenvector's sign is fixed (largest-|x| entry positive) so the output
 * cannot flip between platforms on ties.
 */
function lsaTokenVectors(cols: Array<Array<[number, number]>>, tokenCount: number, k: number, alpha: number): { vecs: Float64Array; rank: number } {
  const n = cols.length;
  const evd = new EigenvalueDecomposition(gram(cols, tokenCount), { assumeSymmetric: true });
  const lambdas = evd.realEigenvalues;
  const vecsMatrix = evd.eigenvectorMatrix;
  const order = lambdas.map((l, i) => [l, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const top = order.filter(([l]) => l > 1e-9 * Math.max(order[0]?.[0] ?? 0, 1e-300)).slice(0, k);
  const rank = top.length;
  const out = new Float64Array(tokenCount * k);
  top.forEach(([lambda, col], j) => {
    const v = new Float64Array(n);
    let maxAbs = 0;
    let sign = 1;
    for (let d = 0; d < n; d++) {
      v[d] = vecsMatrix.get(d, col);
      if (Math.abs(v[d]) > maxAbs + 1e-12) {
        maxAbs = Math.abs(v[d]);
        sign = v[d] < 0 ? -1 : 1;
      }
    }
    const scale = sign * Math.pow(Math.sqrt(lambda), alpha - 1);
    cols.forEach((colEntries, d) => {
      const vd = v[d] * scale;
      if (vd === 0) return;
      for (const [t, w] of colEntries) out[t * k + j] += w * vd;
    });
  });
  return { vecs: out, rank };
}

/**
 * Unit ±1/√k vectors seeded by token id: a random projection of the one-hot token space, so
 * identical tokens still match exactly (cosine 1) and unrelated ones are near-orthogonal (~1/√k).
 */
function randomDirections(ids: number[], k: number): Float64Array {
  const out = new Float64Array(ids.length * k);
  if (k === 0) return out;
  const v = 1 / Math.sqrt(k);
  ids.forEach((id, t) => {
    const next = mulberry32Uint(0x9e3779b9 ^ id);
    for (let j = 0; j < k; j++) out[t * k + j] = next() & 1 ? v : -v;
  });
  return out;
}

function normaliseRows(m: Float64Array, dims: number): void {
  for (let r = 0; r * dims < m.length; r++) {
    let s = 0;
    for (let k = 0; k < dims; k++) s += m[r * dims + k] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < dims; k++) m[r * dims + k] *= inv;
  }
}

export function trainTokenTable(documents: string[], tok: WordPieceTokenizer, options: Partial<TrainOptions> = {}): TrainedTable {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const dims = opts.dims;
  if (!Number.isInteger(dims) || dims < 1) throw new Error(`dims must be a positive integer, got ${dims}`);
  if (!Number.isInteger(opts.lsaDims) || opts.lsaDims < 1) throw new Error(`lsaDims must be a positive integer, got ${opts.lsaDims}`);
  if (!(opts.lexicalWeight >= 0 && opts.lexicalWeight <= 1)) throw new Error(`lexicalWeight must be in [0, 1], got ${opts.lexicalWeight}`);
  if (!(opts.backoffWeight >= 0)) throw new Error(`backoffWeight must be ≥ 0, got ${opts.backoffWeight}`);
  const progress = opts.onProgress ?? (() => {});

  const corpus = buildCorpus(documents, tok);
  const T = corpus.ids.length;
  if (T === 0) throw new Error('no tokens in the documents: cannot train a token table');
  const N = documents.length;
  const idf = Float64Array.from(corpus.df, (df) => bm25Idf(df, N));
  progress(0.2);

  const kLsa = Math.min(opts.lsaDims, dims);
  const { vecs: lsa, rank } = lsaTokenVectors(weightedColumns(corpus, idf), T, kLsa, opts.alpha);
  normaliseRows(lsa, kLsa);
  const kLex = dims - kLsa;
  const lex = randomDirections(corpus.ids, kLex);
  const wLsa = kLex > 0 ? Math.sqrt(1 - opts.lexicalWeight) : 1;
  const wLex = kLex > 0 ? Math.sqrt(opts.lexicalWeight) : 0;
  const vecs = new Float64Array(T * dims);
  for (let t = 0; t < T; t++) {
    const w = Math.pow(idf[t], opts.idfPower);
    for (let k = 0; k < kLsa; k++) vecs[t * dims + k] = w * wLsa * lsa[t * kLsa + k];
    for (let k = 0; k < kLex; k++) vecs[t * dims + kLsa + k] = w * wLex * lex[t * kLex + k];
  }
  progress(0.7);

  const backoff = opts.backoffWeight > 0 ? subwordBackoff(documents, tok, corpus.index, vecs, dims, opts.backoffWeight) : new Map<number, Float64Array>();
  progress(0.9);

  // Compact table: row 0 = zeros, then corpus ids ascending, then back-off ids ascending.
  const rowOfId = new Int32Array(tok.vocabSize);
  const backoffIds = [...backoff.keys()].sort((a, b) => a - b);
  const rows = new Float32Array((1 + T + backoffIds.length) * dims);
  corpus.ids.forEach((id, t) => {
    rowOfId[id] = 1 + t;
    rows.set(vecs.subarray(t * dims, (t + 1) * dims), (1 + t) * dims);
  });
  backoffIds.forEach((id, i) => {
    const r = 1 + T + i;
    rowOfId[id] = r;
    rows.set(backoff.get(id) as Float64Array, r * dims);
  });
  progress(1);
  return { table: { vocabSize: tok.vocabSize, dims, rowOfId, rows }, vocabUsed: T, backoffRows: backoffIds.length, rank };
}
