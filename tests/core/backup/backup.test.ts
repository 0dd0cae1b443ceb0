// Backup and restore: a round trip keeps everything (topics answerable at once), and a malformed,
// hostile or partly valid file, a read-only folder or a failing write changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_LIMITS,
  exportBackup,
  importBackup,
  serializeBackup,
  type BackupFile,
} from '../../../electron/core/backup/backup';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { LearnService } from '../../../electron/core/learn/LearnService';
import { sectionsOf } from '../../../electron/core/learn/topics';
import { JsonDocumentStore } from '../../../electron/core/store/jsonDocumentStore';
import { DOCUMENTS } from '../../../electron/core/store/documents';
import { openUserData, type UserData } from '../../../electron/core/store/userData';
import { openTestEngine, tempDir } from '../../helpers/engine';
import { sampleDocs } from '../store/fixtures';
import { filesOf } from '../../helpers/files';

const root = tempDir('backup');
const models = join(root.path, 'models');
let n = 0;
const folder = (): string => {
  const dir = join(root.path, `data-${n++}`);
  mkdirSync(dir);
  return dir;
};
afterAll(() => root.cleanup());

const ATHENA = {
  title: 'Amazon Athena',
  markdown: 'Athena runs SQL queries on data in S3 and charges per terabyte scanned.',
};
const QLDB = {
  title: 'Amazon QLDB',
  markdown: 'QLDB is a ledger database with an immutable, cryptographically verifiable journal.',
};

/** A data folder with real progress, reviews and bookmarks plus one learned topic. */
async function seeded(engine: KnowledgeEngine): Promise<{ dir: string; data: UserData; backup: BackupFile }> {
  const dir = folder();
  const data = await openUserData(dir);
  const docs = sampleDocs();
  await data.progress.write(docs.progress);
  await data.reviews.write(docs.reviews);
  await data.bookmarks.write(docs.bookmarks);
  await new LearnService(data.topics, engine).add(ATHENA);
  return { dir, data, backup: exportBackup(data, new Date('2025-06-01T12:00:00.000Z')) };
}

let engine: KnowledgeEngine;
let source: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
  engine = await openTestEngine({ dataDir: folder(), modelsRoot: models });
  source = await seeded(engine);
});

describe('export', () => {
  it('is one JSON object with the format, version, time and the four documents', () => {
    const b = JSON.parse(serializeBackup(source.backup)) as BackupFile;
    expect(Object.keys(b)).toEqual(['format', 'version', 'exportedAt', 'progress', 'reviews', 'bookmarks', 'topics']);
    expect(b).toMatchObject({ format: 'nimbus-backup', version: 1, exportedAt: '2025-06-01T12:00:00.000Z' });
    expect(b.progress).toEqual(sampleDocs().progress);
    expect(b.topics.items.map((t) => t.title)).toEqual(['Amazon Athena']);
  });
});

describe('import of a good file', () => {
  it('round-trips into a fresh folder; its topics are answerable at once and after a restart', async () => {
    const dir = folder();
    const target = await openTestEngine({ dataDir: dir, modelsRoot: models });
    expect((await target.ask('How does Amazon Athena charge for queries?')).abstained).toBe(true);
    const data = await openUserData(dir);
    const r = await importBackup(data, target, serializeBackup(source.backup), {
      now: () => new Date('2025-07-01T00:00:00Z'),
    });
    expect(r).toMatchObject({ lessons: 1, cards: 1, bookmarks: 1, topics: 1, exportedAt: '2025-06-01T12:00:00.000Z' });
    expect(r.undoFile).toBe(join(dir, 'backups', 'pre-import-2025-07-01T00-00-00-000Z.json'));
    expect((await target.ask('How does Amazon Athena charge for queries?')).answer).toContain('per terabyte');

    const reopened = await openUserData(dir);
    const again = exportBackup(reopened, new Date('2025-06-01T12:00:00.000Z'));
    expect(again).toEqual(source.backup);
    const restarted = await openTestEngine(
      { dataDir: dir, modelsRoot: models },
      { extraSections: sectionsOf(again.topics.items) },
    );
    expect(restarted.info().index.origin).toBe('loaded');
    expect((await restarted.ask('How does Amazon Athena charge for queries?')).abstained).toBe(false);
  });

  it('replaces what was there; the undo file brings it back (topics re-indexed both ways)', async () => {
    const other = await seeded(engine);
    const learn = new LearnService(other.data.topics, engine);
    await learn.remove(learn.list()[0].id);
    await learn.add(QLDB);
    const before = exportBackup(other.data, new Date(0));
    const r = await importBackup(other.data, engine, serializeBackup(source.backup));
    expect(other.data.topics.read().items.map((t) => t.title)).toEqual(['Amazon Athena']);
    expect((await engine.ask('What is the QLDB journal?')).abstained).toBe(true);
    await importBackup(other.data, engine, readFileSync(r.undoFile, 'utf8'));
    expect(exportBackup(other.data, new Date(0))).toEqual(before);
    expect((await engine.ask('What is the QLDB journal?')).answer).toMatch(/immutable/);
  });

  it('stores hostile text as data: topics are cleaned like typed ones, notes kept verbatim as text', async () => {
    const dir = folder();
    const data = await openUserData(dir);
    const hostile = structuredClone(source.backup);
    hostile.topics.items[0].markdown = 'Athena <script>alert(1)</script> is [serverless](javascript:alert(2)).';
    hostile.bookmarks.items[0].note = '<img src=x onerror=alert(3)> \u202e\u0007';
    await importBackup(data, undefined, serializeBackup(hostile));
    const topic = data.topics.read().items[0];
    expect(topic.markdown).not.toMatch(/script|javascript/);
    expect(topic.markdown).toContain('serverless');
    expect(data.bookmarks.read().items[0].note).toBe('<img src=x onerror=alert(3)> \u202e\u0007');
  });

  it('upgrades documents of an older schema (progress v1)', async () => {
    const old = JSON.parse(serializeBackup(source.backup)) as { progress: Record<string, unknown> };
    const lessons = old.progress.lessons as Record<string, Record<string, unknown>>;
    for (const l of Object.values(lessons)) delete l.answered;
    old.progress.schemaVersion = 1;
    const data = await openUserData(folder());
    await importBackup(data, undefined, JSON.stringify(old));
    expect(Object.values(data.progress.read().lessons)[0].answered).toEqual({});
  });
});

describe('import of a bad file changes nothing', () => {
  const good = () => JSON.parse(serializeBackup(source.backup)) as Record<string, unknown> & BackupFile;
  const cases: [string, () => string, string, RegExp][] = [
    ['malformed JSON', () => serializeBackup(source.backup).slice(0, 300), 'malformed', /not valid JSON/],
    ['an empty file', () => '', 'malformed', /not valid JSON/],
    ['another JSON file', () => JSON.stringify({ schemaVersion: 1, items: [] }), 'wrong-format', /not a Nimbus backup/],
    ['a JSON array', () => '[1,2,3]', 'wrong-format', /not a Nimbus backup/],
    [
      'another version',
      () => JSON.stringify({ ...good(), version: 2 }),
      'unsupported-version',
      /version 2; .* reads version 1/,
    ],
    [
      'a document from a newer app',
      () => JSON.stringify({ ...good(), reviews: { schemaVersion: 9, cards: {} } }),
      'unsupported-version',
      /newer version/,
    ],
    [
      'an oversized file',
      () => JSON.stringify({ ...good(), pad: 'x'.repeat(BACKUP_LIMITS.fileBytes) }),
      'too-large',
      /limit is 32\.0 MB/,
    ],
    [
      'a huge string',
      () => JSON.stringify({ ...good(), pad: 'x'.repeat(BACKUP_LIMITS.stringChars + 1) }),
      'invalid',
      /text at pad is too long/,
    ],
    [
      'a __proto__ key',
      () => serializeBackup(source.backup).replace('"lessons": {', '"lessons": {"__proto__": {"polluted": true},'),
      'invalid',
      /"__proto__"/,
    ],
    [
      'a constructor key',
      () => JSON.stringify({ ...good(), constructor: { prototype: 1 } }),
      'invalid',
      /"constructor"/,
    ],
    [
      'deep nesting',
      () => JSON.stringify({ ...good(), pad: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown }),
      'invalid',
      /nested too deeply/,
    ],
    [
      'a missing document',
      () => JSON.stringify({ ...good(), bookmarks: undefined }),
      'invalid',
      /not valid: "?bookmarks/,
    ],
    [
      'wrong types',
      () => JSON.stringify({ ...good(), progress: { schemaVersion: 2, lessons: { x: { status: 7 } } } }),
      'invalid',
      /progress: lessons\.x\.status/,
    ],
    ['a bad date', () => JSON.stringify({ ...good(), exportedAt: 'yesterday' }), 'invalid', /expected an ISO date/],
  ];
  const topicCases: [string, (b: BackupFile) => void, RegExp][] = [
    [
      'a topic without a title (after the others were fine)',
      (b) => b.topics.items.push({ ...b.topics.items[0], id: 'z', title: '<b></b>' }),
      /has no title/,
    ],
    ['a duplicated topic title', (b) => b.topics.items.push({ ...b.topics.items[0], id: 'z' }), /appears twice/],
    ['a duplicated bookmark id', (b) => b.bookmarks.items.push(b.bookmarks.items[0]), /bookmark id b1 appears twice/],
    ['a binary topic', (b) => (b.topics.items[0].markdown = 'ok\u0000\u0001'), /binary data/],
    ['a too long title', (b) => (b.topics.items[0].title = 'T'.repeat(151)), /longer than 150/],
    ['a too long note', (b) => (b.bookmarks.items[0].note = 'n'.repeat(5001)), /longer than 5000/],
    ['a too long id', (b) => (b.topics.items[0].id = 'i'.repeat(501)), /is too long/],
  ];
  const all = [
    ...cases.map(([what, text, code, msg]) => [what, text, code, msg] as const),
    ...topicCases.map(([what, edit, msg]) => {
      const text = () => {
        const b = structuredClone(source.backup);
        edit(b);
        return serializeBackup(b);
      };
      return [what, text, 'invalid', msg] as const;
    }),
  ];

  it.each(all)('(%s)', async (_, text, code, message) => {
    const before = filesOf(source.dir);
    const chunks = engine.info().chunks;
    await expect(importBackup(source.data, engine, text())).rejects.toMatchObject({
      name: 'BackupError',
      code,
      message: expect.stringMatching(message),
    });
    expect(filesOf(source.dir)).toEqual(before);
    expect(engine.info().chunks).toBe(chunks);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('(a read-only data folder): refused with a clear message', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(sampleDocs().progress));
    const before = filesOf(dir);
    const data = await openUserData(dir, { readOnly: true });
    await expect(importBackup(data, undefined, serializeBackup(source.backup))).rejects.toMatchObject({
      code: 'read-only',
      message: /Nothing was imported: opened read-only/,
    });
    expect(filesOf(dir)).toEqual(before);
  });

  it('(a write failing half way, e.g. a full disk): what was written is put back, topics too', async () => {
    const other = await seeded(engine);
    const full = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const { store } = await JsonDocumentStore.open(other.dir, DOCUMENTS.bookmarks, { writeFile: full });
    const data: UserData = { ...other.data, bookmarks: store };
    const incoming = structuredClone(source.backup);
    incoming.progress = { ...incoming.progress, current: null };
    incoming.topics.items = [{ ...incoming.topics.items[0], id: 'q', title: QLDB.title, markdown: QLDB.markdown }];
    const before = exportBackup(data, new Date(0));
    await expect(importBackup(data, engine, serializeBackup(incoming))).rejects.toMatchObject({
      code: 'write-failed',
      message: /disk is full .*nothing was changed/,
    });
    expect(exportBackup(data, new Date(0))).toEqual(before);
    expect(exportBackup(await openUserData(other.dir), new Date(0))).toEqual(before);
    expect((await engine.ask('What is the QLDB journal?')).abstained).toBe(true);
    expect((await engine.ask('How does Amazon Athena charge for queries?')).abstained).toBe(false);
  });
});
