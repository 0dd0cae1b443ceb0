// The corpus snapshot (sections, chunks, BM25 index, synonyms saved next to the vector index): written
// on the first open, loaded on the next (no parsing, chunking, BM25 build or mining), with the same
// search results and answers; anything wrong with it (notes changed, damaged, other format, folder
// not writable) means a rebuild or a notice, never a failed open.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { loadCorpus, type Stage } from '../../../electron/core/engine/corpus';
import {
  SNAPSHOT_FORMAT,
  decodeSnapshot,
  snapshotPathFor,
  type SnapshotSaver,
} from '../../../electron/core/engine/corpusSnapshot';
import { loadDevSet } from '../../../electron/core/eval/devEval';
import { sectionId } from '../../../electron/core/knowledge/ids';
import { athenaTopic } from '../../helpers/chunks';
import { defaultContentDir } from '../../../electron/core/paths';
import { LexicalIndex } from '../../../electron/core/retrieval/lexicalIndex';
import { PackWriter, openPack } from '../../../electron/core/util/binaryPack';
import { DEV_SET, openTestEngine, freshDirs, tempDir } from '../../helpers/engine';

const root = tempDir('corpus-snapshot');
const models = join(root.path, 'models');
const fresh = freshDirs(root.path);

// A dozen dev questions from across the set, plus a typo and an out-of-scope one (abstention).
const QUESTIONS = [
  ...loadDevSet(DEV_SET)
    .filter((_, i) => i % 5 === 0)
    .map((q) => q.question),
  'how is lamda priced',
  'What is Azure Cosmos DB?',
];

/** Everything a learner could see of search and ask, minus timings. */
async function outputs(engine: KnowledgeEngine, questions = QUESTIONS): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of questions) {
    for (const mode of ['hybrid', 'lexical', 'dense'] as const) out.push(await engine.search(q, { k: 10, mode }));
    out.push(await engine.search(q, { k: 5, rerank: true }));
    const { ms: _ms, ...asked } = await engine.ask(q);
    out.push(asked);
  }
  return out;
}

async function openRecorded(dataDir: string, extra: Parameters<typeof openTestEngine>[1] = {}) {
  const stages: string[] = [];
  const engine = await openTestEngine({ dataDir, modelsRoot: models }, { ...extra, onStage: (s) => stages.push(s) });
  return { engine, stages };
}

const topic = athenaTopic;

let expected: unknown[];
beforeAll(async () => {
  // Builds the domain model once for the file; this cold open's outputs are the reference.
  const cold = await openTestEngine({ dataDir: fresh('reference'), modelsRoot: models });
  expected = await outputs(cold);
});
afterAll(() => root.cleanup());

describe('the corpus snapshot', () => {
  it('is written on the first open and loaded on the second, with identical results', async () => {
    const dataDir = fresh('data');
    const first = await openRecorded(dataDir);
    expect(first.engine.info().corpus).toMatchObject({ origin: 'built', persisted: true, saveError: null });
    expect(first.engine.info().corpus.rebuildReason).toMatch(/^missing: no snapshot yet/);
    expect(first.stages).toEqual(expect.arrayContaining(['content', 'lexical', 'synonyms', 'snapshot save']));
    expect(statSync(snapshotPathFor(dataDir)).size).toBeGreaterThan(0);

    const add = vi.spyOn(LexicalIndex.prototype, 'add');
    const second = await openRecorded(dataDir);
    expect(add).not.toHaveBeenCalled(); // no BM25 build
    add.mockRestore();
    expect(second.engine.info().corpus).toMatchObject({ origin: 'loaded', rebuildReason: null, persisted: true });
    expect(second.stages).toContain('snapshot load');
    for (const s of ['content', 'lexical', 'synonyms', 'snapshot save']) expect(second.stages).not.toContain(s);
    expect(second.engine.info().notice).toBeNull();

    expect(second.engine.sections).toEqual(first.engine.sections);
    expect(second.engine.curriculum).toEqual(first.engine.curriculum);
    expect(second.engine.chunks()).toEqual(first.engine.chunks());
    expect(second.engine.info().contentHash).toBe(first.engine.info().contentHash);
    expect(await outputs(first.engine)).toEqual(expected);
    expect(await outputs(second.engine)).toEqual(expected);
  });

  it('holds exactly what a cold build makes: same chunks, BM25 postings, term order and synonyms', async () => {
    const dataDir = fresh('data');
    const stage: Stage = async (_, fn) => fn();
    const open = () => loadCorpus({ contentDir: defaultContentDir(), dataDir }, stage);
    const cold = await open();
    const warm = await open();
    expect([cold.status.origin, warm.status.origin]).toEqual(['built', 'loaded']);
    const view = ({ corpus: c }: typeof cold) => ({
      ...c,
      lexical: [c.lexical.toJSON(), [...c.lexical.vocabulary()]],
      synonyms: [c.synonyms.groups, [...c.synonyms.byKey], c.synonyms.maxKeyTokens],
    });
    // toEqual on arrays is order-sensitive: Map orders (typo-resolution ties follow them) match too.
    expect(view(warm)).toEqual(view(cold));
    const [chunk] = warm.corpus.chunks;
    expect(chunk.headingPath).toBe(warm.corpus.sections.find((s) => s.id === chunk.sectionId)?.headingPath);
  });

  it('keeps learner topics out of the snapshot: they are added on top after the load', async () => {
    const dataDir = fresh('data');
    const cold = await openTestEngine({ dataDir, modelsRoot: models }, { extraSections: [topic()] });
    const bytes = readFileSync(snapshotPathFor(dataDir));
    const warm = await openTestEngine({ dataDir, modelsRoot: models }, { extraSections: [topic()] });
    expect(warm.info().corpus.origin).toBe('loaded');
    const q = ['How does Amazon Athena charge?', ...QUESTIONS.slice(0, 3)];
    expect(await outputs(warm, q)).toEqual(await outputs(cold, q));
    expect((await warm.ask(q[0])).answer).toContain('per terabyte');
    await warm.addSections([{ ...topic(), id: sectionId('self', ['x', 'y']), headingPath: ['x', 'y'] }]);
    expect(readFileSync(snapshotPathFor(dataDir)).equals(bytes)).toBe(true);
    const plain = await openTestEngine({ dataDir, modelsRoot: models });
    expect((await plain.ask(q[0])).abstained).toBe(true);
  });

  it('is rebuilt when the notes change, and the change is searchable', async () => {
    const contentDir = fresh('content');
    cpSync(defaultContentDir(), contentDir, { recursive: true });
    const dataDir = fresh('data');
    // The domain model as it is (not relearned from the edited notes): this test is about the corpus.
    const open = () => openTestEngine({ dataDir, modelsRoot: models }, { contentDir, reuseDomainModel: true });
    expect((await open()).info().corpus.origin).toBe('built');
    expect((await open()).info().corpus.origin).toBe('loaded');
    appendFileSync(join(contentDir, 'phase1-core-services.md'), '\nZorblax replication copies objects nightly.\n');
    const changed = await open();
    expect(changed.info().corpus).toMatchObject({ origin: 'built', persisted: true });
    expect(changed.info().corpus.rebuildReason).toMatch(/^mismatch: the notes or the analysis changed/);
    const hit = async (e: KnowledgeEngine) => (await e.search('zorblax', { k: 1, mode: 'lexical' }))[0]?.chunk.text;
    expect(await hit(changed)).toContain('Zorblax replication');
    const again = await open();
    expect(again.info().corpus.origin).toBe('loaded');
    expect(await hit(again)).toContain('Zorblax replication');
  });

  it('is rebuilt on request', async () => {
    const dataDir = fresh('data');
    await openTestEngine({ dataDir, modelsRoot: models });
    const rebuilt = await openTestEngine({ dataDir, modelsRoot: models }, { rebuild: true });
    expect(rebuilt.info().corpus).toMatchObject({ origin: 'built', rebuildReason: 'rebuild requested' });
  });
});

describe('a damaged or stale snapshot is rebuilt, with the same results and no error', () => {
  const file = (dataDir: string) => snapshotPathFor(dataDir);
  const editHeader = (dataDir: string, fn: (h: Record<string, unknown>) => Record<string, unknown>) => {
    const bytes = readFileSync(file(dataDir));
    const at = 16 + bytes.readUInt32LE(12);
    const header = JSON.stringify(fn(JSON.parse(bytes.toString('utf8', 16, at)) as Record<string, unknown>));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(Buffer.byteLength(header));
    writeFileSync(
      file(dataDir),
      Buffer.concat([bytes.subarray(0, 12), length, Buffer.from(header), bytes.subarray(at)]),
    );
  };
  const cases: [string, (dataDir: string) => void, RegExp][] = [
    ['an empty file', (d) => writeFileSync(file(d), ''), /^corrupt: not a snapshot file/],
    ['another file', (d) => writeFileSync(file(d), '{"chunks": []}'.repeat(10)), /^corrupt: not a snapshot file/],
    [
      'a truncated file',
      (d) => truncateSync(file(d), Math.floor(statSync(file(d)).size / 2)),
      /^corrupt: file is \d+ bytes, expected \d+/,
    ],
    [
      'flipped bytes (same size)',
      (d) => {
        const bytes = readFileSync(file(d));
        bytes[bytes.length >> 1] ^= 0xff;
        writeFileSync(file(d), bytes);
      },
      /^corrupt: checksum mismatch/,
    ],
    [
      'another format version',
      (d) => {
        const bytes = readFileSync(file(d));
        bytes.writeUInt32LE(SNAPSHOT_FORMAT + 98, 8);
        writeFileSync(file(d), bytes);
      },
      new RegExp(`^version: format ${SNAPSHOT_FORMAT + 98}, expected ${SNAPSHOT_FORMAT}`),
    ],
    ['another key (other notes)', (d) => editHeader(d, (h) => ({ ...h, key: 'f'.repeat(64) })), /^mismatch/],
    ['a header without a key', (d) => editHeader(d, () => ({})), /^mismatch/],
    [
      'an unreadable header',
      (d) => {
        const bytes = readFileSync(file(d));
        bytes[16] = 0x78; // "{" → "x"
        writeFileSync(file(d), bytes);
      },
      /^corrupt: unreadable header/,
    ],
  ];
  it.each(cases)('%s', async (_, damage, reason) => {
    const dataDir = fresh('data');
    await openTestEngine({ dataDir, modelsRoot: models });
    damage(dataDir);
    const second = await openTestEngine({ dataDir, modelsRoot: models });
    expect(second.info().corpus).toMatchObject({ origin: 'built', persisted: true, saveError: null });
    expect(second.info().corpus.rebuildReason).toMatch(reason);
    expect(second.info().notice).toBeNull();
    expect(await outputs(second, QUESTIONS.slice(0, 4))).toEqual(expected.slice(0, 4 * 5));
    // The rebuilt snapshot was saved: the next start loads it.
    expect((await openTestEngine({ dataDir, modelsRoot: models })).info().corpus.origin).toBe('loaded');
  });

  it('a well-formed file (right key and checksum) that does not decode is reported as corrupt', () => {
    const key = 'k'.repeat(64);
    const w = new PackWriter();
    w.uint(3);
    const read = decodeSnapshot(
      w.finish('NIMBCORP', SNAPSHOT_FORMAT, { key, curriculum: { version: 1, phases: [] } }),
      key,
    );
    expect(read).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});

describe('a snapshot that cannot be written', () => {
  const enospc: SnapshotSaver = async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };

  it('(disk full) leaves the engine working, with a notice; the next start builds it again', async () => {
    const dataDir = fresh('data');
    const engine = await openTestEngine({ dataDir, modelsRoot: models }, { saveSnapshot: enospc });
    expect(engine.info().index).toMatchObject({ persisted: true, saveError: null });
    expect(engine.info().corpus).toMatchObject({ origin: 'built', persisted: false });
    expect(engine.info().corpus.saveError).toMatch(/search data could not be saved .*the disk is full \(ENOSPC\)/);
    expect(engine.info().notice).toBe(engine.info().corpus.saveError);
    expect(await outputs(engine)).toEqual(expected);
    const next = await openTestEngine({ dataDir, modelsRoot: models });
    expect(next.info().corpus).toMatchObject({ origin: 'built', persisted: true });
  });

  it('(a folder in the way of the file) is read as missing and reported, the index still saves', async () => {
    const dataDir = fresh('data');
    mkdirSync(snapshotPathFor(dataDir), { recursive: true });
    const engine = await openTestEngine({ dataDir, modelsRoot: models });
    expect(engine.info().corpus.rebuildReason).toMatch(/^missing: unreadable \(EISDIR\)/);
    expect(engine.info().corpus.saveError).toMatch(/a folder is in the way of the file/);
    expect(engine.info().index.persisted).toBe(true);
    expect(await outputs(engine, QUESTIONS.slice(0, 4))).toEqual(expected.slice(0, 4 * 5));
  });

  it('(read-only data folder) opens and answers; the notice is the index one, not said twice', async () => {
    const blocker = join(fresh('blocked'), 'a-file');
    writeFileSync(blocker, 'x'); // as root chmod does not stop writes; a file in the way does
    const engine = await openTestEngine({ dataDir: join(blocker, 'data'), modelsRoot: models });
    const info = engine.info();
    expect(info.corpus).toMatchObject({ origin: 'built', persisted: false });
    expect(info.corpus.saveError).toMatch(/ENOTDIR/);
    expect(info.notice).toBe(info.index.saveError);
    expect(await outputs(engine)).toEqual(expected);
  });
});

describe('binaryPack', () => {
  it('round-trips varints up to 2^53 and strings, and reads only to the end', () => {
    const values = [0, 1, 127, 128, 300, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
    const w = new PackWriter();
    for (const v of values) w.uint(v);
    for (const s of ['', 'a', 'Phase 1 — Core', 'a']) w.str(s);
    const r = openPack(w.finish('TESTPACK', 7, { h: 1 }), 'TESTPACK', 7);
    expect(r.header).toEqual({ h: 1 });
    const reader = r.read();
    expect(values.map(() => reader.uint())).toEqual(values);
    expect([reader.str(), reader.str(), reader.str(), reader.str()]).toEqual(['', 'a', 'Phase 1 — Core', 'a']);
    reader.done();
    expect(() => new PackWriter().uint(-1)).toThrow(/not an unsigned integer/);
  });
});
