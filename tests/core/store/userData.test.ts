import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS, DOCUMENT_NAMES } from '../../../electron/core/store/documents';
import { serializeDocument } from '../../../electron/core/store/jsonDocumentStore';
import { memoryUserData, openUserData, type UserData } from '../../../electron/core/store/userData';
import { sampleDocs, tempFolder } from './fixtures';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempFolder();
});
afterEach(() => {
  chmodSync(dir.path, 0o755);
  dir.cleanup();
});

/** The app keeps working: every store updates in memory. */
async function expectMemoryFallback(data: UserData): Promise<void> {
  expect(data.readOnly).toBe(true);
  await data.settings.update((s) => ({ ...s, theme: 'dark' }));
  expect(data.settings.read().theme).toBe('dark');
  await data.topics.update((t) => ({ ...t, items: sampleDocs().topics.items }));
  expect(data.topics.read().items).toHaveLength(1);
}

describe('openUserData', () => {
  it('creates a missing folder and every document, then reopens them as ok', async () => {
    const nested = join(dir.path, 'a', 'b');
    const data = await openUserData(nested);
    expect(data.readOnly).toBe(false);
    expect(data.reports).toEqual(DOCUMENT_NAMES.map((document) => ({ document, status: 'created' })));
    expect(readdirSync(nested).sort()).toEqual(DOCUMENT_NAMES.map((n) => `${n}.json`).sort());
    for (const name of DOCUMENT_NAMES) expect(data[name].location).toBe(join(nested, `${name}.json`));
    const again = await openUserData(nested);
    expect(again.reports.every((r) => r.status === 'ok')).toBe(true);
  });

  it('reads but never writes when asked for read-only', async () => {
    const docs = sampleDocs();
    writeFileSync(join(dir.path, 'settings.json'), serializeDocument(docs.settings));
    const data = await openUserData(dir.path, { readOnly: true });
    expect(data.reports.every((r) => r.status === 'read-only')).toBe(true);
    expect(data.settings.read()).toEqual(docs.settings);
    await expectMemoryFallback(data);
    expect(readdirSync(dir.path)).toEqual(['settings.json']);
    expect(readFileSync(join(dir.path, 'settings.json'), 'utf8')).toBe(serializeDocument(docs.settings));
  });

  it('falls back to memory when the data folder cannot be written (chmod 555, or a file in the way as root)', async () => {
    const docs = sampleDocs();
    writeFileSync(join(dir.path, 'progress.json'), serializeDocument(docs.progress));
    chmodSync(dir.path, 0o555);
    // root ignores permission bits: detect that and block the folder another way.
    let blocked = true;
    try {
      writeFileSync(join(dir.path, 'probe'), '');
      rmSync(join(dir.path, 'probe'));
      blocked = false;
    } catch {
      // permissions work here
    }
    const target = blocked ? dir.path : join(dir.path, 'progress.json', 'data');
    const data = await openUserData(target);
    expect(data.reports).toHaveLength(5);
    for (const r of data.reports) {
      expect(r).toMatchObject({ status: 'read-only', message: expect.stringMatching(/cannot be written/) });
    }
    if (blocked) expect(data.progress.read()).toEqual(docs.progress); // existing data is still read
    await expectMemoryFallback(data);
    chmodSync(dir.path, 0o755);
    expect(readdirSync(dir.path)).toEqual(['progress.json']);
  });

  it('falls back to memory when a file sits where the folder should be', async () => {
    const file = join(dir.path, 'not-a-folder');
    writeFileSync(file, 'x');
    const data = await openUserData(file);
    expect(data.reports.map((r) => r.status)).toEqual(DOCUMENT_NAMES.map(() => 'read-only'));
    expect(data.reports[0].message).toMatch(/not-a-folder cannot be written \((EEXIST|ENOTDIR)\)/);
    expect(data.settings.read()).toEqual(DOCUMENTS.settings.defaults());
    await expectMemoryFallback(data);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('memoryUserData', () => {
  it('starts from defaults or given documents and never touches the disk', async () => {
    const docs = sampleDocs();
    const data = memoryUserData({ bookmarks: docs.bookmarks });
    expect(data.bookmarks.read()).toEqual(docs.bookmarks);
    expect(data.progress.read()).toEqual(DOCUMENTS.progress.defaults());
    expect(data.progress.location).toBe('memory:progress');
    await expectMemoryFallback(data);
    expect(existsSync(data.dataDir)).toBe(false);
  });
});
