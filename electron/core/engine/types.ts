// The engine's public shapes (KnowledgeEngine re-exports them).
import type { Citation } from '../answer/composeAnswer';
import type { AbstentionFeatures } from '../answer/abstain';
import type { Chunk, PhaseId, Section } from '../knowledge/types';
import type { CorpusStatus } from './corpus';
import type { SnapshotSaver } from './corpusSnapshot';
import type { EmbedderPreference } from './openEmbedder';
import type { IndexSaver, VectorStoreStatus } from './vectorStore';

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

export interface EngineInfo {
  /** The active embedder; modelId/kind 'none' and dims 0 when search is lexical only. */
  embedder: { modelId: string; kind: string; dims: number; notice: string | null };
  /** 'lexical' when no embedding model could be opened: keyword (BM25) search only. */
  search: 'hybrid' | 'lexical';
  chunks: number;
  sections: number;
  index: VectorStoreStatus;
  /** The notes' sections, chunks, BM25 index and synonyms: loaded from the corpus snapshot or built. */
  corpus: CorpusStatus;
  contentHash: string;
  /** Time spent building the domain model during this open, if it was (re)built. */
  modelBuildMs: number | null;
  /**
   * What the learner should see as a banner when something is degraded: search is lexical only, a
   * model was damaged and replaced, the index cannot be saved. null when all is well.
   */
  notice: string | null;
}

export interface OpenEngineOptions {
  contentDir: string;
  dataDir: string;
  modelsRoot: string;
  tokenizerDir: string;
  embedder?: EmbedderPreference;
  rebuild?: boolean;
  /** Use the installed domain model even if learned from other notes; never build it (benchmarks). */
  reuseDomainModel?: boolean;
  /** Topics the learner added (kept in their data folder); indexed on top of the notes. */
  extraSections?: Section[];
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Wall time of each stage of open (content, model, embed, hnsw, lexical…), for benchmarks. */
  onStage?: (stage: string, ms: number) => void;
  /** How the vector index is written (tests inject a failing one to simulate a full disk). */
  saveIndex?: IndexSaver;
  /** How the corpus snapshot is written (tests inject a failing one). */
  saveSnapshot?: SnapshotSaver;
}

export interface FusionParams {
  denseWeight: number;
  lexicalWeight: number;
  depth: number;
  rrfK: number;
}
