import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS } from '../../../electron/core/store/documents';
import { JsonDocumentStore } from '../../../electron/core/store/jsonDocumentStore';
import { MigrationError, runMigrations, type Migration } from '../../../electron/core/store/migrations';
import { openUserData } from '../../../electron/core/store/userData';
import { tempFolder } from './fixtures';

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempFolder();
});
afterEach(() => dir.cleanup());

// Written by hand the way v1 of the app stored progress: lessons had no `answered`.
const progressV1 = `{
	"schemaVersion": 1,
	"lessons": {
		"compute/ec2": { "status": "done", "step": 7, "mastery": 0.9, "attempts": 10, "correct": 9, "lastVisited": "2025-02-01T08:00:00.000Z" },
		"storage/s3": { "status": "in-progress", "step": 2, "mastery": 0.3, "attempts": 3, "correct": 1, "lastVisited": "2025-02-02T08:00:00.000Z" }
	},
	"current": { "phaseId": "phase-2", "lessonId": "storage/s3" }
}`;

describe('migrations', () => {
  it('migrates a hand-written progress v1 file to v2 and saves it', async () => {
    const file = join(dir.path, 'progress.json');
    writeFileSync(file, progressV1);
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(report).toMatchObject({
      document: 'progress',
      status: 'migrated',
      message: expect.stringMatching(/v1 to v2/),
    });
    const doc = store.read();
    expect(doc.schemaVersion).toBe(2);
    expect(doc.lessons['compute/ec2']).toMatchObject({ status: 'done', attempts: 10, answered: {} });
    expect(doc.lessons['storage/s3'].answered).toEqual({});
    expect(doc.current).toEqual({ phaseId: 'phase-2', lessonId: 'storage/s3' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(doc);
    const again = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(again.report.status).toBe('ok');
  });

  it('treats a file without schemaVersion as v1', async () => {
    const v1 = JSON.parse(progressV1) as Record<string, unknown>;
    delete v1.schemaVersion;
    writeFileSync(join(dir.path, 'progress.json'), JSON.stringify(v1));
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.progress);
    expect(report.status).toBe('migrated');
    expect(store.read().lessons['compute/ec2'].answered).toEqual({});
  });

  it('migrates in memory only when opened read-only', async () => {
    writeFileSync(join(dir.path, 'progress.json'), progressV1);
    const data = await openUserData(dir.path, { readOnly: true });
    expect(data.reports[1]).toMatchObject({ status: 'read-only', message: expect.stringMatching(/in memory only/) });
    expect(data.progress.read().schemaVersion).toBe(2);
    expect(readFileSync(join(dir.path, 'progress.json'), 'utf8')).toBe(progressV1);
  });

  it('walks several steps and refuses a gap', () => {
    const steps: Migration[] = [
      { from: 1, to: 2, migrate: (d) => ({ ...d, a: 1 }) },
      { from: 2, to: 3, migrate: (d) => ({ ...d, b: 2 }) },
    ];
    expect(runMigrations({ schemaVersion: 1 }, 1, 3, steps)).toEqual({ schemaVersion: 3, a: 1, b: 2 });
    expect(() => runMigrations({ schemaVersion: 1 }, 1, 4, steps)).toThrow(MigrationError);
  });
});

describe('a file from a newer schema version', () => {
  it('is never overwritten; the document works read-only in memory', async () => {
    const file = join(dir.path, 'progress.json');
    const newer = JSON.stringify({
      schemaVersion: 3,
      lessons: {},
      current: null,
      streaks: { days: 12 }, // something only the newer app knows
    });
    writeFileSync(file, newer);
    const data = await openUserData(dir.path);
    const report = data.reports.find((r) => r.document === 'progress');
    expect(report).toMatchObject({ status: 'read-only', message: expect.stringMatching(/newer version.*v3.*v2/) });
    expect(data.reports.filter((r) => r.document !== 'progress').map((r) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
    ]);
    expect(data.progress.read().lessons).toEqual({});
    await data.progress.update((d) => ({ ...d, current: { phaseId: 'p', lessonId: 'l' } }));
    expect(data.progress.read().current).toEqual({ phaseId: 'p', lessonId: 'l' });
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('falls back to defaults in memory when today’s schema cannot read it', async () => {
    const file = join(dir.path, 'settings.json');
    const newer = JSON.stringify({ schemaVersion: 7, theme: { name: 'solarized' } });
    writeFileSync(file, newer);
    const { store, report } = await JsonDocumentStore.open(dir.path, DOCUMENTS.settings);
    expect(report.status).toBe('read-only');
    expect(store.read()).toEqual(DOCUMENTS.settings.defaults());
    await store.write({ ...store.read(), theme: 'dark' });
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });
});
