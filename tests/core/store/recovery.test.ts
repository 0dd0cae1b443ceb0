import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DOCUMENTS, DOCUMENT_NAMES } from '../../../electron/core/store/documents';
import { JsonDocumentStore, serializeDocument } from '../../../electron/core/store/jsonDocumentStore';
import { openUserData } from '../../../electron/core/store/userData';
import { sampleDocs, tempFolder } from './fixtures';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempFolder();
});
afterEach(() => dir.cleanup());

function writeAll(): void {
  const docs = sampleDocs();
  for (const name of DOCUMENT_NAMES) writeFileSync(join(dir.path, `${name}.json`), serializeDocument(docs[name]));
}

const good = serializeDocument(sampleDocs().progress);
const corruptions: [string, Buffer][] = [
  ['garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x42, 0x13, 0x37, 0x00, 0x7b])],
  ['truncated JSON', Buffer.from(good.slice(0, Math.floor(good.length / 2)))],
  ['wrong types', Buffer.from(JSON.stringify({ schemaVersion: 2, lessons: { x: { status: 42 } }, current: 'nope' }))],
  ['not an object', Buffer.from('[1,2,3]')],
  ['a bad schemaVersion', Buffer.from(JSON.stringify({ schemaVersion: 'two', lessons: {} }))],
];

describe('a corrupt document', () => {
  it.each(corruptions)('(%s) is backed up byte for byte, reported, reset; the others still load', async (_, bytes) => {
    writeAll();
    writeFileSync(join(dir.path, 'progress.json'), bytes);
    const data = await openUserData(dir.path);

    const report = data.reports.find((r) => r.document === 'progress');
    expect(report).toMatchObject({ status: 'recovered', message: expect.stringMatching(/corrupt/) });
    expect(basename(report?.backup ?? '')).toMatch(/^progress\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
    expect(readFileSync(report?.backup ?? '')).toEqual(bytes);
    expect(data.progress.read()).toEqual(DOCUMENTS.progress.defaults());
    expect(JSON.parse(readFileSync(join(dir.path, 'progress.json'), 'utf8'))).toEqual(DOCUMENTS.progress.defaults());

    const docs = sampleDocs();
    for (const name of DOCUMENT_NAMES.filter((n) => n !== 'progress')) {
      expect(data.reports.find((r) => r.document === name)?.status).toBe('ok');
      expect(data[name].read()).toEqual(docs[name]);
    }
    await data.progress.update((d) => ({ ...d, current: { phaseId: 'p1', lessonId: 'l1' } }));
    expect((await openUserData(dir.path)).progress.read().current).toEqual({ phaseId: 'p1', lessonId: 'l1' });
  });

  it('gets a distinct backup name each time, even within the same millisecond', async () => {
    const now = () => new Date('2025-05-05T05:05:05.005Z');
    const backups: string[] = [];
    for (const junk of ['{', '{{']) {
      writeFileSync(join(dir.path, 'topics.json'), junk);
      const { report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.topics, { now });
      backups.push(report.backup ?? '');
    }
    expect(backups.map((b) => basename(b))).toEqual([
      'topics.corrupt-2025-05-05T05-05-05-005Z.json',
      'topics.corrupt-2025-05-05T05-05-05-005Z-1.json',
    ]);
    expect(backups.map((b) => readFileSync(b, 'utf8'))).toEqual(['{', '{{']);
  });

  it('is left alone (not renamed, not overwritten) when opened read-only', async () => {
    writeFileSync(join(dir.path, 'bookmarks.json'), '{"schemaVersion":1,"items":[{"id":');
    const data = await openUserData(dir.path, { readOnly: true });
    expect(data.reports.find((r) => r.document === 'bookmarks')).toMatchObject({
      status: 'read-only',
      message: expect.stringMatching(/corrupt.*left as is/),
    });
    expect(data.bookmarks.read()).toEqual(DOCUMENTS.bookmarks.defaults());
    expect(readdirSync(dir.path)).toEqual(['bookmarks.json']);
    expect(existsSync(join(dir.path, 'settings.json'))).toBe(false);
  });
});
