import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TransformersEmbedder, EmbedderError, type Embedder } from '../retrieval/embedder';
import {
  DOMAIN_MODEL_ID,
  buildDomainStaticModel,
  domainModelDir,
  isDomainModelCurrent,
  hashDocuments,
  readDomainModelMeta,
} from '../models/staticModel/index';

export const MINILM_ID = 'Xenova/all-MiniLM-L6-v2';
// The quantized MiniLM graph the default pipeline loads; its exact size marks a complete install.
const MINILM_WEIGHTS = { path: 'onnx/model_quantized.onnx', size: 22972370 };
// What the feature-extraction pipeline reads of the domain model (quantized graph by default).
const DOMAIN_FILES_READ = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

export type EmbedderPreference = 'auto' | 'minilm' | 'static';

export interface OpenEmbedderOptions {
  modelsRoot: string;
  prefer?: EmbedderPreference;
  /** Texts the domain model is learned from (the notes' chunks); it is rebuilt when they change. */
  documents: string[];
  tokenizerDir: string;
  /**
   * A writable folder for the domain model when `modelsRoot` cannot hold it (a packaged app's
   * read-only resources with a missing or damaged file): the learner's data folder.
   */
  fallbackModelsRoot?: string;
  /**
   * Use the installed domain model as it is, even if it was learned from other notes, and never
   * build one: benchmarks on synthetic notes must measure the shipped model, not retrain it.
   */
  reuseDomainModel?: boolean;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface OpenedEmbedder {
  embedder: Embedder;
  /** Shown to the learner: why this embedder and not the better one. */
  notice: string | null;
  /** Set when a model file was missing or damaged and a fallback is in use. */
  problem: string | null;
  builtNow: boolean;
}

export function isMiniLmInstalled(modelsRoot: string): boolean {
  const f = join(modelsRoot, MINILM_ID, MINILM_WEIGHTS.path);
  return existsSync(f) && statSync(f).size === MINILM_WEIGHTS.size;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * MiniLM when its weights are installed (and load); otherwise the domain static model built from
 * the notes (built on the spot if missing, stale or damaged: it takes seconds and needs no network).
 * Throws an EmbedderError when MiniLM was asked for and is missing, or when no model can be had.
 */
export async function openEmbedder(opts: OpenEmbedderOptions): Promise<OpenedEmbedder> {
  const prefer = opts.prefer ?? 'auto';
  const haveMiniLm = isMiniLmInstalled(opts.modelsRoot);
  if (prefer === 'minilm' && !haveMiniLm) {
    throw new EmbedderError(
      `The MiniLM embedder is not installed in ${opts.modelsRoot}. Install it with "npm run models -- --hub" (online) or MODELS_DIR=<folder> npm run models.`,
    );
  }
  let problem: string | null = null;
  if (haveMiniLm && prefer !== 'static') {
    try {
      const embedder = await TransformersEmbedder.load({
        modelsRoot: opts.modelsRoot,
        modelId: MINILM_ID,
        kind: 'minilm',
      });
      return { embedder, notice: null, problem: null, builtNow: false };
    } catch (e) {
      if (prefer === 'minilm') throw e;
      problem = `MiniLM in ${opts.modelsRoot} is damaged and could not be loaded (${messageOf(e)}); the domain embedder is used instead. Reinstall it with "npm run models -- --hub".`;
    }
  }
  const domain = await openDomainModel(opts);
  problem = [problem, domain.problem].filter((p) => p !== null).join(' ') || null;
  const notice = haveMiniLm
    ? problem
    : [
        'Using the built-in domain embedder (learned from the notes). Install MiniLM for better paraphrase matching: npm run models -- --hub',
        problem,
      ]
        .filter((p) => p !== null)
        .join(' ');
  return { embedder: domain.embedder, notice, problem, builtNow: domain.builtNow };
}

/** True when the domain model is current for these documents and the files it loads match their checksums. */
export async function isDomainModelIntact(modelsRoot: string, documentsHash: string): Promise<boolean> {
  if (!(await isDomainModelCurrent(modelsRoot, documentsHash))) return false;
  const meta = await readDomainModelMeta(modelsRoot);
  if (!meta) return false;
  const dir = domainModelDir(modelsRoot);
  for (const f of DOMAIN_FILES_READ) {
    const expected = meta.files[f];
    const bytes = await readFile(join(dir, f)).catch(() => null);
    if (!expected || !bytes || createHash('sha256').update(bytes).digest('hex') !== expected.sha256) return false;
  }
  return true;
}

/**
 * The domain model from the first folder that has it intact; otherwise built into the first folder
 * that can hold it (the models folder, else the fallback in the data folder).
 */
async function openDomainModel(
  opts: OpenEmbedderOptions,
): Promise<{ embedder: Embedder; builtNow: boolean; problem: string | null }> {
  const roots = [opts.modelsRoot];
  if (opts.fallbackModelsRoot && resolve(opts.fallbackModelsRoot) !== resolve(opts.modelsRoot))
    roots.push(opts.fallbackModelsRoot);
  // Reusing: each root is checked against the notes its own model was learned from.
  const hashFor = async (root: string): Promise<string> =>
    opts.reuseDomainModel ? ((await readDomainModelMeta(root))?.documentsHash ?? '') : hashDocuments(opts.documents);
  const load = (root: string) =>
    TransformersEmbedder.load({ modelsRoot: root, modelId: DOMAIN_MODEL_ID, kind: 'static-domain' });
  const problems: string[] = [];
  const problemFor = (root: string): string | null =>
    root === opts.modelsRoot
      ? null
      : `The domain embedder in ${opts.modelsRoot} is missing, out of date or damaged and that folder cannot be written (${problems.join('; ')}); a copy was made in ${root}.`;
  let damaged = false;
  for (const root of roots) {
    if (!(await isDomainModelIntact(root, await hashFor(root)))) {
      if (root === opts.modelsRoot && existsSync(domainModelDir(root))) damaged = true;
      continue;
    }
    try {
      return {
        embedder: await load(root),
        builtNow: false,
        problem: root === opts.modelsRoot ? null : problemFor(root),
      };
    } catch (e) {
      problems.push(`${root}: ${messageOf(e)}`);
    }
  }
  for (const root of opts.reuseDomainModel ? [] : roots) {
    try {
      await buildDomainStaticModel({
        modelsRoot: root,
        documents: opts.documents,
        tokenizerDir: opts.tokenizerDir,
        onProgress: opts.onProgress,
      });
      return { embedder: await load(root), builtNow: true, problem: problemFor(root) };
    } catch (e) {
      problems.push(`${root}: ${messageOf(e)}`);
    }
  }
  throw new EmbedderError(
    `No embedding model could be opened${damaged ? ' (the domain model is damaged)' : ''}: ${problems.join('; ')}`,
  );
}
