// Backup and restore of the learner's data as one JSON file: progress, review cards, bookmarks and
// self-learned topics (settings and the search index are not included: they are rebuilt or kept).
//
// Import replaces, all or nothing: the file is validated completely first (validate.ts), and a bad
// file changes nothing. A good one is applied only after the current data has been saved to
// `<data folder>/backups/pre-import-<time>.json` (itself a backup file: import it to undo). Topics
// are indexed at once through the engine, so they are answerable right after the import; if any
// step fails, what was already changed is put back.
import { join } from 'node:path';
import type { Section } from '../knowledge/types';
import type { TopicIndex } from '../learn/LearnService';
import { sectionsOf } from '../learn/topics';
import type { UserData } from '../store/userData';
import { atomicWriteFile } from '../util/atomicWrite';
import { describeWriteFailure } from '../util/fsErrors';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupDocs, type BackupFile } from './types';
import { parseBackup } from './validate';

export { parseBackup, BACKUP_LIMITS } from './validate';
export { BackupError, BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, type BackupDocs } from './types';

type LearnerStores = Pick<UserData, 'progress' | 'reviews' | 'bookmarks' | 'topics'>;

export interface ImportReport {
  lessons: number;
  cards: number;
  bookmarks: number;
  topics: number;
  /** When the imported file was exported. */
  exportedAt: string;
  /** The data as it was before the import: import this file to undo. */
  undoFile: string;
}

function snapshot(data: LearnerStores): BackupDocs {
  return {
    progress: data.progress.read(),
    reviews: data.reviews.read(),
    bookmarks: data.bookmarks.read(),
    topics: data.topics.read(),
  };
}

/** The learner's data as one backup object (write it with serializeBackup). */
export function exportBackup(data: LearnerStores, now: Date = new Date()): BackupFile {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), ...snapshot(data) };
}

export function serializeBackup(backup: BackupFile): string {
  return JSON.stringify(backup, null, 2) + '\n';
}

export interface ImportOptions {
  now?: () => Date;
}

/**
 * Validates `text` as a backup and, only if all of it is valid, replaces the learner's progress,
 * reviews, bookmarks and topics with it (topics indexed through `engine` when given). Throws a
 * BackupError, having changed nothing, when the file is bad, the folder is read-only or a write
 * fails.
 */
export async function importBackup(
  data: UserData,
  engine: TopicIndex | undefined,
  text: string,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const { docs, exportedAt } = parseBackup(text);
  if (data.readOnly) {
    const why = data.reports.find((r) => r.status === 'read-only')?.message ?? 'the data folder is read-only';
    throw new BackupError('read-only', `Nothing was imported: ${why}.`);
  }
  const now = (opts.now ?? (() => new Date()))();
  const before = snapshot(data);
  const undoFile = join(data.dataDir, 'backups', `pre-import-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  try {
    await atomicWriteFile(undoFile, serializeBackup(exportBackup(data, now)));
  } catch (e) {
    throw new BackupError(
      'write-failed',
      `Nothing was imported: the current data could not be saved to ${undoFile} first (${describeWriteFailure(e).reason}).`,
    );
  }
  await applyAll(data, engine, before, docs);
  return {
    lessons: Object.keys(docs.progress.lessons).length,
    cards: Object.keys(docs.reviews.cards).length,
    bookmarks: docs.bookmarks.items.length,
    topics: docs.topics.items.length,
    exportedAt,
    undoFile,
  };
}

async function applyAll(data: LearnerStores, engine: TopicIndex | undefined, before: BackupDocs, docs: BackupDocs) {
  const ids = (sections: Section[]) => sections.map((s) => s.id);
  const oldSections = sectionsOf(before.topics.items);
  const newSections = sectionsOf(docs.topics.items);
  // Each step with the step that takes it back; on a failure the done ones are undone, last first.
  const steps: { apply: () => Promise<unknown>; undo: () => Promise<unknown> }[] = [
    {
      apply: async () => {
        if (!engine) return;
        await engine.removeSections(ids(oldSections));
        await engine.addSections(newSections);
      },
      undo: async () => {
        if (!engine) return;
        await engine.removeSections(ids(newSections));
        await engine.addSections(oldSections);
      },
    },
    { apply: () => data.progress.write(docs.progress), undo: () => data.progress.write(before.progress) },
    { apply: () => data.reviews.write(docs.reviews), undo: () => data.reviews.write(before.reviews) },
    { apply: () => data.bookmarks.write(docs.bookmarks), undo: () => data.bookmarks.write(before.bookmarks) },
    { apply: () => data.topics.write(docs.topics), undo: () => data.topics.write(before.topics) },
  ];
  const done: (typeof steps)[number][] = [];
  try {
    for (const step of steps) {
      done.push(step); // a half-applied step is undone too
      await step.apply();
    }
  } catch (e) {
    for (const step of done.reverse()) await step.undo().catch(() => undefined);
    throw new BackupError(
      'write-failed',
      `The backup could not be imported (${describeWriteFailure(e).reason}); nothing was changed.`,
    );
  }
}
