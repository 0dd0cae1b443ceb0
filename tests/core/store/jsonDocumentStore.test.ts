import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { DOCUMENTS, DOCUMENT_NAMES } from '../../../electron/core/store/documents';
import { JsonDocumentStore, serializeDocument } from '../../../electron/core/store/jsonDocumentStore';
import { openUserData } from '../../../electron/core/store/userData';
import type { ProgressDoc } from '../../../electron/core/store/schemas';
import { sampleDocs, tempFolder } from './fixtures';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempFolder();
});
afterEach(() => dir.cleanup());

const lesson = (attempts: number): ProgressDoc['lessons'][string] => ({
  status: 'in-progress',
  step: 0,
  mastery: 0,
  attempts,
  correct: 0,
  lastVisited: new Date(0).toISOString(),
  answered: {},
});

describe('JsonDocumentStore', () => {
  it('round-trips every document through the disk', async () => {
    const docs = sampleDocs();
    const first = await openUserData(dir.path);
    expect(first.reports.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created']);
    await Promise.all([
      first.settings.write(docs.settings),
      first.progress.write(docs.progress),
      first.reviews.write(docs.reviews),
      first.bookmarks.write(docs.bookmarks),
      first.topics.write(docs.topics),
    ]);
    const again = await openUserData(dir.path);
    expect(again.reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    for (const name of DOCUMENT_NAMES) expect(again[name].read()).toEqual(docs[name]);
  });

  it("writes electron-store's format: conf reads our files, and we read conf's", async () => {
    const docs = sampleDocs();
    const data = await openUserData(dir.path);
    await data.progress.write(docs.progress);
    const file = join(dir.path, 'progress.json');
    expect(readFileSync(file, 'utf8')).toBe(serializeDocument(docs.progress));
    expect(new Conf<Record<string, unknown>>({ cwd: dir.path, configName: 'progress' }).store).toEqual(docs.progress);

    const viaConf = new Conf<Record<string, unknown>>({ cwd: dir.path, configName: 'bookmarks' });
    viaConf.store = docs.bookmarks;
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.bookmarks);
    expect(report.status).toBe('ok');
    expect(store.read()).toEqual(docs.bookmarks);
  });

  it('strips unknown keys instead of failing, and fills missing settings from defaults', async () => {
    writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ schemaVersion: 1, theme: 'light', future: 1 }));
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.settings);
    expect(report.status).toBe('ok');
    expect(store.read()).toEqual({ ...DOCUMENTS.settings.defaults(), theme: 'light' });
  });

  it('ignores a stale temp file left by a crashed write and loads the last good document', async () => {
    const good = sampleDocs().progress;
    writeFileSync(join(dir.path, 'progress.json'), serializeDocument(good));
    const half = serializeDocument({ ...good, current: null }).slice(0, 40);
    writeFileSync(join(dir.path, '.progress.json.4242.deadbeef.tmp'), half);
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(report.status).toBe('ok');
    expect(store.read()).toEqual(good);
  });

  it('keeps the old file and value when a write dies before the rename', async () => {
    const good = sampleDocs().progress;
    writeFileSync(join(dir.path, 'progress.json'), serializeDocument(good));
    let crash = true;
    const crashingWrite = async (path: string, data: string): Promise<void> => {
      if (!crash) return writeFile(path, data);
      await writeFile(`${path}.crash.tmp`, data.slice(0, 10)); // half a temp file, then "power loss"
      throw new Error('simulated crash');
    };
    const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress, { writeFile: crashingWrite });
    await expect(store.update((d) => ({ ...d, current: null }))).rejects.toThrow('simulated crash');
    expect(store.read()).toEqual(good);
    expect(JSON.parse(readFileSync(join(dir.path, 'progress.json'), 'utf8'))).toEqual(good);
    crash = false;
    await store.update((d) => ({ ...d, current: null }));
    expect(JSON.parse(readFileSync(join(dir.path, 'progress.json'), 'utf8')).current).toBeNull();
  });

  it('serialises 50 concurrent updates: none lost, the file valid JSON throughout', async () => {
    const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    const file = join(dir.path, 'progress.json');
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.update((d) => {
          // Every intermediate state on disk parses and matches what this update starts from.
          const onDisk = JSON.parse(readFileSync(file, 'utf8')) as ProgressDoc;
          const n = d.lessons.x?.attempts ?? 0;
          expect(onDisk.lessons.x?.attempts ?? 0).toBe(n);
          seen.push(n);
          return { ...d, lessons: { x: lesson(n + 1) } };
        }),
      ),
    );
    expect(store.read().lessons.x.attempts).toBe(50);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((JSON.parse(readFileSync(file, 'utf8')) as ProgressDoc).lessons.x.attempts).toBe(50);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const reopened = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(reopened.store.read().lessons.x.attempts).toBe(50);
  });

  it('rejects an invalid document without writing it, and keeps the queue going', async () => {
    const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.settings);
    const before = readFileSync(join(dir.path, 'settings.json'), 'utf8');
    await expect(store.write({ ...store.read(), speechRate: 9 })).rejects.toThrow();
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(readFileSync(join(dir.path, 'settings.json'), 'utf8')).toBe(before);
    await store.update((s) => ({ ...s, theme: 'dark' }));
    expect(store.read().theme).toBe('dark');
  });
});
