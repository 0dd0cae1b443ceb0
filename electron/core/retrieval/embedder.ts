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
type FeatureExtractor = (
  texts: string | string[],
  opts: { pooling: 'mean'; normalize: boolean },
) => Promise<PooledTensor>;

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
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH);
      const t = await this.extractor(batch, { pooling: 'mean', normalize: true });
      for (let r = 0; r < batch.length; r++) {
        // copy: the tensor's buffer is reused/garbage-collected with the tensor
        out.push(Float32Array.from(t.data.subarray(r * this.dims, (r + 1) * this.dims)));
      }
    }
    return out;
  }
}
