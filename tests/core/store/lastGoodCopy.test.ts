// The last good copy (`<name>.json.bak`), typed write failures and the tidy-up of killed writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS } from '../../../electron/core/store/documents';
import { StoreWriteError } from '../../../electron/core/store/errors';
import { JsonDocumentStore, backupOf, serializeDocument } from '../../../electron/core/store/jsonDocumentStore';
import { openUserData } from '../../../electron/core/store/userData';
import { atomicWriteFile, removeStaleTemps } from '../../../electron/core/util/atomicWrite';
import { sampleDocs, tempFolder } from './fixtures';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempFolder();
});
afterEach(() => dir.cleanup());

const file = (name: string) => join(dir.path, name);
const progress = sampleDocs().progress;
const moved = { ...progress, current: { phaseId: 'phase-3', lessonId: 'net/vpc' } };

async function savedTwice(): Promise<void> {
  const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
  await store.write(progress);
  await store.write(moved);
}

describe('the last good copy', () => {
  it('holds the bytes of the last saved change (none for a fresh, unchanged document)', async () => {
    const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(existsSync(backupOf(file('progress.json')))).toBe(false);
    await store.write(moved);
    expect(store.backupLocation).toBe(file('progress.json.bak'));
    expect(readFileSync(file('progress.json.bak'), 'utf8')).toBe(readFileSync(file('progress.json'), 'utf8'));
  });

  it.each([
    ['truncated', (s: string) => s.slice(0, s.length >> 1)],
    ['garbled', () => '\u0000\u0001{{{'],
    ['of the wrong shape', () => JSON.stringify({ schemaVersion: 2, lessons: 7 })],
  ])('replaces a %s main file: moved aside, the copy loaded and written back', async (_, damage) => {
    await savedTwice();
    const bad = damage(readFileSync(file('progress.json'), 'utf8'));
    writeFileSync(file('progress.json'), bad);
    const data = await openUserData(dir.path);
    const report = data.reports.find((r) => r.document === 'progress');
    expect(report).toMatchObject({
      status: 'recovered',
      message: expect.stringMatching(/corrupt .*last good copy .*progress\.json\.bak loaded/),
    });
    expect(data.progress.read()).toEqual(moved);
    expect(readFileSync(report?.backup ?? '', 'utf8')).toBe(bad);
    expect(JSON.parse(readFileSync(file('progress.json'), 'utf8'))).toEqual(moved);
  });

  it('restores a main file that went missing', async () => {
    await savedTwice();
    rmSync(file('progress.json'));
    const data = await openUserData(dir.path);
    expect(data.reports.find((r) => r.document === 'progress')).toMatchObject({
      status: 'recovered',
      message: expect.stringMatching(/missing; restored/),
    });
    expect(data.progress.read()).toEqual(moved);
    expect(existsSync(file('progress.json'))).toBe(true);
  });

  it('falls back to defaults when the copy is damaged too', async () => {
    await savedTwice();
    writeFileSync(file('progress.json'), '{');
    writeFileSync(file('progress.json.bak'), '{"schemaVersion":');
    const data = await openUserData(dir.path);
    expect(data.reports.find((r) => r.document === 'progress')).toMatchObject({
      status: 'recovered',
      message: expect.stringMatching(/defaults loaded/),
    });
    expect(data.progress.read()).toEqual(DOCUMENTS.progress.defaults());
  });

  it('is used, in memory only, when the folder is opened read-only (nothing on disk changes)', async () => {
    await savedTwice();
    writeFileSync(file('progress.json'), 'oops');
    const before = readdirSync(dir.path).sort();
    const data = await openUserData(dir.path, { readOnly: true });
    expect(data.reports.find((r) => r.document === 'progress')).toMatchObject({
      status: 'read-only',
      message: expect.stringMatching(/left as is, its last good copy/),
    });
    expect(data.progress.read()).toEqual(moved);
    expect(readdirSync(dir.path).sort()).toEqual(before);
    expect(readFileSync(file('progress.json'), 'utf8')).toBe('oops');
  });
});

describe('a write that fails', () => {
  type Write = (path: string, data: string) => Promise<void>;
  const failing =
    (code: string): Write =>
    async () => {
      throw Object.assign(new Error(`${code}: simulated`), { code });
    };

  it.each([
    [
      'ENOSPC',
      'disk-full',
      /could not be saved .*the disk is full \(ENOSPC\)\. Nothing was changed; free some disk space/,
    ],
    ['EROFS', 'read-only', /the file system is read-only \(EROFS\)\. Nothing was changed/],
    ['EIO', 'write-failed', /EIO: simulated\. Nothing was changed/],
  ])(
    '(%s) rejects with a typed StoreWriteError; the document and the file stay as they were',
    async (code, kind, message) => {
      writeFileSync(file('bookmarks.json'), serializeDocument(sampleDocs().bookmarks));
      let write: Write = failing(code);
      const { store } = await JsonDocumentStore.open(dir.path, DOCUMENTS.bookmarks, {
        writeFile: (p, d) => write(p, d),
      });
      const err = await store.update((d) => ({ ...d, items: [] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreWriteError);
      expect(err).toMatchObject({ code: kind, document: 'bookmarks', message: expect.stringMatching(message) });
      expect(store.read()).toEqual(sampleDocs().bookmarks);
      expect(JSON.parse(readFileSync(file('bookmarks.json'), 'utf8'))).toEqual(sampleDocs().bookmarks);
      write = atomicWriteFile; // space freed: the next change goes through
      await store.update((d) => ({ ...d, items: [] }));
      expect(JSON.parse(readFileSync(file('bookmarks.json'), 'utf8')).items).toEqual([]);
    },
  );

  it('is rejected up front by a read-only folder opened with readOnlyWrites "reject"; reads still work', async () => {
    writeFileSync(file('topics.json'), serializeDocument(sampleDocs().topics));
    const data = await openUserData(dir.path, { readOnly: true, readOnlyWrites: 'reject' });
    expect(data.topics.read()).toEqual(sampleDocs().topics);
    await expect(data.topics.update((t) => ({ ...t, items: [] }))).rejects.toMatchObject({
      name: 'StoreWriteError',
      code: 'read-only',
      message: expect.stringMatching(/open read-only \(opened read-only\)\. Nothing was changed/),
    });
    expect(data.topics.read()).toEqual(sampleDocs().topics);
  });
});

describe('temp files of killed writes', () => {
  const deadPid = (): number =>
    Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

  it('are removed when their writer is gone, kept while it lives, and never loaded', async () => {
    const dead = deadPid();
    const stale = [`.progress.json.${dead}.0badf00d.tmp`, `.progress.json.bak.${dead}.0badf00d.tmp`];
    const live = `.progress.json.${process.ppid}.00c0ffee.tmp`;
    const other = `.notes.json.${dead}.0badf00d.tmp`;
    writeFileSync(file('progress.json'), serializeDocument(progress));
    for (const name of [...stale, live, other]) writeFileSync(file(name), '{"half":');
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(report.status).toBe('ok');
    expect(store.read()).toEqual(progress);
    const left = readdirSync(dir.path);
    for (const name of stale) expect(left).not.toContain(name);
    expect(left).toContain(live);
    expect(left).toContain(other);
    expect(await removeStaleTemps(dir.path, ['notes.json'])).toEqual([other]);
  });
});
