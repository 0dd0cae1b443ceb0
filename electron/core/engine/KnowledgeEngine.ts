import { exactSearchFlat } from '../retrieval/exactSearch';
import type { Curriculum } from '../knowledge/loadContent';
import { withLearnerLessons } from '../knowledge/curriculum';
import { chunkSections, chunkEmbeddingText } from '../knowledge/chunkNotes';
import type { Chunk, PhaseId, Section } from '../knowledge/types';
import { EmbedderError } from '../retrieval/embedder';
import type { LexicalIndex } from '../retrieval/lexicalIndex';
import { expandQuery, type SynonymMap } from '../retrieval/synonyms';
import { reciprocalRankFusion } from '../retrieval/fusion';
import { answerUnitsOf, composeAnswer, type TermModel } from '../answer/composeAnswer';
import { rerankByUnits, rerankUnits } from '../retrieval/unitRerank';
import { assessCoverage, decideAbstention, type AbstentionFeatures, type CoverageContext } from '../answer/abstain';
import { PhraseIndex } from './phraseIndex';
import { assembleEngine, stageTimer, type DenseSide, type EngineParts } from './assemble';
import { trySaveIndex } from './vectorStore';
import { termModelOf } from './termModel';
import { validateQuestion } from './validateQuestion';
import type {
  AskOptions,
  AskResult,
  EngineInfo,
  FusionParams,
  OpenEngineOptions,
  SearchHit,
  SearchMode,
} from './types';

export type * from './types';

// Above EAGER_UNITS_MAX_CHUNKS' worth of units, answer-unit vectors are a cache of this size.
const UNIT_VECTORS_MAX = 50_000;

// A same-phase chunk wins over another only when their fused scores are this close.
const PHASE_PREFERENCE = 1.1;

function preferPhase(hits: SearchHit[], phase: PhaseId): SearchHit[] {
  const boosted = hits.map((h) => ({ h, s: h.score * (h.chunk.phaseId === phase ? PHASE_PREFERENCE : 1) }));
  return boosted.sort((a, b) => b.s - a.s).map((x) => x.h);
}

const LEANS_ON_CONTEXT =
  /\b(it|its|it's|they|them|their|this|that|these|those|one)\b|^(and|also|what about|how about|but)\b/i;

/** "and how is it priced?" asked about Lambda → "Lambda: and how is it priced?" for retrieval. */
export function withTopic(question: string, topic: string): string {
  const short = question.split(/\s+/).length <= 12;
  return short && LEANS_ON_CONTEXT.test(question) ? `${topic}: ${question}` : question;
}

// Fusion weights and candidate depth, tuned on the dev set (see README "Retrieval quality").
export const DEFAULT_FUSION: FusionParams = { denseWeight: 1, lexicalWeight: 1, depth: 50, rrfK: 60 };
// The domain static model is close to a lexical model itself (its vectors are learned from the
// same notes), so it gets a smaller say; MiniLM brings outside knowledge of paraphrase.
const FUSION_BY_KIND: Record<string, Partial<FusionParams>> = {
  'static-domain': { denseWeight: 0.35, rrfK: 20 },
  minilm: { denseWeight: 1, rrfK: 60 },
};

export class KnowledgeEngine {
  private readonly chunkById = new Map<string, Chunk>();
  private readonly learnerSections = new Map<string, Section>();
  /** Chunks of the shipped notes: never removed by learner edits. */
  private readonly baseIds = new Set<string>();
  private readonly queryCache = new Map<string, Float32Array>();
  private readonly unitVectors: Map<string, Float32Array>;
  private flat: { ids: string[]; data: Float32Array } | null = null;
  private readonly terms: TermModel & { forget(): void };
  private readonly coverage: CoverageContext;
  private readonly phrases: PhraseIndex;
  private readonly baseCurriculum: Curriculum;
  private readonly baseSections: Section[];
  /** The embedder and vector index; null when search is lexical only. */
  private readonly dense: DenseSide | null;
  private readonly lexical: LexicalIndex;
  private readonly synonyms: SynonymMap;
  private readonly information: EngineInfo;
  private readonly modelProblem: string | null;
  private readonly persist: EngineParts['persist'];
  /** Why the index could not be saved the last time it changed; null once a save works. */
  private saveError: string | null;

  private constructor(parts: EngineParts) {
    this.baseCurriculum = parts.curriculum;
    this.baseSections = parts.sections;
    this.dense = parts.dense;
    this.lexical = parts.lexical;
    this.synonyms = parts.synonyms;
    this.information = parts.info;
    this.unitVectors = parts.unitVectors;
    this.modelProblem = parts.modelProblem;
    this.persist = parts.persist;
    this.saveError = parts.info.index.saveError;
    for (const c of parts.chunks) {
      this.chunkById.set(c.id, c);
      this.baseIds.add(c.id);
    }
    this.phrases = new PhraseIndex({
      candidates: (groups) => this.lexical.chunksWithAll(groups),
      all: () => this.chunkById.keys(),
      textOf: (id) => {
        const c = this.chunkById.get(id);
        return c && `${c.headingPath.join('\n')}\n${c.text}`;
      },
    });
    this.terms = termModelOf(parts.lexical);
    const commonWords = parts.commonWords;
    this.coverage = {
      terms: this.terms,
      rarity: (w) => commonWords.rarity(w),
      isEveryday: (w) => commonWords.isEveryday(w),
      hasPhrase: (p) => this.phrases.has(p),
    };
  }

  /**
   * Opens the engine over the notes (and the learner's topics). Never fails for a bad index or a
   * damaged model: it rebuilds, falls back to another model, or searches by keywords only, and
   * info().notice says so.
   */
  static async open(opts: OpenEngineOptions): Promise<KnowledgeEngine> {
    const parts = await assembleEngine(opts);
    const stage = stageTimer(opts.onStage);
    const engine = await stage('phrases', () => new KnowledgeEngine(parts));
    await stage('learner topics', () => engine.reconcileExtra(opts.extraSections ?? []));
    return engine;
  }

  /** The notes' sections followed by the learner's own topics. */
  get sections(): Section[] {
    return [...this.baseSections, ...this.learnerSections.values()];
  }

  /** The curriculum, with the learner's topics as lessons of the self-learning phase. */
  get curriculum(): Curriculum {
    return withLearnerLessons(this.baseCurriculum, [...this.learnerSections.values()]);
  }

  /**
   * Makes the saved index hold exactly the notes plus these learner topics: adds what is
   * missing, drops what was deleted. Never rebuilds the index.
   */
  private async reconcileExtra(extra: Section[]): Promise<void> {
    this.learnerSections.clear();
    for (const sec of extra) this.learnerSections.set(sec.id, sec);
    const wanted = chunkSections(extra);
    const wantedIds = new Set(wanted.map((c) => c.id));
    // What the saved index holds beyond the notes (lexical only: nothing was saved).
    const held = this.dense ? this.dense.vectors.ids() : [...this.chunkById.keys()];
    const stale = held.filter((id) => !this.baseIds.has(id) && !wantedIds.has(id));
    await this.applyChanges(wanted, stale);
  }

  /**
   * Adds learner sections to both indexes at once (answerable immediately) and saves the vector
   * index; an index that cannot be saved keeps working in memory (info().notice says so).
   */
  async addSections(sections: Section[]): Promise<Chunk[]> {
    const chunks = chunkSections(sections);
    await this.applyChanges(chunks, []);
    for (const sec of sections) this.learnerSections.set(sec.id, sec);
    return chunks;
  }

  /** Removes sections (e.g. a deleted learner topic); their chunks never come back in results. */
  async removeSections(sectionIds: string[]): Promise<number> {
    const ids = new Set(sectionIds);
    for (const id of ids) this.learnerSections.delete(id);
    const gone = [...this.chunkById.values()]
      .filter((c) => ids.has(c.sectionId) && !this.baseIds.has(c.id))
      .map((c) => c.id);
    await this.applyChanges([], gone);
    return gone.length;
  }

  private async applyChanges(add: Chunk[], removeIds: string[]): Promise<boolean> {
    const dense = this.dense;
    for (const id of removeIds) {
      dense?.vectors.remove(id);
      this.lexical.remove(id);
      this.chunkById.delete(id);
    }
    const fresh = add.filter((c) => !this.chunkById.has(c.id) || (dense !== null && !dense.vectors.has(c.id)));
    if (fresh.length) {
      if (dense) {
        const vecs = await dense.embedder.embed(fresh.map(chunkEmbeddingText));
        fresh.forEach((c, i) => {
          if (!dense.vectors.has(c.id)) dense.vectors.add(c.id, vecs[i]);
        });
        const units = [
          ...new Set(
            answerUnitsOf(
              fresh.map((chunk) => ({ chunk, score: 0 })),
              fresh.length,
            ).map((u) => u.plain),
          ),
        ];
        const uv = await dense.embedder.embed(units);
        units.forEach((u, i) => this.unitVectors.set(u, uv[i]));
      }
      for (const c of fresh) this.chunkById.set(c.id, c);
      this.lexical.add(
        fresh
          .filter((c) => !this.lexical.has(c.id))
          .map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })),
      );
    }
    if (!fresh.length && !removeIds.length) return false;
    this.terms.forget();
    if (dense) {
      this.saveError = await trySaveIndex(this.persist.save, dense.vectors, this.persist.indexDir, {
        modelId: dense.embedder.modelId,
        dims: dense.embedder.dims,
        contentHash: this.persist.indexHash,
      });
    }
    return true;
  }

  info(): EngineInfo {
    const index = {
      ...this.information.index,
      persisted: this.dense !== null && this.saveError === null,
      saveError: this.saveError,
    };
    // The snapshot's save error only when the index's is not shown already (same folder, same cause).
    const unsaved = this.saveError ?? this.information.corpus.saveError;
    const notice = [this.modelProblem, unsaved].filter((n) => n !== null).join(' ') || null;
    return { ...this.information, index, notice, chunks: this.chunkById.size };
  }

  /** The embedder, or an error saying search is lexical only (no model could be opened). */
  private embedderOrThrow(): DenseSide['embedder'] {
    if (!this.dense) throw new EmbedderError(this.modelProblem ?? 'Search is by keywords only: no embedding model.');
    return this.dense.embedder;
  }

  chunk(id: string): Chunk | undefined {
    return this.chunkById.get(id);
  }

  chunks(): Chunk[] {
    return [...this.chunkById.values()];
  }

  async embedQuery(query: string): Promise<Float32Array> {
    const key = query.trim().toLowerCase();
    const hit = this.queryCache.get(key);
    if (hit) return hit;
    const [v] = await this.embedderOrThrow().embed([query]);
    if (this.queryCache.size > 500) this.queryCache.delete(this.queryCache.keys().next().value as string);
    this.queryCache.set(key, v);
    return v;
  }

  /**
   * Semantic similarity of two short texts (0..1), e.g. a learner's answer and the expected one;
   * 0 without an embedder, so grading rests on the key terms alone.
   */
  async similarity(a: string, b: string): Promise<number> {
    if (!this.dense) return 0;
    const [va, vb] = await this.dense.embedder.embed([a, b]);
    let dot = 0;
    for (let i = 0; i < va.length; i++) dot += va[i] * vb[i];
    return Math.max(0, Math.min(1, dot));
  }

  /** Cosine of each answer unit to the question; unit vectors are embedded once and kept. */
  private async unitSimilarity(question: string, plains: string[]): Promise<(plain: string) => number | undefined> {
    if (!this.dense) return () => undefined;
    const missing = [...new Set(plains.filter((p) => !this.unitVectors.has(p)))];
    if (missing.length) {
      const vecs = await this.dense.embedder.embed(missing);
      missing.forEach((p, i) => this.unitVectors.set(p, vecs[i]));
      // Large notes embed units per ask (assemble.ts): keep memory bounded, oldest out first.
      for (const key of this.unitVectors.keys()) {
        if (this.unitVectors.size <= UNIT_VECTORS_MAX) break;
        this.unitVectors.delete(key);
      }
    }
    const qv = await this.embedQuery(question);
    return (plain) => {
      const v = this.unitVectors.get(plain);
      if (!v) return undefined;
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * qv[i];
      return dot;
    };
  }

  /** Exact cosine over every stored vector (a flat copy, made once): the baseline HNSW is measured against. */
  async bruteForceDenseSearch(query: string, k: number): Promise<{ chunkId: string; score: number }[]> {
    const qv = await this.embedQuery(validateQuestion(query));
    const vectors = (this.dense as DenseSide).vectors; // embedQuery threw if there is none
    if (!this.flat || this.flat.ids.length !== vectors.size) {
      const ids = vectors.ids();
      const data = new Float32Array(ids.length * qv.length);
      ids.forEach((id, i) => data.set(vectors.vectorOf(id) ?? new Float32Array(qv.length), i * qv.length));
      this.flat = { ids, data };
    }
    return exactSearchFlat(this.flat.data, qv.length, qv, k).map((h) => ({
      chunkId: this.flat!.ids[h.index],
      score: h.score,
    }));
  }

  async search(
    query: string,
    opts: { k?: number; mode?: SearchMode; fusion?: Partial<FusionParams>; rerank?: boolean } = {},
  ): Promise<SearchHit[]> {
    const FUSION = { ...DEFAULT_FUSION, ...FUSION_BY_KIND[this.dense?.embedder.kind ?? ''], ...opts.fusion };
    const q = validateQuestion(query);
    const k = opts.k ?? 10;
    // Without an embedder every mode is lexical (info().search says so).
    const mode = this.dense ? (opts.mode ?? 'hybrid') : 'lexical';
    const lexical = mode === 'dense' ? [] : this.lexical.search(q, FUSION.depth, { synonyms: this.synonyms });
    const dense =
      mode === 'lexical' || !this.dense ? [] : this.dense.vectors.search(await this.embedQuery(q), FUSION.depth);
    const fused = reciprocalRankFusion(
      [
        { items: dense, weight: FUSION.denseWeight },
        { items: lexical, weight: FUSION.lexicalWeight },
      ],
      FUSION.rrfK,
    );
    const out: SearchHit[] = [];
    for (const f of fused) {
      const chunk = this.chunkById.get(f.chunkId);
      if (!chunk) continue;
      out.push({ chunk, score: f.score, denseRank: f.ranks[0], lexicalRank: f.ranks[1] });
      if (out.length >= k) break;
    }
    if (!opts.rerank) return out;
    return rerankByUnits(q, out, this.terms, await this.unitSimilarity(q, rerankUnits(out)));
  }

  /**
   * Answers from the notes. `preferPhase` nudges ties toward the phase the learner is studying;
   * `topic` is what the conversation is about, used when the question leans on it ("and how is
   * it priced?").
   */
  async ask(question: string, opts: AskOptions = {}): Promise<AskResult> {
    const t0 = performance.now();
    const asked = validateQuestion(question);
    const q = opts.topic ? withTopic(asked, opts.topic) : asked;
    // Reranked by best answer unit: the passage listed first is the one the answer leads with.
    let hits = await this.search(q, { k: 10, rerank: true });
    if (opts.preferPhase) hits = preferPhase(hits, opts.preferPhase);
    const features = assessCoverage(
      q,
      hits.slice(0, 3).map((h) => h.chunk),
      this.coverage,
    );
    const abstained = hits.length === 0 || decideAbstention(features);
    if (abstained) {
      return {
        question: asked,
        abstained: true,
        answer: notCoveredMessage(features),
        citations: [],
        hits,
        abstention: features,
        ms: performance.now() - t0,
      };
    }
    const similarity = await this.unitSimilarity(
      q,
      answerUnitsOf(hits).map((u) => u.plain),
    );
    const composed = composeAnswer(q, hits, this.terms, {
      similarity,
      expansions: expandQuery(q, this.synonyms),
      rarity: this.coverage.rarity,
    });
    return {
      question: asked,
      abstained: false,
      answer: composed.markdown,
      citations: composed.citations,
      hits,
      abstention: features,
      ms: performance.now() - t0,
    };
  }
}

function notCoveredMessage(f: AbstentionFeatures): string {
  const missing = f.unknownTerms.length ? ` (nothing about ${f.unknownTerms.map((t) => `“${t}”`).join(', ')})` : '';
  return `The notes don't cover this${missing}, so I won't guess. You can add it as a self-learned topic and I'll answer from it next time.`;
}
