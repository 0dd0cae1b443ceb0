// Everything KnowledgeEngine.open puts together before the engine exists: the notes, the embedder
// (or none: then search is lexical only), the vector index (loaded, or rebuilt and saved when it
// can be), the answer-unit vectors and the lexical side.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CommonWords } from '../answer/lexicon';
import { answerUnitsOf } from '../answer/composeAnswer';
import { chunkEmbeddingText } from '../knowledge/chunkNotes';
import type { Curriculum } from '../knowledge/loadContent';
import type { Chunk, Section } from '../knowledge/types';
import type { Embedder } from '../retrieval/embedder';
import { EmbeddingCache } from '../retrieval/embeddingCache';
import type { LexicalIndex } from '../retrieval/lexicalIndex';
import type { SynonymMap } from '../retrieval/synonyms';
import type { HnswVectorIndex } from '../retrieval/vectorIndex';
import { loadCorpus } from './corpus';
import { openEmbedder, type OpenedEmbedder } from './openEmbedder';
import type { EngineInfo, OpenEngineOptions } from './types';
import {
  indexDirFor,
  loadOrBuildVectors,
  saveIndexToDisk,
  type IndexSaver,
  type VectorStoreStatus,
} from './vectorStore';

/** The embedder and its vector index; absent when no model could be opened. */
export interface DenseSide {
  embedder: Embedder;
  vectors: HnswVectorIndex;
}

export interface EngineParts {
  curriculum: Curriculum;
  sections: Section[];
  chunks: Chunk[];
  dense: DenseSide | null;
  lexical: LexicalIndex;
  synonyms: SynonymMap;
  commonWords: CommonWords;
  info: EngineInfo;
  unitVectors: Map<string, Float32Array>;
  /** Why the dense side is missing or degraded (shown in info().notice). */
  modelProblem: string | null;
  persist: { indexDir: string; indexHash: string; save: IndexSaver };
}

/** Up to this many chunks (~20k answer units, seconds to embed) their units are embedded at open. */
export const EAGER_UNITS_MAX_CHUNKS = 5_000;

async function embedAnswerUnits(
  dataDir: string,
  embedder: Embedder,
  chunks: Chunk[],
  into: Map<string, Float32Array>,
  progress: (stage: string, done: number, total: number) => void,
): Promise<void> {
  progress('answer units', 0, 1);
  const units = answerUnitsOf(
    chunks.map((chunk) => ({ chunk, score: 0 })),
    chunks.length,
  );
  const texts = [...new Set(units.map((u) => u.plain))];
  const cache = await EmbeddingCache.open(join(dataDir, 'cache'), embedder.modelId, embedder.dims);
  const vecs = await cache.embedAll(embedder, texts, (d, t) => progress('answer units', d, t));
  await cache.save().catch(() => undefined); // only an optimisation
  texts.forEach((t, i) => into.set(t, vecs[i]));
}

/** Times a stage of open for `onStage` (benchmarks); a no-op wrapper otherwise. */
export function stageTimer(onStage?: (stage: string, ms: number) => void) {
  return async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    onStage?.(stage, performance.now() - t0);
    return value;
  };
}

export async function assembleEngine(opts: OpenEngineOptions): Promise<EngineParts> {
  const progress = opts.onProgress ?? (() => undefined);
  const stage = stageTimer(opts.onStage);
  progress('content', 0, 1);
  // From the corpus snapshot when the notes have not changed (no parsing, chunking, BM25, mining).
  const { corpus, status: corpusStatus } = await loadCorpus(
    { contentDir: opts.contentDir, dataDir: opts.dataDir, rebuild: opts.rebuild, save: opts.saveSnapshot },
    stage,
  );
  const { sections, curriculum, contentHash, chunks, lexical, synonyms } = corpus;
  const texts = await stage('embedding texts', () => chunks.map(chunkEmbeddingText));
  progress('content', 1, 1);

  const tModel = performance.now();
  let opened: OpenedEmbedder | null = null;
  let modelProblem: string | null = null;
  try {
    opened = await openEmbedder({
      modelsRoot: opts.modelsRoot,
      prefer: opts.embedder,
      documents: texts,
      tokenizerDir: opts.tokenizerDir,
      fallbackModelsRoot: join(opts.dataDir, 'models'),
      reuseDomainModel: opts.reuseDomainModel,
      onProgress: (stage, f) => progress(`model:${stage}`, Math.round(f * 100), 100),
    });
    modelProblem = opened.problem;
  } catch (e) {
    // Asked for MiniLM by name: say it is missing (the CLI exits 3). Otherwise keep answering.
    if (opts.embedder === 'minilm') throw e;
    modelProblem = `Search is by keywords only: ${e instanceof Error ? e.message : String(e)}. Reinstall the app (or run "npm run models") to restore meaning-based search.`;
  }
  const modelBuildMs = opened?.builtNow ? performance.now() - tModel : null;
  opts.onStage?.('model', performance.now() - tModel);
  // The index must change when the chunks or the embedder change.
  const indexHash = createHash('sha256')
    .update(contentHash)
    .update(chunks.map((c) => c.id).join(','))
    .digest('hex');
  const save = opts.saveIndex ?? saveIndexToDisk;
  const unitVectors = new Map<string, Float32Array>();
  let dense: DenseSide | null = null;
  let status: VectorStoreStatus = {
    origin: 'built',
    rebuildReason: modelProblem,
    persisted: false,
    saveError: null,
    ms: 0,
  };
  if (opened) {
    const embedder = opened.embedder;
    const built = await loadOrBuildVectors({
      dataDir: opts.dataDir,
      embedder,
      items: chunks.map((c, i) => ({ id: c.id, text: texts[i] })),
      contentHash: indexHash,
      rebuild: opts.rebuild || opened.builtNow,
      onProgress: progress,
      onStage: opts.onStage,
      save,
    });
    dense = { embedder, vectors: built.index };
    status = built.status;
    // Answer units are embedded up front (and cached on disk) so asking never waits on the embedder
    // for more than the question itself; past EAGER_UNITS_MAX_CHUNKS that would cost more than
    // it saves (minutes and ~1 GB at 100k chunks), so each ask embeds its top hits' units instead.
    if (chunks.length <= EAGER_UNITS_MAX_CHUNKS) {
      await stage('answer units', () => embedAnswerUnits(opts.dataDir, embedder, chunks, unitVectors, progress));
    }
  }
  const info: EngineInfo = {
    embedder: opened
      ? {
          modelId: opened.embedder.modelId,
          kind: opened.embedder.kind,
          dims: opened.embedder.dims,
          notice: opened.notice,
        }
      : { modelId: 'none', kind: 'none', dims: 0, notice: modelProblem },
    search: opened ? 'hybrid' : 'lexical',
    chunks: chunks.length,
    sections: sections.length,
    index: status,
    corpus: corpusStatus,
    contentHash,
    modelBuildMs,
    notice: null,
  };
  return {
    curriculum,
    sections,
    chunks,
    dense,
    lexical,
    synonyms,
    commonWords: await stage('common words', () => CommonWords.fromTokenizerDir(opts.tokenizerDir)),
    info,
    unitVectors,
    modelProblem,
    persist: { indexDir: indexDirFor(opts.dataDir, dense?.embedder.modelId ?? 'none'), indexHash, save },
  };
}
