import { join } from 'node:path';
import { HnswVectorIndex, type SaveMeta } from '../retrieval/vectorIndex';
import { EmbeddingCache } from '../retrieval/embeddingCache';
import type { Embedder } from '../retrieval/embedder';
import { describeWriteFailure } from '../util/fsErrors';

export interface IndexedText {
  id: string;
  /** The text the embedder sees (headings + body). */
  text: string;
}

export interface VectorStoreStatus {
  /**
   * How the index came to be this time. Without an embedder (search is lexical only) there is no
   * vector index: 'built' with persisted false, and rebuildReason says why.
   */
  origin: 'loaded' | 'built';
  /** Why a saved index was not used (missing, other model, corrupt…), null when loaded. */
  rebuildReason: string | null;
  /** False when the index could not be saved (read-only folder, disk full): it lives in memory. */
  persisted: boolean;
  /** Why the last save failed, for the learner; null when saved. */
  saveError: string | null;
  ms: number;
}

export type ProgressFn = (stage: string, done: number, total: number) => void;

/** Writes the index to its folder; injected by tests to simulate a full disk. */
export type IndexSaver = (index: HnswVectorIndex, dir: string, meta: SaveMeta) => Promise<unknown>;
export const saveIndexToDisk: IndexSaver = (index, dir, meta) => index.save(dir, meta);

function safeName(modelId: string): string {
  return modelId.replace(/[^a-zA-Z0-9._-]+/g, '_');
}

export function indexDirFor(dataDir: string, modelId: string): string {
  return join(dataDir, 'index', safeName(modelId));
}

/** Saves the index; a failure is returned as a sentence, never thrown: the index still works in memory. */
export async function trySaveIndex(
  save: IndexSaver,
  index: HnswVectorIndex,
  dir: string,
  meta: SaveMeta,
): Promise<string | null> {
  try {
    await save(index, dir, meta);
    return null;
  } catch (e) {
    return `The search index could not be saved to ${dir} (${describeWriteFailure(e).reason}); it works for this session and is rebuilt at the next start.`;
  }
}

/**
 * Loads the saved HNSW index when its manifest matches (model, dims, content hash); otherwise
 * embeds (through the cache) and rebuilds it, then saves it atomically. A rebuild that cannot be
 * saved (read-only folder, full disk) is still used, in memory, and the status says so.
 */
export async function loadOrBuildVectors(opts: {
  dataDir: string;
  embedder: Embedder;
  items: IndexedText[];
  contentHash: string;
  rebuild?: boolean;
  onProgress?: ProgressFn;
  onStage?: (stage: string, ms: number) => void;
  save?: IndexSaver;
}): Promise<{ index: HnswVectorIndex; status: VectorStoreStatus }> {
  const t0 = performance.now();
  let t = t0;
  // Time since the previous lap, reported as `stage` (benchmarks' breakdown of open).
  const lap = (stage: string): void => {
    const now = performance.now();
    opts.onStage?.(stage, now - t);
    t = now;
  };
  const dir = indexDirFor(opts.dataDir, opts.embedder.modelId);
  let rebuildReason = 'rebuild requested';
  if (!opts.rebuild) {
    const loaded = HnswVectorIndex.load(dir, {
      modelId: opts.embedder.modelId,
      dims: opts.embedder.dims,
      contentHash: opts.contentHash,
    });
    lap('index load');
    if (loaded.ok) {
      return {
        index: loaded.index,
        status: { origin: 'loaded', rebuildReason: null, persisted: true, saveError: null, ms: performance.now() - t0 },
      };
    }
    rebuildReason = `${loaded.reason}: ${loaded.message}`;
  }
  const cache = await EmbeddingCache.open(join(opts.dataDir, 'cache'), opts.embedder.modelId, opts.embedder.dims);
  const vectors = await cache.embedAll(
    opts.embedder,
    opts.items.map((i) => i.text),
    (done, total) => opts.onProgress?.('embedding', done, total),
  );
  await cache.save().catch(() => undefined); // only an optimisation
  lap('embed chunks');
  const index = HnswVectorIndex.create({ dims: opts.embedder.dims, capacity: Math.max(1024, opts.items.length * 2) });
  opts.items.forEach((item, i) => index.add(item.id, vectors[i]));
  lap('hnsw build');
  opts.onProgress?.('saving', 0, 1);
  const saveError = await trySaveIndex(opts.save ?? saveIndexToDisk, index, dir, {
    modelId: opts.embedder.modelId,
    dims: opts.embedder.dims,
    contentHash: opts.contentHash,
  });
  opts.onProgress?.('saving', 1, 1);
  lap('index save');
  return {
    index,
    status: { origin: 'built', rebuildReason, persisted: saveError === null, saveError, ms: performance.now() - t0 },
  };
}
