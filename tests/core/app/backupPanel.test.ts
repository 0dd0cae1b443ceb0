// The app's backup calls through NimbusServices.dispatch (as IPC and HTTP reach them): export →
// import round trip into another data folder, imported topics answerable at once, and malformed or
// hostile files refused with a typed failure that changed nothing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NimbusServices } from '../../../electron/core/app/services';
import { backupFileName } from '../../../electron/core/app/backupPanel';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';
import { ApiCalls, MAX_BACKUP_BYTES } from '../../../electron/shared/api';
import { tempDir } from '../../helpers/engine';
import { filesOf } from '../../helpers/files';

const root = tempDir('backup-panel');
const models = join(root.path, 'models');
const NOW = new Date('2025-06-01T12:00:00.000Z');
const ATHENA = {
  title: 'Amazon Athena',
  markdown: 'Athena runs SQL queries on data in S3 and charges per terabyte scanned.',
};
const QUESTION = 'How does Amazon Athena charge for queries?';

const open = (name: string) =>
  NimbusServices.open({
    contentDir: defaultContentDir(),
    tokenizerDir: vendoredTokenizerDir(),
    dataDir: join(root.path, name),
    modelsRoot: models,
    embedder: 'static',
    modelSource: { kind: 'dir', dir: join(root.path, 'no-model-source') },
    clock: () => NOW,
  });

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

let source: NimbusServices;
let target: NimbusServices;
let exported: { fileName: string; json: string };
beforeAll(async () => {
  source = await open('source');
  value(await source.dispatch('learn.add', ATHENA));
  const hit = value(await source.dispatch('search', { query: 'NAT gateway', limit: 1 }))[0];
  value(
    await source.dispatch('bookmarks.add', { target: { kind: 'section', sectionId: hit.sectionId }, note: 'mine' }),
  );
  value(await source.dispatch('tutor', { cmd: 'start' }));
  target = await open('target');
  value(await target.dispatch('tutor', { cmd: 'goto', phaseId: 'phase3' }));
}, 240_000);
afterAll(() => root.cleanup());

describe('backup.export / backup.import through dispatch', () => {
  it('exports the learner data as one backup document with a dated file name', async () => {
    const r = await source.dispatch('backup.export', undefined);
    expect(ApiCalls['backup.export'].result.safeParse(r).success).toBe(true);
    exported = value(r);
    expect(exported.fileName).toBe('nimbus-backup-2025-06-01.json');
    expect(backupFileName(new Date('2024-12-31T23:59:59Z'))).toBe('nimbus-backup-2024-12-31.json');
    const doc = JSON.parse(exported.json) as { format: string; topics: { items: { title: string }[] } };
    expect(doc.format).toBe('nimbus-backup');
    expect(doc.topics.items.map((t) => t.title)).toEqual(['Amazon Athena']);
  });

  it('imports into another folder; the topic is answerable at once, bookmarks and progress are there', async () => {
    expect(value(await target.dispatch('ask', QUESTION)).abstained).toBe(true);
    const r = await target.dispatch('backup.import', { json: exported.json });
    expect(ApiCalls['backup.import'].result.safeParse(r).success).toBe(true);
    const summary = value(r);
    expect(summary).toMatchObject({ bookmarks: 1, topics: 1, exportedAt: NOW.toISOString() });
    expect(summary.progressLessons).toBeGreaterThan(0);
    expect(summary.undoFile).toBe(join(root.path, 'target', 'backups', 'pre-import-2025-06-01T12-00-00-000Z.json'));

    const answer = value(await target.dispatch('ask', QUESTION));
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('per terabyte');
    expect(value(await target.dispatch('learn.list', undefined)).map((t) => t.title)).toEqual(['Amazon Athena']);
    const groups = value(await target.dispatch('bookmarks.list', undefined));
    expect(groups.flatMap((g) => g.items.map((b) => b.note))).toEqual(['mine']);
    // The round trip is exact: exporting again gives the same documents.
    const again = JSON.parse(value(await target.dispatch('backup.export', undefined)).json) as Record<string, unknown>;
    const first = JSON.parse(exported.json) as Record<string, unknown>;
    for (const k of ['progress', 'reviews', 'bookmarks', 'topics']) expect(again[k], k).toEqual(first[k]);
    // The lesson open before the import belonged to the replaced progress: it is closed, and
    // starting resumes where the backup left off (the source's first lesson).
    const next = await target.dispatch('tutor', { cmd: 'next' });
    expect(next.ok).toBe(false);
    const resumed = value(await target.dispatch('tutor', { cmd: 'start' }));
    const sourceLesson = value(await source.dispatch('tutor', { cmd: 'start' })).find((e) => e.type === 'lesson');
    expect(sourceLesson?.type === 'lesson' && sourceLesson.phaseId).toBe('phase1');
    expect(resumed.find((e) => e.type === 'lesson')).toMatchObject({ lessonId: sourceLesson?.lessonId });
  });

  it('refuses malformed and hostile files with a typed failure, changing nothing', async () => {
    const dir = join(root.path, 'target');
    const before = filesOf(dir);
    const good = JSON.parse(exported.json) as Record<string, unknown> & { topics: { items: object[] } };
    const withTopic = (markdown: string) =>
      JSON.stringify({
        ...good,
        topics: { ...good.topics, items: [{ ...good.topics.items[0], title: 'Amazon Evil', markdown }] },
      });
    const cases: [string, unknown, string][] = [
      ['not JSON', { json: '{"format": "nimbus-backup", ' }, 'malformed'],
      ['another format', { json: JSON.stringify({ format: 'other', version: 1 }) }, 'wrong-format'],
      ['a newer version', { json: JSON.stringify({ ...good, version: 99 }) }, 'unsupported-version'],
      [
        'a prototype key',
        { json: exported.json.replace('"progress":', '"__proto__": {"polluted": true}, "progress":') },
        'invalid',
      ],
      [
        'a broken document',
        { json: JSON.stringify({ ...good, bookmarks: { schemaVersion: 1, items: 'x' } }) },
        'invalid',
      ],
      ['a topic with binary text', { json: withTopic('Evil \u0000\u0001\u0002 bytes') }, 'invalid'],
      ['an empty topic', { json: withTopic('   ') }, 'invalid'],
      ['too large for the contract', { json: ' '.repeat(MAX_BACKUP_BYTES + 1) }, 'invalid-request'],
      ['no payload', undefined, 'invalid-request'],
      ['not text', { json: 42 }, 'invalid-request'],
    ];
    for (const [what, payload, code] of cases) {
      const r = await target.dispatch('backup.import', payload);
      expect(ApiCalls['backup.import'].result.safeParse(r).success, what).toBe(true);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.error.code, `${what}: ${r.error.message}`).toBe(code);
      expect(filesOf(dir), `${what} changed the data folder`).toEqual(before);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still the imported data, still answerable.
    expect(value(await target.dispatch('ask', QUESTION)).abstained).toBe(false);
    expect(value(await target.dispatch('learn.list', undefined)).map((t) => t.title)).toEqual(['Amazon Athena']);
  });
});
