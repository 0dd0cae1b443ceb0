// Damaged indexes and model folders: the engine rebuilds or falls back, says why in info(), and keeps
// answering. Nothing here may make KnowledgeEngine.open throw (except asking for a missing MiniLM).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { MINILM_ID } from '../../../electron/core/engine/openEmbedder';
import { indexDirFor, type IndexSaver } from '../../../electron/core/engine/vectorStore';
import { athenaTopic } from '../../helpers/chunks';
import { domainModelDir } from '../../../electron/core/models/staticModel/index';
import { openTestEngine, freshDirs, tempDir } from '../../helpers/engine';

const DOMAIN = 'nimbus/aws-notes-static';
const root = tempDir('index-faults');
const models = join(root.path, 'models');
const fresh = freshDirs(root.path);
/** A folder that can never be created: its parent is a file (works as root, unlike chmod). */
const blocked = (name: string): string => {
  const file = join(fresh(name), 'file');
  writeFileSync(file, 'x');
  return join(file, name);
};
const modelsCopy = (): string => {
  const dir = fresh('models-copy');
  cpSync(domainModelDir(models), domainModelDir(dir), { recursive: true });
  return dir;
};
const enospc: IndexSaver = async () => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

const topic = athenaTopic;

async function expectAnswers(engine: KnowledgeEngine): Promise<void> {
  const r = await engine.ask('What does a NAT gateway do?');
  expect(r.abstained).toBe(false);
  expect(r.citations.length).toBeGreaterThan(0);
}

let expected: string[];
beforeAll(async () => {
  const engine = await openTestEngine({ dataDir: fresh('seed'), modelsRoot: models });
  expected = (await engine.search('NAT gateway private subnet', { k: 3 })).map((h) => h.chunk.id);
});
afterAll(() => root.cleanup());

describe('a damaged saved index is rebuilt and info().index says why', () => {
  const manifestOf = (dataDir: string) => join(indexDirFor(dataDir, DOMAIN), 'manifest.json');
  const edit = (dataDir: string, fn: (m: Record<string, unknown>) => Record<string, unknown>) =>
    writeFileSync(manifestOf(dataDir), JSON.stringify(fn(JSON.parse(readFileSync(manifestOf(dataDir), 'utf8')))));
  const hnswOf = (dataDir: string) => {
    const dir = indexDirFor(dataDir, DOMAIN);
    return join(dir, readdirSync(dir).find((f) => f.endsWith('.hnsw')) as string);
  };
  const cases: [string, (dataDir: string) => void, RegExp][] = [
    [
      'a manifest that is not JSON',
      (d) => writeFileSync(manifestOf(d), '{"formatVersion": 1, "mod'),
      /^corrupt: unreadable manifest/,
    ],
    [
      'a truncated index file',
      (d) => truncateSync(hnswOf(d), Math.floor(statSync(hnswOf(d)).size / 2)),
      /^corrupt: index file is \d+ bytes/,
    ],
    [
      'an index file with flipped bytes (same size)',
      (d) => {
        const bytes = readFileSync(hnswOf(d));
        bytes[bytes.length >> 1] ^= 0xff;
        writeFileSync(hnswOf(d), bytes);
      },
      /^corrupt: index file checksum mismatch/,
    ],
    [
      'a manifest of another format version',
      (d) => edit(d, (m) => ({ ...m, formatVersion: 99 })),
      /^version: manifest format 99, expected 1/,
    ],
    [
      'an index built by another model',
      (d) => edit(d, (m) => ({ ...m, modelId: MINILM_ID, dims: 384 })),
      /^mismatch: model Xenova\/all-MiniLM-L6-v2/,
    ],
    ['an index of other dimensions', (d) => edit(d, (m) => ({ ...m, dims: 128 })), /^mismatch: dims 128, expected 256/],
    ['a manifest with a bad field', (d) => edit(d, (m) => ({ ...m, labels: 'nope' })), /^corrupt: invalid manifest/],
  ];
  it.each(cases)('%s', async (_, damage, reason) => {
    const dataDir = fresh('data');
    await openTestEngine({ dataDir, modelsRoot: models });
    damage(dataDir);
    const second = await openTestEngine({ dataDir, modelsRoot: models });
    const info = second.info();
    expect(info.index).toMatchObject({ origin: 'built', persisted: true, saveError: null });
    expect(info.index.rebuildReason).toMatch(reason);
    expect(info.notice).toBeNull();
    expect((await second.search('NAT gateway private subnet', { k: 3 })).map((h) => h.chunk.id)).toEqual(expected);
    // The rebuilt index was saved: the next start loads it.
    expect((await openTestEngine({ dataDir, modelsRoot: models })).info().index.origin).toBe('loaded');
  });
});

describe('an index that cannot be written', () => {
  it('(disk full) is used in memory, with a notice; a learner topic is still answerable at once', async () => {
    const engine = await openTestEngine({ dataDir: fresh('data'), modelsRoot: models }, { saveIndex: enospc });
    const info = engine.info();
    expect(info.index).toMatchObject({
      origin: 'built',
      persisted: false,
      saveError: expect.stringMatching(/disk is full \(ENOSPC\)/),
    });
    expect(info.notice).toMatch(/could not be saved .*disk is full/);
    expect(info.search).toBe('hybrid');
    await expectAnswers(engine);
    await engine.addSections([topic()]);
    expect((await engine.ask('How does Amazon Athena charge?')).answer).toContain('per terabyte');
    expect(engine.info().notice).toMatch(/disk is full/);
  });

  it('clears the notice once a save works again', async () => {
    let full = true;
    const flaky: IndexSaver = (index, dir, meta) => (full ? enospc(index, dir, meta) : index.save(dir, meta));
    const dataDir = fresh('data');
    const engine = await openTestEngine({ dataDir, modelsRoot: models }, { saveIndex: flaky });
    expect(engine.info().index.persisted).toBe(false);
    full = false;
    await engine.addSections([topic()]);
    expect(engine.info()).toMatchObject({ notice: null, index: { persisted: true, saveError: null } });
    const again = await openTestEngine({ dataDir, modelsRoot: models }, { extraSections: [topic()] });
    expect(again.info().index.origin).toBe('loaded');
  });

  it('(read-only data folder) is used in memory: the engine opens, answers and says where it cannot write', async () => {
    const dataDir = blocked('data');
    const engine = await openTestEngine({ dataDir, modelsRoot: models });
    expect(engine.info().index.saveError).toMatch(/a file is in the way of the folder \(ENOTDIR\)/);
    expect(engine.info().notice).toContain(dataDir);
    await expectAnswers(engine);
    await engine.addSections([topic()]);
    expect((await engine.ask('How does Amazon Athena charge?')).abstained).toBe(false);
  });
});

describe('a models folder with a missing or damaged file', () => {
  const modelFile = (modelsRoot: string, f: string) => join(domainModelDir(modelsRoot), f);

  it('rebuilds a domain model whose weights are damaged (same size, other bytes)', async () => {
    const modelsRoot = modelsCopy();
    const file = modelFile(modelsRoot, 'onnx/model_quantized.onnx');
    const bytes = readFileSync(file);
    bytes.fill(7, 100, 4000);
    writeFileSync(file, bytes);
    const engine = await openTestEngine({ dataDir: fresh('data'), modelsRoot });
    expect(engine.info().modelBuildMs).not.toBeNull();
    expect(engine.info().embedder.kind).toBe('static-domain');
    expect(
      readFileSync(file)
        .subarray(100, 4000)
        .every((b) => b === 7),
    ).toBe(false);
    await expectAnswers(engine);
  });

  it('rebuilds a domain model with a missing file', async () => {
    const modelsRoot = modelsCopy();
    rmSync(modelFile(modelsRoot, 'tokenizer.json'));
    const engine = await openTestEngine({ dataDir: fresh('data'), modelsRoot });
    expect(engine.info().modelBuildMs).not.toBeNull();
    expect(statSync(modelFile(modelsRoot, 'tokenizer.json')).size).toBeGreaterThan(0);
    await expectAnswers(engine);
  });

  it('builds the domain model into the data folder when the models folder cannot be written', async () => {
    const modelsRoot = blocked('models');
    const dataDir = fresh('data');
    const engine = await openTestEngine({ dataDir, modelsRoot });
    const info = engine.info();
    expect(info.embedder.kind).toBe('static-domain');
    expect(info.notice).toMatch(/cannot be written .*a copy was made in .*models/);
    expect(statSync(modelFile(join(dataDir, 'models'), 'onnx/model_quantized.onnx')).size).toBeGreaterThan(0);
    await expectAnswers(engine);
    // Next start: the copy is loaded, not rebuilt.
    const again = await openTestEngine({ dataDir, modelsRoot });
    expect(again.info()).toMatchObject({ modelBuildMs: null, index: { origin: 'loaded' } });
  });

  it('falls back to the domain model when MiniLM is damaged, and says so', async () => {
    const modelsRoot = modelsCopy();
    const weights = join(modelsRoot, MINILM_ID, 'onnx', 'model_quantized.onnx');
    mkdirSync(join(weights, '..'), { recursive: true });
    writeFileSync(weights, Buffer.alloc(22972370, 1)); // the right size, no model inside
    const engine = await openTestEngine({ dataDir: fresh('data'), modelsRoot }, { embedder: 'auto' });
    expect(engine.info().embedder.kind).toBe('static-domain');
    expect(engine.info().notice).toMatch(/MiniLM .* damaged .*domain embedder is used instead/);
    await expectAnswers(engine);
    await expect(openTestEngine({ dataDir: fresh('data'), modelsRoot }, { embedder: 'minilm' })).rejects.toThrow(
      /Could not load embedding model/,
    );
  });

  it('searches by keywords only, with a visible notice, when no model can be had at all', async () => {
    const engine = await openTestEngine({ dataDir: blocked('data'), modelsRoot: blocked('models') });
    const info = engine.info();
    expect(info.search).toBe('lexical');
    expect(info.embedder).toMatchObject({ modelId: 'none', kind: 'none', dims: 0 });
    expect(info.notice).toMatch(/^Search is by keywords only: No embedding model could be opened/);
    expect(info.index).toMatchObject({
      persisted: false,
      rebuildReason: expect.stringMatching(/^Search is by keywords/),
    });
    // …followed by the corpus snapshot's save error (the data folder cannot be written either).
    expect(info.notice).toBe(`${info.index.rebuildReason} ${info.corpus.saveError}`);
    await expectAnswers(engine);
    const hits = await engine.search('NAT gateway private subnet', { k: 3, mode: 'dense' });
    expect(hits[0].denseRank).toBeNull();
    expect(hits.every((h) => h.denseRank === null && h.lexicalRank !== null)).toBe(true);
    expect(await engine.similarity('a', 'b')).toBe(0);
    await expect(engine.embedQuery('x')).rejects.toThrow(/keywords only/);
    await engine.addSections([topic()]);
    expect((await engine.ask('How does Amazon Athena charge?')).answer).toContain('per terabyte');
    await engine.removeSections([topic().id]);
    expect((await engine.ask('How does Amazon Athena charge?')).abstained).toBe(true);
  });
});
