import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { atomicWriteFile } from '../util/atomicWrite';
import type { Embedder } from './embedder';

const MAGIC = 'NIMBUSEMB1';

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Embeddings keyed by (model id, text hash), persisted per model, so rebuilding an index or
 * changing a few sections only embeds what is new.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    readonly modelId: string,
    readonly dims: number,
  ) {}

  static fileFor(dir: string, modelId: string): string {
    return join(dir, `embeddings-${modelId.replace(/[^a-zA-Z0-9._-]+/g, '_')}.bin`);
  }

  /** A missing or unreadable cache is just empty: it is an optimisation, never a source of truth. */
  static async open(dir: string, modelId: string, dims: number): Promise<EmbeddingCache> {
    const cache = new EmbeddingCache(EmbeddingCache.fileFor(dir, modelId), modelId, dims);
    try {
      cache.decode(await readFile(cache.file));
    } catch {
      cache.vectors.clear();
    }
    return cache;
  }

  get size(): number {
    return this.vectors.size;
  }

  /** Embeds only the texts not cached yet, in batches, and returns vectors in input order. */
  async embedAll(
    embedder: Embedder,
    texts: string[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Float32Array[]> {
    const keys = texts.map(textHash);
    const todo = [...new Set(keys.map((k, i) => (this.vectors.has(k) ? -1 : i)).filter((i) => i >= 0))];
    const step = 256; // also the embedder's length-sorting window
    onProgress?.(texts.length - todo.length, texts.length);
    for (let i = 0; i < todo.length; i += step) {
      const idx = todo.slice(i, i + step);
      const vecs = await embedder.embed(idx.map((j) => texts[j]));
      idx.forEach((j, n) => this.vectors.set(keys[j], vecs[n]));
      this.dirty = true;
      onProgress?.(texts.length - todo.length + Math.min(i + step, todo.length), texts.length);
    }
    return keys.map((k) => this.vectors.get(k) as Float32Array);
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await atomicWriteFile(this.file, this.encode());
    this.dirty = false;
  }

  private encode(): Buffer {
    const keys = [...this.vectors.keys()];
    const header = Buffer.from(JSON.stringify({ modelId: this.modelId, dims: this.dims, keys }));
    const body = Buffer.alloc(keys.length * this.dims * 4);
    keys.forEach((k, i) => {
      const v = this.vectors.get(k) as Float32Array;
      Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(body, i * this.dims * 4);
    });
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    return Buffer.concat([Buffer.from(MAGIC), len, header, body]);
  }

  private decode(buf: Buffer): void {
    if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('bad magic');
    const len = buf.readUInt32LE(MAGIC.length);
    const start = MAGIC.length + 4;
    const header = JSON.parse(buf.subarray(start, start + len).toString()) as {
      modelId: string;
      dims: number;
      keys: string[];
    };
    if (header.modelId !== this.modelId || header.dims !== this.dims) throw new Error('other model');
    const body = buf.subarray(start + len);
    if (body.length !== header.keys.length * this.dims * 4) throw new Error('truncated');
    header.keys.forEach((k, i) => {
      const bytes = body.subarray(i * this.dims * 4, (i + 1) * this.dims * 4);
      this.vectors.set(k, new Float32Array(Uint8Array.from(bytes).buffer));
    });
  }
}
