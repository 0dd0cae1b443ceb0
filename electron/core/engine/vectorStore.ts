import { join } from 'node:path';
import { HnswVectorIndex } from '../retrieval/vectorIndex';
import { EmbeddingCache } from '../retrieval/embeddingCache';
import type { Embedder } from '../retrieval/embedder';

export interface IndexedText {
  id: string;
  /** The text the embedder sees (headings + body). */
  text: string;
}

export interface VectorStoreStatus {
  /** How the index came to be this time, for the CLI/app to say so. */
  origin: 'loaded' | 'built';
  /** Why a saved index was not used (missing, other model, corrupt…), null when loaded. */
  rebuildReason: string | null;
  ms: number;
}

export type ProgressFn = (stage: string, done: number, total: number) => void;

function safeName(modelId: string): string {
  return modelId.replace(/[^a-zA-Z0-9._-]+/g, '_');
}

export function indexDirFor(dataDir: string, modelId: string): string {
  return join(dataDir, 'index', safeName(modelId));
}

/**
 * Loads the saved HNSW index when its manifest matches (model, dims, content hash); otherwise
 * embeds (through the cache) and rebuilds it, then saves it atomically.
 */
export async function loadOrBuildVectors(opts: {
  dataDir: string;
  embedder: Embedder;
  items: IndexedText[];
  contentHash: string;
  rebuild?: boolean;
  onProgress?: ProgressFn;
}): Promise<{ index: HnswVectorIndex; status: VectorStoreStatus }> {
  const t0 = performance.now();
  const dir = indexDirFor(opts.dataDir, opts.embedder.modelId);
  let rebuildReason = 'rebuild requested';
  if (!opts.rebuild) {
    const loaded = HnswVectorIndex.load(dir, {
      modelId: opts.embedder.modelId,
      dims: opts.embedder.dims,
      contentHash: opts.contentHash,
    });
    if (loaded.ok) {
      return { index: loaded.index, status: { origin: 'loaded', rebuildReason: null, ms: performance.now() - t0 } };
    }
    rebuildReason = `${loaded.reason}: ${loaded.message}`;
  }
  const cache = await EmbeddingCache.open(join(opts.dataDir, 'cache'), opts.embedder.modelId, opts.embedder.dims);
  const vectors = await cache.embedAll(
    opts.embedder,
    opts.items.map((i) => i.text),
    (done, total) => opts.onProgress?.('embedding', done, total),
  );
  await cache.save();
  const index = HnswVectorIndex.create({ dims: opts.embedder.dims, capacity: Math.max(1024, opts.items.length * 2) });
  opts.items.forEach((item, i) => index.add(item.id, vectors[i]));
  opts.onProgress?.('saving', 0, 1);
  await index.save(dir, { modelId: opts.embedder.modelId, dims: opts.embedder.dims, contentHash: opts.contentHash });
  opts.onProgress?.('saving', 1, 1);
  return { index, status: { origin: 'built', rebuildReason, ms: performance.now() - t0 } };
}
