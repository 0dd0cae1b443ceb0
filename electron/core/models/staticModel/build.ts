// Builds the domain static-embedding model into <modelsRoot>/nimbus/aws-notes-static/ in the local
// layout transformers.js 2.17 resolves with env.localModelPath = modelsRoot and
// env.allowRemoteModels = false:
//   config.json                      model_type "bert" → AutoModel picks BertModel (encoder forward)
//   tokenizer.json, tokenizer_config.json   the only tokenizer files AutoTokenizer reads
//   special_tokens_map.json          copied when present (unused by transformers.js, kept for tools)
//   onnx/model_quantized.onnx        default ({ quantized: true }): int8 rows + per-row scale
//   onnx/model.onnx                  { quantized: false }: float32 rows
//   nimbus-model.json                our metadata; written last, its presence marks a complete build
// The folder is staged as a temp sibling and swapped in with renames, so readers see the old model
// or the new one, and a failed build leaves the previous good copy in place.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { encodeStaticEmbeddingModel } from './onnxWriter';
import { quantizeRows } from './quantize';
import { loadWordPieceTokenizer } from './tokenizer';
import { DEFAULT_TRAIN_OPTIONS, TRAIN_METHOD, trainTokenTable, type TrainOptions } from './trainVectors';

export const DOMAIN_MODEL_ID = 'nimbus/aws-notes-static';
export const DOMAIN_MODEL_KIND = 'static-domain';
export const DOMAIN_MODEL_META_FILE = 'nimbus-model.json';

const REQUIRED_TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'] as const;
const OPTIONAL_TOKENIZER_FILES = ['special_tokens_map.json'] as const;
const MODEL_FILES = ['config.json', ...REQUIRED_TOKENIZER_FILES, 'onnx/model.onnx', 'onnx/model_quantized.onnx'] as const;

export interface BuildDomainModelOptions {
  /** Root passed to transformers.js as env.localModelPath. */
  modelsRoot: string;
  /** Chunk texts (with their headings) the model is learned from. */
  documents: string[];
  /** Folder with the MiniLM WordPiece tokenizer files (tokenizer.json, tokenizer_config.json). */
  tokenizerDir: string;
  /** Embedding width (default 256). */
  dims?: number;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface BuildDomainModelResult {
  modelId: string;
  dir: string;
  dims: number;
  /** Distinct WordPiece ids that occur in the documents. */
  vocabUsed: number;
  ms: number;
  documentsHash: string;
}

const metaSchema = z.object({
  id: z.string(),
  kind: z.literal(DOMAIN_MODEL_KIND),
  dims: z.number().int().positive(),
  method: z.string(),
  documentsHash: z.string(),
  documents: z.number().int().nonnegative(),
  vocabUsed: z.number().int().nonnegative(),
  backoffRows: z.number().int().nonnegative(),
  rank: z.number().int().nonnegative(),
  options: z.record(z.string(), z.number()),
  files: z.record(z.string(), z.object({ bytes: z.number().int(), sha256: z.string() })),
});
export type DomainModelMeta = z.infer<typeof metaSchema>;

/** Stable hash of the training documents (order matters: it fixes the SVD input). */
export function hashDocuments(documents: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`nimbus-docs\u0000${documents.length}\u0000`);
  for (const d of documents) {
    const bytes = Buffer.from(d, 'utf8');
    h.update(`${bytes.length}\u0000`);
    h.update(bytes);
  }
  return h.digest('hex');
}

export function domainModelDir(modelsRoot: string): string {
  return join(modelsRoot, ...DOMAIN_MODEL_ID.split('/'));
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function readDomainModelMeta(modelsRoot: string): Promise<DomainModelMeta | null> {
  try {
    const raw = await readFile(join(domainModelDir(modelsRoot), DOMAIN_MODEL_META_FILE), 'utf8');
    const parsed = metaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * True when the stored model was built from exactly these documents by the current training method
 * (and with `dims`, if given) and all its files are present with the recorded sizes.
 */
export async function isDomainModelCurrent(modelsRoot: string, documentsHash: string, opts: { dims?: number } = {}): Promise<boolean> {
  const meta = await readDomainModelMeta(modelsRoot);
  if (!meta || meta.id !== DOMAIN_MODEL_ID || meta.method !== TRAIN_METHOD || meta.documentsHash !== documentsHash) return false;
  if (opts.dims !== undefined && meta.dims !== opts.dims) return false;
  const dir = domainModelDir(modelsRoot);
  for (const f of MODEL_FILES) {
    const expected = meta.files[f];
    const size = await stat(join(dir, f)).then((s) => s.size, () => -1);
    if (!expected || size !== expected.bytes) return false;
  }
  return true;
}

function configJson(dims: number, vocabSize: number): string {
  // Just what transformers.js reads for an encoder feature extractor; the static graph has no
  // attention layers, hence num_hidden_layers 0.
  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dims,
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    num_hidden_layers: 0,
    pad_token_id: 0,
    type_vocab_size: 2,
    nimbus_static_embedding: true,
  };
  return JSON.stringify(config, null, 2) + '\n';
}

async function tryRead(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Write and fsync, so a renamed-in folder never holds files whose data is still in flight. */
async function writeDurable(path: string, data: Uint8Array | string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const STAGE_PREFIX = `.${DOMAIN_MODEL_ID.split('/')[1]}.`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leftovers of builds whose process died: remove stale staging folders, and if a crash hit between
 * the two renames of the swap (target gone, ".old-" copy present) put the old model back.
 */
async function sweepStale(target: string): Promise<void> {
  const parent = dirname(target);
  const names = await readdir(parent).catch(() => [] as string[]);
  let targetExists = await stat(target).then(() => true, () => false);
  for (const name of names.sort()) {
    const m = /^\.[^.]+\.(tmp|old)-(\d+)-[0-9a-f]+$/.exec(name);
    if (!name.startsWith(STAGE_PREFIX) || !m || pidAlive(Number(m[2]))) continue;
    if (m[1] === 'old' && !targetExists) {
      await rename(join(parent, name), target);
      targetExists = true;
    } else {
      await rm(join(parent, name), { recursive: true, force: true });
    }
  }
}

/** Replace `target` by `staged` with two renames; on failure put the old folder back. */
async function swapIntoPlace(staged: string, target: string, suffix: string): Promise<void> {
  const old = join(dirname(target), `${STAGE_PREFIX}old-${suffix}`);
  const hadOld = await stat(target).then(() => true, () => false);
  if (hadOld) await rename(target, old);
  try {
    await rename(staged, target);
  } catch (err) {
    if (hadOld) await rename(old, target).catch(() => undefined);
    throw err;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export async function buildDomainStaticModel(opts: BuildDomainModelOptions): Promise<BuildDomainModelResult> {
  const t0 = performance.now();
  const report = opts.onProgress ?? (() => {});
  const dims = opts.dims ?? DEFAULT_TRAIN_OPTIONS.dims;
  if (opts.documents.length === 0) throw new Error('buildDomainStaticModel: no documents');
  const documentsHash = hashDocuments(opts.documents);

  report('tokenizer', 0);
  const tokenizer = await loadWordPieceTokenizer(opts.tokenizerDir);
  const tokenizerFiles = new Map<string, Uint8Array>();
  for (const f of [...REQUIRED_TOKENIZER_FILES, ...OPTIONAL_TOKENIZER_FILES]) {
    const data = await tryRead(join(opts.tokenizerDir, f));
    if (data) tokenizerFiles.set(f, data);
  }
  report('tokenizer', 1);

  const trainOptions: Omit<TrainOptions, 'onProgress'> = { ...DEFAULT_TRAIN_OPTIONS, dims };
  const trained = trainTokenTable(opts.documents, tokenizer, { ...trainOptions, onProgress: (f) => report('train', f) });

  report('encode', 0);
  const doc = `${DOMAIN_MODEL_ID} ${TRAIN_METHOD} docs=${documentsHash.slice(0, 16)}`;
  const fp32 = encodeStaticEmbeddingModel(trained.table, null, doc);
  const int8 = encodeStaticEmbeddingModel(trained.table, quantizeRows(trained.table.rows, dims), doc);
  report('encode', 1);

  const files = new Map<string, Uint8Array>([
    ['config.json', Buffer.from(configJson(dims, tokenizer.vocabSize))],
    ...tokenizerFiles,
    ['onnx/model.onnx', fp32],
    ['onnx/model_quantized.onnx', int8],
  ]);
  const meta: DomainModelMeta = {
    id: DOMAIN_MODEL_ID,
    kind: DOMAIN_MODEL_KIND,
    dims,
    method: TRAIN_METHOD,
    documentsHash,
    documents: opts.documents.length,
    vocabUsed: trained.vocabUsed,
    backoffRows: trained.backoffRows,
    rank: trained.rank,
    options: { ...trainOptions },
    files: Object.fromEntries([...files].map(([name, data]) => [name, { bytes: data.length, sha256: sha256(data) }])),
  };

  const target = domainModelDir(opts.modelsRoot);
  await mkdir(dirname(target), { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged = join(dirname(target), `${STAGE_PREFIX}tmp-${suffix}`);
  await sweepStale(target);
  try {
    let written = 0;
    for (const [name, data] of files) {
      await mkdir(dirname(join(staged, name)), { recursive: true });
      await writeDurable(join(staged, name), data);
      report('write', ++written / (files.size + 1));
    }
    await writeDurable(join(staged, DOMAIN_MODEL_META_FILE), JSON.stringify(meta, null, 2) + '\n');
    await swapIntoPlace(staged, target, suffix);
  } catch (err) {
    await rm(staged, { recursive: true, force: true });
    throw err;
  }
  report('done', 1);
  return { modelId: DOMAIN_MODEL_ID, dir: target, dims, vocabUsed: trained.vocabUsed, ms: Math.round(performance.now() - t0), documentsHash };
}
