// Lexical (BM25) retrieval over chunks (bm25.ts, scored as MiniSearch does): typo-tolerant (fuzzy), prefix-aware,
// stemmed, with headings boosted and optional synonym expansion at a lower weight. Also owns
// the notes' vocabulary, which the abstention logic uses to ask "does the learner's term exist in
// the notes at all?".

import { Bm25Postings, type Bm25JSON, type TermQuery } from './bm25';
import { analyze, boundedLevenshtein, normalizeTerm } from './textNorm';
import { expandQuery, type SynonymMap } from './synonyms';

export interface LexicalDoc {
  id: string;
  text: string;
  headingPath: readonly string[];
}

export interface LexicalHit {
  chunkId: string;
  score: number;
  /** Index terms of the document that matched (after stemming / fuzzy / prefix). */
  matchedTerms: string[];
}

export interface LexicalSearchOptions {
  /** Expand the query with these synonyms (see synonyms.ts). */
  synonyms?: SynonymMap;
  /** Extra phrases to add on top of / instead of synonym expansion. */
  expansions?: readonly string[];
  /** Weight of expansion terms relative to the learner's own terms. */
  expansionWeight?: number;
  /** Turn off typo tolerance (e.g. for an exact-only pass). Default true. */
  fuzzy?: boolean;
  /** Turn off prefix matching. Default true. */
  prefix?: boolean;
}

export interface LexicalIndexOptions {
  /** Boost of the heading-path field relative to body text. */
  headingBoost?: number;
}

export interface LexicalIndexJSON {
  version: 2;
  headingBoost: number;
  bm25: Bm25JSON;
  docTerms: [string, string[]][];
  /** Document frequencies in the index's order; recounted from docTerms when absent. */
  df?: [string, number][];
}

const DEFAULT_EXPANSION_WEIGHT = 0.4;

/**
 * Allowed typo distance for a (stemmed) query term. Short terms get none: "sns"~"sqs" and
 * "ec2"~"ecs" are different services, not typos. Distance 2 only for long words.
 */
export function fuzzyDistanceFor(term: string): number {
  if (term.length <= 4 || /\d/.test(term)) return 0;
  return term.length >= 9 ? 2 : 1;
}

/** Typo budget for vocabulary checks (abstention): none up to 5 letters ("start" is not "stat"). */
export function vocabularyDistanceFor(term: string): number {
  if (term.length <= 5 || /\d/.test(term)) return 0;
  return term.length >= 9 ? 2 : 1;
}

/** Whether `long` is `short` with one letter added (the letter `short` left out). */
export function dropsOneLetter(short: string, long: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

export interface ClosestTerm {
  term: string;
  /** Edit distance (for a prefix match: the number of extra letters). */
  distance: number;
  docFreq: number;
  match: 'exact' | 'fuzzy' | 'prefix';
}

export class LexicalIndex {
  private bm25: Bm25Postings;
  private readonly headingBoost: number;
  /** term -> number of docs containing it (both fields). */
  private readonly df = new Map<string, number>();
  /** chunk id -> its distinct terms, to keep `df` right on removal. */
  private readonly docTerms = new Map<string, string[]>();

  constructor(opts: LexicalIndexOptions = {}) {
    this.headingBoost = opts.headingBoost ?? 2;
    this.bm25 = new Bm25Postings([1, this.headingBoost]); // fields: text, headings
  }

  get size(): number {
    return this.docTerms.size;
  }

  has(chunkId: string): boolean {
    return this.docTerms.has(chunkId);
  }

  /** Add or replace chunks. */
  add(docs: readonly LexicalDoc[]): void {
    for (const d of docs) {
      if (this.docTerms.has(d.id)) this.remove(d.id);
      const terms = this.bm25.add(d.id, [d.text, d.headingPath.join(' / ')]);
      this.docTerms.set(d.id, terms);
      for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  remove(chunkId: string): boolean {
    const terms = this.docTerms.get(chunkId);
    if (!terms) return false;
    this.bm25.remove(chunkId, terms);
    this.docTerms.delete(chunkId);
    for (const t of terms) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
    return true;
  }

  search(query: string, k: number, opts: LexicalSearchOptions = {}): LexicalHit[] {
    const own = [...new Set(analyze(query))];
    const phrases = [...(opts.synonyms ? expandQuery(query, opts.synonyms) : []), ...(opts.expansions ?? [])];
    const ownSet = new Set(own);
    const extra = [...new Set(analyze(phrases.join(' ')))].filter((t) => !ownSet.has(t));
    if ((own.length === 0 && extra.length === 0) || k <= 0) return [];
    const w = opts.expansionWeight ?? DEFAULT_EXPANSION_WEIGHT;
    const useFuzzy = opts.fuzzy !== false;
    const usePrefix = opts.prefix !== false;

    // Two passes: the learner's own terms (typo/prefix tolerant), then expansion terms (exact
    // only: they are curated/mined spellings, not typos) at weight w. Separate passes keep BM25's
    // "number of matched terms" multiplier from rewarding documents that only match generic
    // expansion words ("S3" -> "simple storage service").
    const queries = (terms: string[], loose: boolean): TermQuery[] =>
      terms.map((term) => ({
        term,
        fuzzy: loose && useFuzzy ? fuzzyDistanceFor(term) || false : false,
        prefix: loose && usePrefix && term.length >= 5,
      }));
    const passes = [
      { queries: queries(own, true), weight: 1 },
      { queries: queries(extra, false), weight: w },
    ].filter((p) => p.queries.length > 0);
    return this.bm25.search(passes, k).map((h) => ({ chunkId: h.id, score: h.score, matchedTerms: h.matchedTerms }));
  }

  /** Chunks holding, for every group, at least one of its (analysed) terms: phrase lookup's candidates. */
  chunksWithAll(groups: readonly string[][]): string[] {
    return this.bm25.docsMatchingAll(groups);
  }

  /** The analysis pipeline used by this index (tokenise, stop, stem), for callers' own checks. */
  analyze(text: string): string[] {
    return analyze(text);
  }

  /** All index terms (stemmed) with their document frequency. */
  vocabulary(): ReadonlyMap<string, number> {
    return this.df;
  }

  /** Is this word (any inflection) in the notes? Stopwords and empty input give false. */
  hasTerm(term: string): boolean {
    const t = normalizeTerm(term.trim());
    return t !== null && this.df.has(t);
  }

  /**
   * Nearest vocabulary term: exact, else the closest within `maxDistance` edits (default
   * vocabularyDistanceFor, stricter than search: a 5-letter word is one edit from too many
   * others), else the most frequent term it is a prefix of ("dynamo" -> "dynamodb", terms of
   * 5+ letters). Fuzzy ties: more frequent term, then alphabetical. Null when nothing is close.
   */
  closestTerm(term: string, maxDistance?: number): ClosestTerm | null {
    const t = normalizeTerm(term.trim());
    if (t === null) return null;
    const exact = this.df.get(t);
    if (exact !== undefined) return { term: t, distance: 0, docFreq: exact, match: 'exact' };
    const max = maxDistance ?? vocabularyDistanceFor(t);
    let best: ClosestTerm | null = null;
    let prefix: ClosestTerm | null = null;
    for (const [v, docFreq] of this.df) {
      if (
        t.length >= 5 &&
        v.startsWith(t) &&
        (!prefix || docFreq > prefix.docFreq || (docFreq === prefix.docFreq && v < prefix.term))
      ) {
        prefix = { term: v, distance: v.length - t.length, docFreq, match: 'prefix' };
      }
      if (max <= 0) {
        // A 5-letter word gets no typo budget, except the commonest typo: a letter left out
        // ("lamda" → "lambda"). An extra or changed letter is too often another word ("stat").
        const missing = t.length === 5 && !/\d/.test(t) && dropsOneLetter(t, v);
        if (missing && (!best || docFreq > best.docFreq)) best = { term: v, distance: 1, docFreq, match: 'fuzzy' };
        continue;
      }
      const d = boundedLevenshtein(t, v, best ? Math.min(max, best.distance) : max);
      if (d > max) continue;
      if (
        !best ||
        d < best.distance ||
        (d === best.distance && (docFreq > best.docFreq || (docFreq === best.docFreq && v < best.term)))
      ) {
        best = { term: v, distance: d, docFreq, match: 'fuzzy' };
      }
    }
    return best ?? prefix;
  }

  toJSON(): LexicalIndexJSON {
    return {
      version: 2,
      headingBoost: this.headingBoost,
      bm25: this.bm25.toJSON(),
      docTerms: [...this.docTerms],
    };
  }

  /** Rebuild from toJSON() output without re-tokenising every chunk (`adopt`: see Bm25Postings.fromJSON). */
  static fromJSON(json: LexicalIndexJSON, opts: { adopt?: boolean } = {}): LexicalIndex {
    if (json.version !== 2) throw new Error(`unsupported lexical index version ${String(json.version)}`);
    const idx = new LexicalIndex({ headingBoost: json.headingBoost });
    idx.bm25 = Bm25Postings.fromJSON(json.bm25, opts);
    for (const [id, terms] of json.docTerms) {
      idx.docTerms.set(id, terms);
      if (!json.df) for (const t of terms) idx.df.set(t, (idx.df.get(t) ?? 0) + 1);
    }
    for (const [t, n] of json.df ?? []) idx.df.set(t, n);
    return idx;
  }
}
