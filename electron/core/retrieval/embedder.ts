import { env, pipeline } from '@xenova/transformers';

/** Turns texts into unit-length vectors; one implementation per model, same contract for all. */
export interface Embedder {
  readonly modelId: string;
  readonly dims: number;
  /** Human-readable kind shown by the CLI and the app ("which embedder is active"). */
  readonly kind: EmbedderKind;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export type EmbedderKind = 'minilm' | 'static-domain';

export class EmbedderError extends Error {
  override name = 'EmbedderError';
}

interface PooledTensor {
  dims: number[];
  data: Float32Array;
}
interface RawTensor {
  dims: number[];
  data: ArrayLike<number | bigint>;
}
type FeatureExtractor = ((
  texts: string | string[],
  opts: { pooling: 'mean'; normalize: boolean },
) => Promise<PooledTensor>) & {
  // The pipeline's own parts, used to pool on plain typed arrays (see meanPoolNormalize).
  tokenizer?: (texts: string[], opts: { padding: boolean; truncation: boolean }) => { attention_mask: RawTensor };
  model?: (inputs: unknown) => Promise<{ last_hidden_state?: RawTensor }>;
};

/**
 * transformers.js's mean_pooling + normalize(2, -1), same arithmetic in the same order (so the
 * vectors are bit-identical), but on the raw typed arrays: its version reads every element
 * through a Proxy getter and was ~80 % of indexing time (4 ms per chunk with the static model).
 */
export function meanPoolNormalize(hidden: RawTensor, mask: RawTensor): Float32Array[] {
  const [batch, seq, dims] = hidden.dims;
  const data = hidden.data as Float32Array;
  const m = mask.data;
  const out: Float32Array[] = [];
  const sum = new Float64Array(dims);
  for (let i = 0; i < batch; i++) {
    sum.fill(0);
    let count = 0;
    for (let j = 0; j < seq; j++) {
      const attn = Number(m[i * seq + j]);
      count += attn;
      if (attn === 0) continue; // padding: adds exactly 0 to every sum
      const row = (i * seq + j) * dims;
      for (let k = 0; k < dims; k++) sum[k] += data[row + k] * attn;
    }
    const v = new Float32Array(dims);
    for (let k = 0; k < dims; k++) v[k] = sum[k] / count;
    // Tensor.norm accumulates in the tensor's own float32 storage.
    const acc = new Float32Array(1);
    for (let k = 0; k < dims; k++) acc[0] += v[k] ** 2;
    acc[0] = acc[0] ** (1 / 2);
    for (let k = 0; k < dims; k++) v[k] /= acc[0];
    out.push(v);
  }
  return out;
}

/** transformers.js reads a process-wide env; point it at our model folder and forbid the network. */
export function configureTransformersEnv(modelsRoot: string): void {
  env.localModelPath = modelsRoot.endsWith('/') ? modelsRoot : modelsRoot + '/';
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  // otherwise a copy in transformers' own cache folder could shadow a freshly built model
  env.useFSCache = false;
}

const BATCH = 32;

/**
 * Any feature-extraction model in transformers.js layout, MiniLM or the built domain model:
 * both go through the same pipeline with mean pooling and normalisation.
 */
export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly modelId: string,
    readonly dims: number,
    readonly kind: EmbedderKind,
    private readonly extractor: FeatureExtractor,
  ) {}

  static async load(opts: {
    modelsRoot: string;
    modelId: string;
    kind: EmbedderKind;
    quantized?: boolean;
  }): Promise<TransformersEmbedder> {
    configureTransformersEnv(opts.modelsRoot);
    let extractor: FeatureExtractor;
    try {
      extractor = (await pipeline('feature-extraction', opts.modelId, {
        quantized: opts.quantized ?? true,
        local_files_only: true,
      })) as unknown as FeatureExtractor;
    } catch (err) {
      throw new EmbedderError(
        `Could not load embedding model ${opts.modelId} from ${opts.modelsRoot}: ${(err as Error).message}. Run "npm run models".`,
      );
    }
    const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
    const dims = probe.dims[probe.dims.length - 1];
    return new TransformersEmbedder(opts.modelId, dims, opts.kind, extractor);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    // Batches of similar length: a batch is padded to its longest text, and padding is wasted
    // model and pooling work (a quarter of indexing time). Each row is still pooled over its own
    // tokens only; results come back in input order.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
    const out: Float32Array[] = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += BATCH) {
      const idx = order.slice(i, i + BATCH);
      const vecs = await this.embedBatch(idx.map((j) => texts[j]));
      idx.forEach((j, r) => (out[j] = vecs[r]));
    }
    return out;
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    const { tokenizer, model } = this.extractor;
    if (tokenizer && model) {
      const inputs = tokenizer(batch, { padding: true, truncation: true });
      const hidden = (await model(inputs)).last_hidden_state;
      if (hidden && hidden.dims.length === 3 && hidden.dims[2] === this.dims)
        return meanPoolNormalize(hidden, inputs.attention_mask);
    }
    const t = await this.extractor(batch, { pooling: 'mean', normalize: true });
    // copy: the tensor's buffer is reused/garbage-collected with the tensor
    return batch.map((_, r) => Float32Array.from(t.data.subarray(r * this.dims, (r + 1) * this.dims)));
  }
}
