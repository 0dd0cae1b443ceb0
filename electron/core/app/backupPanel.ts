/**
 * The app's backup calls over core's backup module: export the learner's data as one JSON
 * document (the page saves it), and import one, validated completely before anything changes.
 * Imported topics are indexed through the engine at once (as the CLI's `import FILE` does), so
 * they are answerable right after. Failures are BackupErrors, whose codes pass through as is.
 */
import { exportBackup, importBackup, serializeBackup } from '../backup/backup';
import type { BackupExportDto, BackupImportSummaryDto } from '../../shared/apiBackup';
import type { CoreSession } from './services';

/** The suggested file name for a backup made at `now` (its UTC date). */
export function backupFileName(now: Date): string {
  return `nimbus-backup-${now.toISOString().slice(0, 10)}.json`;
}

/** The learner's progress, review cards, bookmarks and topics as the text of one backup file. */
export function exportForApp(s: Pick<CoreSession, 'data'>, now: Date = new Date()): BackupExportDto {
  return { fileName: backupFileName(now), json: serializeBackup(exportBackup(s.data, now)) };
}

/** Replaces the learner's data with the backup in `json`, all or nothing (throws a BackupError). */
export async function importForApp(
  s: Pick<CoreSession, 'data' | 'engine' | 'tutor'>,
  json: string,
  now?: () => Date,
): Promise<BackupImportSummaryDto> {
  const r = await importBackup(s.data, s.engine, json, { now });
  // The open lesson belongs to the replaced progress; the next start resumes from the imported one.
  s.tutor.reset();
  return {
    progressLessons: r.lessons,
    reviewCards: r.cards,
    bookmarks: r.bookmarks,
    topics: r.topics,
    exportedAt: r.exportedAt,
    undoFile: r.undoFile,
  };
}
