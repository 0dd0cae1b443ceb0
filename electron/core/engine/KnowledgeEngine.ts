import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EmbeddingCache } from '../retrieval/embeddingCache';
import { exactSearchFlat } from '../retrieval/exactSearch';
import { loadContent, type Curriculum } from '../knowledge/loadContent';
import { withLearnerLessons } from '../knowledge/curriculum';
import { chunkSections, chunkEmbeddingText } from '../knowledge/chunkNotes';
import type { Chunk, PhaseId, Section } from '../knowledge/types';
import type { Embedder } from '../retrieval/embedder';
import type { HnswVectorIndex } from '../retrieval/vectorIndex';
import { LexicalIndex } from '../retrieval/lexicalIndex';
import { buildSynonyms, expandQuery, type SynonymMap } from '../retrieval/synonyms';
import { reciprocalRankFusion } from '../retrieval/fusion';
import { answerUnitsOf, composeAnswer, type Citation, type TermModel } from '../answer/composeAnswer';
import { assessCoverage, decideAbstention, type AbstentionFeatures, type CoverageContext } from '../answer/abstain';
import { CommonWords } from '../answer/lexicon';
import { PhraseIndex } from './phraseIndex';
import { openEmbedder, type EmbedderPreference } from './openEmbedder';
import { indexDirFor, loadOrBuildVectors, type VectorStoreStatus } from './vectorStore';
import { termModelOf } from './termModel';
import { validateQuestion } from './validateQuestion';

export type SearchMode = 'hybrid' | 'dense' | 'lexical';

export interface SearchHit {
  chunk: Chunk;
  score: number;
  denseRank: number | null;
  lexicalRank: number | null;
}

export interface AskResult {
  question: string;
  abstained: boolean;
  /** Markdown: the grounded answer, or the honest "the notes don't cover this". */
  answer: string;
  citations: Citation[];
  hits: SearchHit[];
  abstention: AbstentionFeatures;
  ms: number;
}

export interface AskOptions {
  preferPhase?: PhaseId;
  topic?: string;
}

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

export interface EngineInfo {
  embedder: { modelId: string; kind: string; dims: number; notice: string | null };
  chunks: number;
  sections: number;
  index: VectorStoreStatus;
  contentHash: string;
  /** Time spent building the domain model during this open, if it was (re)built. */
  modelBuildMs: number | null;
}

export interface OpenEngineOptions {
  contentDir: string;
  dataDir: string;
  modelsRoot: string;
  tokenizerDir: string;
  embedder?: EmbedderPreference;
  rebuild?: boolean;
  /** Topics the learner added (kept in their data folder); indexed on top of the notes. */
  extraSections?: Section[];
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface FusionParams {
  denseWeight: number;
  lexicalWeight: number;
  depth: number;
  rrfK: number;
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
  private readonly unitVectors = new Map<string, Float32Array>();
  private flat: { ids: string[]; data: Float32Array } | null = null;
  private readonly terms: TermModel & { forget(): void };
  private readonly coverage: CoverageContext;
  private readonly phrases = new PhraseIndex();

  private constructor(
    private readonly baseCurriculum: Curriculum,
    private readonly baseSections: Section[],
    chunks: Chunk[],
    private readonly embedder: Embedder,
    private readonly vectors: HnswVectorIndex,
    private readonly lexical: LexicalIndex,
    private readonly synonyms: SynonymMap,
    private readonly information: EngineInfo,
    commonWords: CommonWords,
    private readonly persist: { indexDir: string; indexHash: string },
  ) {
    for (const c of chunks) {
      this.chunkById.set(c.id, c);
      this.baseIds.add(c.id);
    }
    this.phrases.add(chunks.map((c) => `${c.headingPath.join('\n')}\n${c.text}`));
    this.terms = termModelOf(lexical);
    this.coverage = {
      terms: this.terms,
      rarity: (w) => commonWords.rarity(w),
      hasPhrase: (p) => this.phrases.has(p),
    };
  }

  static async open(opts: OpenEngineOptions): Promise<KnowledgeEngine> {
    const progress = opts.onProgress ?? (() => undefined);
    progress('content', 0, 1);
    const { sections, curriculum, contentHash } = await loadContent(opts.contentDir);
    const chunks = chunkSections(sections);
    const texts = chunks.map(chunkEmbeddingText);
    progress('content', 1, 1);

    const tModel = performance.now();
    const opened = await openEmbedder({
      modelsRoot: opts.modelsRoot,
      prefer: opts.embedder,
      documents: texts,
      tokenizerDir: opts.tokenizerDir,
      onProgress: (stage, f) => progress(`model:${stage}`, Math.round(f * 100), 100),
    });
    const embedder = opened.embedder;
    const modelBuildMs = opened.builtNow ? performance.now() - tModel : null;
    // The index must change when the chunks or the embedder change.
    const indexHash = createHash('sha256')
      .update(contentHash)
      .update(chunks.map((c) => c.id).join(','))
      .digest('hex');
    const { index, status } = await loadOrBuildVectors({
      dataDir: opts.dataDir,
      embedder,
      items: chunks.map((c, i) => ({ id: c.id, text: texts[i] })),
      contentHash: indexHash,
      rebuild: opts.rebuild || opened.builtNow,
      onProgress: progress,
    });
    // Answer units are embedded up front (and cached on disk) so asking never waits on the embedder
    // for more than the question itself.
    progress('answer units', 0, 1);
    const unitTexts = [
      ...new Set(
        answerUnitsOf(
          chunks.map((chunk) => ({ chunk, score: 0 })),
          chunks.length,
        ).map((u) => u.plain),
      ),
    ];
    const unitCache = await EmbeddingCache.open(join(opts.dataDir, 'cache'), embedder.modelId, embedder.dims);
    const unitVecs = await unitCache.embedAll(embedder, unitTexts, (d, t) => progress('answer units', d, t));
    await unitCache.save();
    const lexical = new LexicalIndex();
    lexical.add(chunks.map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })));
    const synonyms = buildSynonyms(chunks.map((c) => `${c.headingPath.join('\n')}\n${c.text}`));
    const info: EngineInfo = {
      embedder: { modelId: embedder.modelId, kind: embedder.kind, dims: embedder.dims, notice: opened.notice },
      chunks: chunks.length,
      sections: sections.length,
      index: status,
      contentHash,
      modelBuildMs,
    };
    const commonWords = CommonWords.fromTokenizerDir(opts.tokenizerDir);
    const engine = new KnowledgeEngine(
      curriculum,
      sections,
      chunks,
      embedder,
      index,
      lexical,
      synonyms,
      info,
      commonWords,
      {
        indexDir: indexDirFor(opts.dataDir, embedder.modelId),
        indexHash,
      },
    );
    unitTexts.forEach((t, i) => engine.unitVectors.set(t, unitVecs[i]));
    await engine.reconcileExtra(opts.extraSections ?? []);
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
    const stale = this.vectors.ids().filter((id) => !this.baseIds.has(id) && !wantedIds.has(id));
    await this.applyChanges(wanted, stale);
  }

  /** Adds learner sections to both indexes at once (answerable immediately) and saves the vector index. */
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
    for (const id of removeIds) {
      this.vectors.remove(id);
      this.lexical.remove(id);
      this.chunkById.delete(id);
    }
    const fresh = add.filter((c) => !this.vectors.has(c.id) || !this.chunkById.has(c.id));
    if (fresh.length) {
      const vecs = await this.embedder.embed(fresh.map(chunkEmbeddingText));
      fresh.forEach((c, i) => {
        if (!this.vectors.has(c.id)) this.vectors.add(c.id, vecs[i]);
        this.chunkById.set(c.id, c);
      });
      this.lexical.add(
        fresh
          .filter((c) => !this.lexical.has(c.id))
          .map((c) => ({ id: c.id, text: c.text, headingPath: c.headingPath })),
      );
      this.phrases.add(fresh.map((c) => `${c.headingPath.join('\n')}\n${c.text}`));
      const units = [
        ...new Set(
          answerUnitsOf(
            fresh.map((chunk) => ({ chunk, score: 0 })),
            fresh.length,
          ).map((u) => u.plain),
        ),
      ];
      const uv = await this.embedder.embed(units);
      units.forEach((u, i) => this.unitVectors.set(u, uv[i]));
    }
    if (!fresh.length && !removeIds.length) return false;
    this.terms.forget();
    await this.vectors.save(this.persist.indexDir, {
      modelId: this.embedder.modelId,
      dims: this.embedder.dims,
      contentHash: this.persist.indexHash,
    });
    return true;
  }

  info(): EngineInfo {
    return { ...this.information, chunks: this.chunkById.size };
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
    const [v] = await this.embedder.embed([query]);
    if (this.queryCache.size > 500) this.queryCache.delete(this.queryCache.keys().next().value as string);
    this.queryCache.set(key, v);
    return v;
  }

  /** Semantic similarity of two short texts (0..1), e.g. a learner's answer and the expected one. */
  async similarity(a: string, b: string): Promise<number> {
    const [va, vb] = await this.embedder.embed([a, b]);
    let dot = 0;
    for (let i = 0; i < va.length; i++) dot += va[i] * vb[i];
    return Math.max(0, Math.min(1, dot));
  }

  /** Cosine of each answer unit to the question; unit vectors are embedded once and kept. */
  private async unitSimilarity(question: string, plains: string[]): Promise<(plain: string) => number | undefined> {
    const missing = [...new Set(plains.filter((p) => !this.unitVectors.has(p)))];
    if (missing.length) {
      const vecs = await this.embedder.embed(missing);
      missing.forEach((p, i) => this.unitVectors.set(p, vecs[i]));
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
    if (!this.flat || this.flat.ids.length !== this.vectors.size) {
      const ids = this.vectors.ids();
      const data = new Float32Array(ids.length * qv.length);
      ids.forEach((id, i) => data.set(this.vectors.vectorOf(id) ?? new Float32Array(qv.length), i * qv.length));
      this.flat = { ids, data };
    }
    return exactSearchFlat(this.flat.data, qv.length, qv, k).map((h) => ({
      chunkId: this.flat!.ids[h.index],
      score: h.score,
    }));
  }

  async search(
    query: string,
    opts: { k?: number; mode?: SearchMode; fusion?: Partial<FusionParams> } = {},
  ): Promise<SearchHit[]> {
    const FUSION = { ...DEFAULT_FUSION, ...FUSION_BY_KIND[this.embedder.kind], ...opts.fusion };
    const q = validateQuestion(query);
    const k = opts.k ?? 10;
    const mode = opts.mode ?? 'hybrid';
    const lexical = mode === 'dense' ? [] : this.lexical.search(q, FUSION.depth, { synonyms: this.synonyms });
    const dense = mode === 'lexical' ? [] : this.vectors.search(await this.embedQuery(q), FUSION.depth);
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
    return out;
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
    let hits = await this.search(q, { k: 10 });
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
    const composed = composeAnswer(q, hits, this.terms, { similarity, expansions: expandQuery(q, this.synonyms) });
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
