// Vectors for WordPiece ids the notes never use, borrowed from corpus words that share character
// trigrams with them. Why: a typo such as "memmory" / "functon" / "handels" is split into pieces
// ("me ##mm ##ory", "fun ##cton", "handel ##s") that never occur in the notes, so a purely learned
// table maps them to zero and the query loses its key word. The model is a context-free lookup, so
// the only place to share information between a word and its pieces is the table itself: each
// unseen piece gets the trigram-similarity-weighted average of the vectors of corpus words that
// contain its letters (FastText-style back-off, done once at build time).

import type { WordPieceTokenizer } from './tokenizer';

/** Minimum share of the piece's (IDF-weighted) trigrams a corpus word must contain. */
const MIN_CONTAINMENT = 0.6;
/** At most this many best-matching words are averaged per piece. */
const MAX_WORDS = 8;

function trigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= text.length; i++) out.push(text.slice(i, i + 3));
  return out;
}

/** Word trigrams with boundary markers: "<memory>" → "<me", "mem", …, "ry>". */
function wordGrams(word: string): string[] {
  return [...new Set(trigrams(`<${word}>`))];
}

/** Piece trigrams: a word-initial piece knows its start ("<fun"), a "##" piece knows neither end. */
function pieceGrams(token: string): string[] {
  const inner = token.startsWith('##') ? token.slice(2) : `<${token}`;
  return [...new Set(trigrams(inner))];
}

/** Splits an id sequence into words: a word is a piece followed by its "##" continuations. */
function wordsOf(ids: number[], tok: WordPieceTokenizer): number[][] {
  const words: number[][] = [];
  for (const id of ids) {
    const t = tok.token(id);
    const last = words[words.length - 1];
    if (t.startsWith('##') && last) last.push(id);
    else words.push([id]);
  }
  return words;
}

const LETTERS = /^(##)?[a-z]+$/;

/**
 * @param tokenVecs   learned rows (T × dims) in the order of `tokenIndex`
 * @returns id → back-off row (already scaled by `weight`), only for ids that got one
 */
export function subwordBackoff(
  documents: string[],
  tok: WordPieceTokenizer,
  tokenIndex: ReadonlyMap<number, number>,
  tokenVecs: Float64Array,
  dims: number,
  weight: number,
): Map<number, Float64Array> {
  // Corpus word types (letters only) and their vectors = sum of their pieces' rows, i.e. exactly
  // what the word contributes to a mean-pooled sentence.
  const wordVec = new Map<string, Float64Array>();
  for (const doc of documents) {
    for (const pieces of wordsOf(tok.encode(doc), tok)) {
      const text = pieces.map((id) => tok.token(id).replace(/^##/, '')).join('');
      if (text.length < 3 || !/^[a-z]+$/.test(text) || wordVec.has(text)) continue;
      const v = new Float64Array(dims);
      for (const id of pieces) {
        const t = tokenIndex.get(id);
        if (t === undefined) continue;
        for (let k = 0; k < dims; k++) v[k] += tokenVecs[t * dims + k];
      }
      wordVec.set(text, v);
    }
  }
  const words = [...wordVec.keys()].sort();
  const gramPostings = new Map<string, number[]>();
  words.forEach((w, wi) => {
    for (const g of wordGrams(w)) {
      const list = gramPostings.get(g);
      if (list) list.push(wi);
      else gramPostings.set(g, [wi]);
    }
  });
  // Trigram IDF over word types, so "ion"/"ing" matter less than "mem"/"lam".
  const gramIdf = (g: string): number => Math.log(1 + words.length / (gramPostings.get(g)?.length ?? 0.5));

  const out = new Map<number, Float64Array>();
  for (let id = 0; id < tok.vocabSize; id++) {
    if (tokenIndex.has(id) || tok.specialIds.has(id)) continue;
    const token = tok.token(id);
    if (!LETTERS.test(token)) continue;
    const grams = pieceGrams(token);
    if (grams.length === 0) continue;
    const total = grams.reduce((s, g) => s + gramIdf(g), 0);
    const score = new Map<number, number>();
    for (const g of grams) {
      const w = gramIdf(g);
      for (const wi of gramPostings.get(g) ?? []) score.set(wi, (score.get(wi) ?? 0) + w);
    }
    const best = [...score]
      .map(([wi, s]) => [wi, s / total] as const)
      .filter(([, c]) => c >= MIN_CONTAINMENT)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_WORDS);
    if (best.length === 0) continue;
    const v = new Float64Array(dims);
    let wsum = 0;
    for (const [wi, c] of best) {
      const wv = wordVec.get(words[wi]) as Float64Array;
      for (let k = 0; k < dims; k++) v[k] += c * wv[k];
      wsum += c;
    }
    for (let k = 0; k < dims; k++) v[k] *= weight / wsum;
    out.set(id, v);
  }
  return out;
}
