import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TransformersEmbedder, EmbedderError, type Embedder } from '../retrieval/embedder';
import {
  DOMAIN_MODEL_ID,
  buildDomainStaticModel,
  isDomainModelCurrent,
  hashDocuments,
} from '../models/staticModel/index';

export const MINILM_ID = 'Xenova/all-MiniLM-L6-v2';
// The quantized MiniLM graph the default pipeline loads; its exact size marks a complete install.
const MINILM_WEIGHTS = { path: 'onnx/model_quantized.onnx', size: 22972370 };

export type EmbedderPreference = 'auto' | 'minilm' | 'static';

export interface OpenEmbedderOptions {
  modelsRoot: string;
  prefer?: EmbedderPreference;
  /** Texts the domain model is learned from (the notes' chunks); it is rebuilt when they change. */
  documents: string[];
  tokenizerDir: string;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface OpenedEmbedder {
  embedder: Embedder;
  /** Shown to the learner: why this embedder and not the better one. */
  notice: string | null;
  builtNow: boolean;
}

export function isMiniLmInstalled(modelsRoot: string): boolean {
  const f = join(modelsRoot, MINILM_ID, MINILM_WEIGHTS.path);
  return existsSync(f) && statSync(f).size === MINILM_WEIGHTS.size;
}

/**
 * MiniLM when its weights are installed; otherwise the domain static model built from the notes
 * (built on the spot if missing or stale: it takes seconds and needs no network).
 */
export async function openEmbedder(opts: OpenEmbedderOptions): Promise<OpenedEmbedder> {
  const prefer = opts.prefer ?? 'auto';
  const haveMiniLm = isMiniLmInstalled(opts.modelsRoot);
  if (prefer === 'minilm' && !haveMiniLm) {
    throw new EmbedderError(
      `The MiniLM embedder is not installed in ${opts.modelsRoot}. Install it with "npm run models -- --hub" (online) or MODELS_DIR=<folder> npm run models.`,
    );
  }
  if (haveMiniLm && prefer !== 'static') {
    const embedder = await TransformersEmbedder.load({
      modelsRoot: opts.modelsRoot,
      modelId: MINILM_ID,
      kind: 'minilm',
    });
    return { embedder, notice: null, builtNow: false };
  }
  let builtNow = false;
  if (!(await isDomainModelCurrent(opts.modelsRoot, hashDocuments(opts.documents)))) {
    await buildDomainStaticModel({
      modelsRoot: opts.modelsRoot,
      documents: opts.documents,
      tokenizerDir: opts.tokenizerDir,
      onProgress: opts.onProgress,
    });
    builtNow = true;
  }
  const embedder = await TransformersEmbedder.load({
    modelsRoot: opts.modelsRoot,
    modelId: DOMAIN_MODEL_ID,
    kind: 'static-domain',
  });
  const notice = haveMiniLm
    ? null
    : 'Using the built-in domain embedder (learned from the notes). Install MiniLM for better paraphrase matching: npm run models -- --hub';
  return { embedder, notice, builtNow };
}
