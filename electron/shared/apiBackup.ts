/**
 * Contract, part four: backup and restore of the learner's data (progress, review cards,
 * bookmarks and self-learned topics) as one JSON file. The document crosses as text: export hands
 * it to the page to save, import takes the text of the chosen file. Core validates it completely
 * before anything changes (electron/core/backup).
 */
import { z } from 'zod';
import { MAX_BACKUP_BYTES } from './constants';

// backup.export(): the backup document and the file name to suggest
export const BackupExportSchema = z.object({
  /** e.g. nimbus-backup-2025-01-31.json */
  fileName: z.string(),
  /** The backup file's text (JSON). */
  json: z.string(),
});
export type BackupExportDto = z.infer<typeof BackupExportSchema>;

// backup.import({json}): replaces the learner's data with the backup's, all or nothing.
// A string never has more UTF-16 units than UTF-8 bytes, so this bound is looser than core's byte limit.
export const BackupImportRequestSchema = z.object({ json: z.string().max(MAX_BACKUP_BYTES) });
export type BackupImportRequest = z.infer<typeof BackupImportRequestSchema>;
export const BackupImportSummarySchema = z.object({
  progressLessons: z.number().int().nonnegative(),
  reviewCards: z.number().int().nonnegative(),
  bookmarks: z.number().int().nonnegative(),
  topics: z.number().int().nonnegative(),
  /** When the imported file was exported. */
  exportedAt: z.string(),
  /** The data as it was before the import (a backup file: import it to undo). */
  undoFile: z.string(),
});
export type BackupImportSummaryDto = z.infer<typeof BackupImportSummarySchema>;
