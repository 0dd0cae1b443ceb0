import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, pipeline } from '@xenova/transformers';
import { ProtoWriter, encodeVarint } from '../../../electron/core/models/staticModel/protobuf';
import { cosineSimilarity } from '../../../electron/core/retrieval/exactSearch';
import {
  DEFAULT_TRAIN_OPTIONS,
  DOMAIN_MODEL_ID,
  buildDomainStaticModel,
  dequantizeRows,
  domainModelDir,
  hashDocuments,
  isDomainModelCurrent,
  loadWordPieceTokenizer,
  quantizeRows,
  trainTokenTable,
  type WordPieceTokenizer,
} from '../../../electron/core/models/staticModel/index';

const TOKENIZER_DIR = fileURLToPath(new URL('../../../models/vendor/all-MiniLM-L6-v2', import.meta.url));

const DOCS = [
  'AWS Lambda\nLambda runs your function code without servers. Memory allocation ranges from 128 MB to 10,240 MB and sets CPU. A function times out after 15 minutes.',
  'Amazon S3 Buckets\nS3 stores objects in buckets. Each object has a key, data and metadata. Versioning keeps old copies of objects in the bucket.',
  'VPC Subnets\nA subnet is a range of IP addresses in your VPC. Public subnets route to an internet gateway; private subnets use a NAT gateway.',
  'Amazon DynamoDB\nDynamoDB is a serverless NoSQL database. The partition key spreads data; an optional sort key orders items within a partition.',
  'Amazon CloudWatch\nCloudWatch collects metrics and logs. Alarms notify you, and anomaly detection spots unusual metric behaviour.',
];

// Small typed adapter over the loosely typed transformers.js pipeline.
interface Features {
  dims: number[];
  data: Float32Array;
}
type Embed = (texts: string[], opts: { pooling: 'mean' | 'none'; normalize: boolean }) => Promise<Features>;

async function loadEmbedder(quantized: boolean): Promise<Embed> {
  const extractor = await pipeline('feature-extraction', DOMAIN_MODEL_ID, { quantized });
  return async (texts, opts) => {
    const out = await extractor(texts, opts);
    return { dims: [...out.dims], data: Float32Array.from(out.data as ArrayLike<number>) };
  };
}

function meanOfRows(ids: number[], rowOfId: Int32Array, rows: Float32Array, dims: number, normalise: boolean): Float64Array {
  const v = new Float64Array(dims);
  for (const id of ids) for (let k = 0; k < dims; k++) v[k] += rows[rowOfId[id] * dims + k];
  for (let k = 0; k < dims; k++) v[k] /= ids.length;
  if (normalise) {
    const n = Math.hypot(...v);
    for (let k = 0; k < dims; k++) v[k] /= n;
  }
  return v;
}

const cosine = cosineSimilarity;

describe('protobuf encoder', () => {
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

  it('encodes varints, including multi-byte, 64-bit and negative values', () => {
    expect(hex(encodeVarint(0))).toBe('00');
    expect(hex(encodeVarint(1))).toBe('01');
    expect(hex(encodeVarint(127))).toBe('7f');
    expect(hex(encodeVarint(128))).toBe('8001');
    expect(hex(encodeVarint(150))).toBe('9601');
    expect(hex(encodeVarint(300))).toBe('ac02');
    expect(hex(encodeVarint(2 ** 32))).toBe('8080808010');
    expect(hex(encodeVarint(2n ** 63n))).toBe('80808080808080808001');
    expect(hex(encodeVarint(2n ** 64n - 1n))).toBe('ffffffffffffffffff01');
    expect(hex(encodeVarint(-1))).toBe('ffffffffffffffffff01');
    expect(() => encodeVarint(2n ** 64n)).toThrow();
    expect(() => encodeVarint(0.5)).toThrow();
  });

  it('encodes the protobuf documentation examples and fixed-width fields', () => {
    // https://protobuf.dev/programming-guides/encoding/: Test1{a=150}, Test2{b="testing"}, Test3{c=Test1}
    expect(hex(new ProtoWriter().varint(1, 150).finish())).toBe('089601');
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).finish())).toBe('1a03089601');
    expect(hex(new ProtoWriter().float(1, 1).finish())).toBe('0d0000803f');
    expect(hex(new ProtoWriter().fixed64(1, -2n).finish())).toBe('09feffffffffffffff');
    expect(hex(new ProtoWriter().repeatedVarints(1, [1, 300]).finish())).toBe('0801' + '08ac02');
    expect(hex(new ProtoWriter().packedVarints(4, [3, 270]).finish())).toBe('2203038e02');
  });
});

describe('domain static model', () => {
  let root: string;
  let tok: WordPieceTokenizer;
  const saved = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels, useFSCache: env.useFSCache };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'nimbus-static-'));
    tok = await loadWordPieceTokenizer(TOKENIZER_DIR);
    await buildDomainStaticModel({ modelsRoot: root, documents: DOCS, tokenizerDir: TOKENIZER_DIR, dims: 32 });
    // Each vitest file runs in its own forked process, and we restore these in afterAll anyway.
    // useFSCache off: the library's file cache could otherwise shadow our freshly built files.
    env.localModelPath = root;
    env.allowRemoteModels = false;
    env.useFSCache = false;
  });

  afterAll(async () => {
    Object.assign(env, saved);
    await rm(root, { recursive: true, force: true });
  });

  it('writes the transformers.js local layout and metadata', async () => {
    const dir = domainModelDir(root);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['config.json', 'nimbus-model.json', 'onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
    expect((await readdir(join(dir, 'onnx'))).sort()).toEqual(['model.onnx', 'model_quantized.onnx']);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { model_type: string; hidden_size: number };
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 32 });
    expect(await isDomainModelCurrent(root, hashDocuments(DOCS))).toBe(true);
    expect(await isDomainModelCurrent(root, hashDocuments(DOCS), { dims: 64 })).toBe(false);
    expect(await isDomainModelCurrent(root, hashDocuments([...DOCS, 'another note']))).toBe(false);
  });

  it('fp32 model: pooled output is the normalised mean of the table rows, [CLS]/[SEP] included as zeros', async () => {
    const embed = await loadEmbedder(false);
    const { table } = trainTokenTable(DOCS, tok, { ...DEFAULT_TRAIN_OPTIONS, dims: 32 });
    const text = 'How much memory can a Lambda function get?';
    const ids = [101, ...tok.encode(text), 102];

    const tokens = await embed([text], { pooling: 'none', normalize: false });
    expect(tokens.dims).toEqual([1, ids.length, 32]);
    for (const pos of [0, ids.length - 1]) {
      expect(Array.from(tokens.data.subarray(pos * 32, (pos + 1) * 32)).every((x) => x === 0)).toBe(true);
    }

    const raw = await embed([text], { pooling: 'mean', normalize: false });
    const expectedRaw = meanOfRows(ids, table.rowOfId, table.rows, 32, false);
    raw.data.forEach((x, k) => expect(x).toBeCloseTo(expectedRaw[k], 5));

    const pooled = await embed([text, 'S3 bucket objects'], { pooling: 'mean', normalize: true });
    expect(pooled.dims).toEqual([2, 32]);
    const expected = meanOfRows(ids, table.rowOfId, table.rows, 32, true);
    for (let k = 0; k < 32; k++) expect(Math.abs(pooled.data[k] - expected[k])).toBeLessThan(1e-5);
  });

  it('int8 model (default) matches the dequantised table and stays close to fp32', async () => {
    const embed = await loadEmbedder(true);
    const { table } = trainTokenTable(DOCS, tok, { ...DEFAULT_TRAIN_OPTIONS, dims: 32 });
    const deq = dequantizeRows(quantizeRows(table.rows, 32), 32);
    const text = 'Which key orders items in a DynamoDB partition?';
    const ids = [101, ...tok.encode(text), 102];
    const pooled = await embed([text], { pooling: 'mean', normalize: true });
    expect(pooled.dims).toEqual([1, 32]);
    const expectedInt8 = meanOfRows(ids, table.rowOfId, deq, 32, true);
    for (let k = 0; k < 32; k++) expect(Math.abs(pooled.data[k] - expectedInt8[k])).toBeLessThan(1e-5);
    expect(cosine(pooled.data, meanOfRows(ids, table.rowOfId, table.rows, 32, true))).toBeGreaterThan(0.999);
  });

  it('puts a query nearer the document it shares vocabulary with', async () => {
    const embed = await loadEmbedder(true);
    const out = await embed(['how much memory can i give a lambda function', DOCS[0], DOCS[1], DOCS[2]], { pooling: 'mean', normalize: true });
    const row = (i: number): Float32Array => out.data.subarray(i * 32, (i + 1) * 32);
    expect(cosine(row(0), row(1))).toBeGreaterThan(cosine(row(0), row(2)) + 0.1);
    expect(cosine(row(0), row(1))).toBeGreaterThan(cosine(row(0), row(3)) + 0.1);
    // A typo'd query still lands on the Lambda note through the trigram back-off rows.
    const typo = await embed(['how much memmory for a lambda functon', DOCS[0], DOCS[1]], { pooling: 'mean', normalize: true });
    const t = (i: number): Float32Array => typo.data.subarray(i * 32, (i + 1) * 32);
    expect(cosine(t(0), t(1))).toBeGreaterThan(cosine(t(0), t(2)));
  });

  it('gives unseen word pieces a back-off row from corpus words with the same letters', () => {
    const { table } = trainTokenTable(DOCS, tok, { ...DEFAULT_TRAIN_OPTIONS, dims: 32 });
    const pieces = tok.encode('functon'); // "fun ##cton": neither piece occurs in DOCS
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.some((id) => table.rowOfId[id] !== 0)).toBe(true);
    expect(table.rowOfId[101]).toBe(0);
    expect(table.rowOfId[102]).toBe(0);
    expect(table.rowOfId[0]).toBe(0);
  });

  it('is deterministic and keeps the previous model when a build fails', async () => {
    const other = await mkdtemp(join(tmpdir(), 'nimbus-static-b-'));
    try {
      await buildDomainStaticModel({ modelsRoot: other, documents: DOCS, tokenizerDir: TOKENIZER_DIR, dims: 32 });
      const files = ['onnx/model.onnx', 'onnx/model_quantized.onnx', 'config.json', 'nimbus-model.json'];
      const a = await Promise.all(files.map((f) => readFile(join(domainModelDir(root), f))));
      const b = await Promise.all(files.map((f) => readFile(join(domainModelDir(other), f))));
      files.forEach((_, i) => expect(Buffer.compare(a[i], b[i])).toBe(0));

      // Fails mid-write (after files were staged): the old copy must stay byte-identical.
      const failing = buildDomainStaticModel({
        modelsRoot: other,
        documents: ['something else entirely about Route 53 and DNS failover'],
        tokenizerDir: TOKENIZER_DIR,
        dims: 32,
        onProgress: (stage, f) => {
          if (stage === 'write' && f > 0.5) throw new Error('disk full (simulated)');
        },
      });
      await expect(failing).rejects.toThrow('disk full');
      await expect(buildDomainStaticModel({ modelsRoot: other, documents: [], tokenizerDir: TOKENIZER_DIR })).rejects.toThrow();
      await expect(buildDomainStaticModel({ modelsRoot: other, documents: ['  '], tokenizerDir: TOKENIZER_DIR })).rejects.toThrow();
      const after = await Promise.all(files.map((f) => readFile(join(domainModelDir(other), f))));
      files.forEach((_, i) => expect(Buffer.compare(after[i], b[i])).toBe(0));
      expect(await readdir(join(other, 'nimbus'))).toEqual(['aws-notes-static']);
      expect(await isDomainModelCurrent(other, hashDocuments(DOCS))).toBe(true);

      // A successful rebuild replaces it in place and leaves no staging folders behind.
      const res = await buildDomainStaticModel({ modelsRoot: other, documents: DOCS.slice(0, 3), tokenizerDir: TOKENIZER_DIR, dims: 16 });
      expect(res).toMatchObject({ modelId: DOMAIN_MODEL_ID, dims: 16, documentsHash: hashDocuments(DOCS.slice(0, 3)) });
      expect(await readdir(join(other, 'nimbus'))).toEqual(['aws-notes-static']);
      expect(await isDomainModelCurrent(other, res.documentsHash, { dims: 16 })).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
