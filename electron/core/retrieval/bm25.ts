// BM25 over the notes' fields, scored the way MiniSearch 7 scores an OR query (same formula,
// parameters, fuzzy/prefix weights, "matched query terms" multiplier and float summation order,
// so rankings are unchanged) but on flat posting arrays and dense score arrays. MiniSearch built
// a result object per matching document, then we merged and sorted them all: 230 ms per query at
// 100k chunks, linear in the corpus. Its radix tree (SearchableMap) still finds prefix and fuzzy
// variants of a term.
import SearchableMap from 'minisearch/SearchableMap';
import { normalizeTerm, tokenizeRaw } from './textNorm';

/** One query term: exact, plus (optionally) its prefix completions and typo variants. */
export interface TermQuery {
  term: string;
  /** Maximum edit distance, or false for none. */
  fuzzy: number | false;
  prefix: boolean;
}

interface Postings {
  /** Short doc ids, ascending (docs only ever get larger ids). */
  docs: number[];
  freqs: number[];
}
/** Postings per field (undefined: the term never occurs in that field). */
type TermEntry = (Postings | undefined)[];

export interface Bm25JSON {
  boosts: number[];
  ids: (string | null)[];
  count: number;
  avg: number[];
  fieldLength: number[][];
  terms: [string, ([number[], number[]] | null)[]][];
}

// MiniSearch's defaults.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;

/** One OR query and the weight of its scores in the merged result. */
export interface Bm25Pass {
  queries: readonly TermQuery[];
  weight: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
  /** Index terms (after stemming / fuzzy / prefix) the document matched. */
  matchedTerms: string[];
}

/** Per-document work arrays, kept between searches (allocating them cost more than scoring). */
interface Scratch {
  total: Float64Array;
  termScore: Float64Array;
  merged: Float64Array;
  matched: Uint16Array;
  inTerm: Uint8Array;
  seen: Uint8Array;
}

function scratchOf(n: number): Scratch {
  const f = (): Float64Array => new Float64Array(n);
  return {
    total: f(),
    termScore: f(),
    merged: f(),
    matched: new Uint16Array(n),
    inTerm: new Uint8Array(n),
    seen: new Uint8Array(n),
  };
}

export class Bm25Postings {
  private readonly entries = new Map<string, TermEntry>();
  private readonly tree = new SearchableMap<TermEntry>();
  private readonly ids: (string | null)[] = [];
  private readonly shortOf = new Map<string, number>();
  private fieldLength: number[][];
  private avg: number[];
  private count = 0;
  /** k·(1 − b + b·length/avg) per field and document; null when lengths changed since. */
  private norms: Float64Array[] | null = null;
  private scratch = scratchOf(0);

  constructor(private readonly boosts: number[]) {
    this.fieldLength = boosts.map(() => []);
    this.avg = boosts.map(() => 0);
  }

  idOf(doc: number): string {
    return this.ids[doc] as string;
  }

  /** Adds a document (one string per field); returns its distinct index terms. */
  add(id: string, fields: string[]): string[] {
    const doc = this.ids.length;
    this.norms = null;
    this.ids.push(id);
    this.shortOf.set(id, doc);
    this.count++;
    const distinct = new Set<string>();
    fields.forEach((value, f) => {
      const tokens = tokenizeRaw(value);
      const length = new Set(tokens).size; // MiniSearch's field length: distinct raw tokens
      this.fieldLength[f][doc] = length;
      this.avg[f] = (this.avg[f] * (this.count - 1) + length) / this.count;
      for (const raw of tokens) {
        const term = normalizeTerm(raw);
        if (!term) continue;
        distinct.add(term);
        let entry = this.entries.get(term);
        if (!entry) {
          entry = [];
          this.entries.set(term, entry);
          this.tree.set(term, entry);
        }
        const p = (entry[f] ??= { docs: [], freqs: [] });
        const last = p.docs.length - 1;
        if (last >= 0 && p.docs[last] === doc) p.freqs[last]++;
        else {
          p.docs.push(doc);
          p.freqs.push(1);
        }
      }
    });
    return [...distinct];
  }

  /** Removes a document given its distinct terms (as add returned them). */
  remove(id: string, terms: readonly string[]): boolean {
    const doc = this.shortOf.get(id);
    if (doc === undefined) return false;
    this.shortOf.delete(id);
    this.ids[doc] = null;
    this.norms = null;
    this.boosts.forEach((_, f) => {
      this.avg[f] = this.count === 1 ? 0 : (this.avg[f] * this.count - this.fieldLength[f][doc]) / (this.count - 1);
    });
    this.count--;
    for (const term of terms) {
      const entry = this.entries.get(term);
      if (!entry) continue;
      for (const p of entry) {
        const i = p ? p.docs.lastIndexOf(doc) : -1;
        if (p && i >= 0) {
          p.docs.splice(i, 1);
          p.freqs.splice(i, 1);
        }
      }
      if (entry.every((p) => !p || p.docs.length === 0)) {
        this.entries.delete(term);
        this.tree.delete(term);
      }
    }
    return true;
  }

  /**
   * Runs the passes and returns the k best documents (score, then id) with their summed
   * weighted scores. Within a pass, as MiniSearch: per term, exact then prefix then fuzzy
   * matches, field by field, each BM25-weighted; a document's pass score is the sum over terms
   * times the number of terms it matched.
   */
  search(passes: readonly Bm25Pass[], k: number): Bm25Hit[] {
    const n = this.ids.length;
    if (this.scratch.total.length < n) this.scratch = scratchOf(Math.ceil(n * 1.25));
    const s = this.scratch;
    const candidates: number[] = [];
    const used: { entry: TermEntry; term: string }[][] = [];
    for (const pass of passes) {
      const run = this.runPass(pass.queries, s);
      used.push(run.used);
      for (const d of run.docs) {
        const x = pass.weight * s.total[d];
        if (s.seen[d]) s.merged[d] += x;
        else {
          s.seen[d] = 1;
          s.merged[d] = x;
          candidates.push(d);
        }
        s.total[d] = 0;
        s.matched[d] = 0;
      }
    }
    const hits = topK(candidates, s.merged, (d) => this.idOf(d), k).map((d) => ({
      id: this.idOf(d),
      score: s.merged[d],
      matchedTerms: [
        ...new Set(
          used.flatMap((u) =>
            u.filter(({ entry }) => entry.some((p) => p !== undefined && includesSorted(p.docs, d))).map((x) => x.term),
          ),
        ),
      ],
    }));
    for (const d of candidates) {
      s.seen[d] = 0;
      s.merged[d] = 0;
    }
    return hits;
  }

  /** One OR query into s.total (pass score) for the returned docs, in first-touch order. */
  private runPass(queries: readonly TermQuery[], s: Scratch) {
    const norms = this.lengthNorms();
    const docs: number[] = [];
    const touched: number[] = [];
    const used: { entry: TermEntry; term: string }[] = [];
    const { total, termScore, matched, inTerm } = s;
    const score = (entry: TermEntry | undefined, term: string, weight: number): void => {
      if (!entry) return;
      used.push({ entry, term });
      for (let f = 0; f < this.boosts.length; f++) {
        const p = entry[f];
        if (!p || p.docs.length === 0) continue;
        const matching = p.docs.length;
        const idf = Math.log(1 + (this.count - matching + 0.5) / (matching + 0.5));
        const norm = norms[f];
        const boost = weight * 1 * this.boosts[f]; // same product order as MiniSearch
        const { docs: pd, freqs } = p;
        for (let i = 0; i < matching; i++) {
          const doc = pd[i];
          const tf = freqs[i];
          const raw = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm[doc]));
          if (!inTerm[doc]) {
            inTerm[doc] = 1;
            touched.push(doc);
          }
          termScore[doc] += boost * 1 * raw;
        }
      }
    };
    for (const q of queries) {
      score(this.entries.get(q.term), q.term, 1);
      const prefixes = q.prefix ? this.tree.atPrefix(q.term) : null;
      const fuzzy = q.fuzzy ? this.tree.fuzzyGet(q.term, q.fuzzy) : null;
      if (prefixes) {
        for (const [term, entry] of prefixes) {
          const distance = term.length - q.term.length;
          if (!distance) continue;
          fuzzy?.delete(term); // scored once, as a prefix match
          score(entry, term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
        }
      }
      if (fuzzy) {
        for (const [term, [entry, distance]] of fuzzy) {
          if (distance) score(entry, term, (FUZZY_WEIGHT * term.length) / (term.length + distance));
        }
      }
      for (const doc of touched) {
        if (matched[doc] === 0) docs.push(doc);
        total[doc] = matched[doc] === 0 ? termScore[doc] : total[doc] + termScore[doc];
        matched[doc]++;
        termScore[doc] = 0;
        inTerm[doc] = 0;
      }
      touched.length = 0;
    }
    for (const doc of docs) total[doc] *= matched[doc];
    return { docs, used };
  }

  /** BM25's length normalisation per document, computed once per change of the index. */
  private lengthNorms(): Float64Array[] {
    this.norms ??= this.boosts.map((_, f) => {
      const norm = new Float64Array(this.ids.length);
      const avg = this.avg[f];
      const lengths = this.fieldLength[f];
      for (let doc = 0; doc < norm.length; doc++) {
        // as MiniSearch: k * (1 - b + b * fieldLength / avgFieldLength)
        if (this.ids[doc] !== null) norm[doc] = BM25.k * (1 - BM25.b + (BM25.b * lengths[doc]) / avg);
      }
      return norm;
    });
    return this.norms;
  }

  /** Ids of live documents holding, for every group, at least one of its terms (either field). */
  docsMatchingAll(groups: readonly string[][]): string[] {
    const lists = groups.map((g) =>
      g.flatMap((t) => (this.entries.get(t) ?? []).flatMap((p) => (p && p.docs.length ? [p.docs] : []))),
    );
    if (lists.length === 0 || lists.some((l) => l.length === 0)) return [];
    // Start from the group with the fewest postings; check the others by binary search.
    const size = (l: number[][]): number => l.reduce((n, d) => n + d.length, 0);
    lists.sort((a, b) => size(a) - size(b));
    const out: string[] = [];
    for (const doc of new Set(lists[0].flat())) {
      if (lists.slice(1).every((l) => l.some((docs) => includesSorted(docs, doc)))) out.push(this.idOf(doc));
    }
    return out;
  }

  toJSON(): Bm25JSON {
    return {
      boosts: this.boosts,
      ids: this.ids,
      count: this.count,
      avg: this.avg,
      fieldLength: this.fieldLength,
      terms: [...this.entries].map(([t, e]) => [t, this.boosts.map((_, f) => (e[f] ? [e[f].docs, e[f].freqs] : null))]),
    };
  }

  /** `adopt`: use the arrays as given (a decoder's own, at 100k chunks millions of numbers) rather than copies. */
  static fromJSON(json: Bm25JSON, opts: { adopt?: boolean } = {}): Bm25Postings {
    const own = (xs: number[]): number[] => (opts.adopt ? xs : [...xs]);
    const b = new Bm25Postings(json.boosts);
    json.ids.forEach((id, doc) => {
      b.ids.push(id);
      if (id !== null) b.shortOf.set(id, doc);
    });
    b.count = json.count;
    b.avg = [...json.avg];
    b.fieldLength = json.fieldLength.map(own);
    for (const [term, fields] of json.terms) {
      const entry: TermEntry = fields.map((p) => (p ? { docs: own(p[0]), freqs: own(p[1]) } : undefined));
      b.entries.set(term, entry);
      b.tree.set(term, entry);
    }
    return b;
  }
}

/**
 * The k best documents by score, then id (a total order: results never depend on arrival
 * order), without sorting every match: k is small, matches are many at scale.
 */
function topK(docs: readonly number[], score: Float64Array, idOf: (doc: number) => string, k: number): number[] {
  const before = (a: number, b: number): boolean => score[a] > score[b] || (score[a] === score[b] && idOf(a) < idOf(b));
  const top: number[] = [];
  for (const d of docs) {
    if (top.length === k && !before(d, top[k - 1])) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid], d)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, d);
    if (top.length > k) top.pop();
  }
  return top;
}

function includesSorted(xs: number[], x: number): boolean {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] === x) return true;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
