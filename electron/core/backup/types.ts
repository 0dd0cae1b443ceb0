import type { BookmarksDoc, ProgressDoc, ReviewDoc, TopicsDoc } from '../store/schemas';

export const BACKUP_FORMAT = 'nimbus-backup';
export const BACKUP_VERSION = 1;

/** What a backup carries: the learner's own data (settings and the index are not part of it). */
export interface BackupDocs {
  progress: ProgressDoc;
  reviews: ReviewDoc;
  bookmarks: BookmarksDoc;
  topics: TopicsDoc;
}

/** One JSON file: `npm run -s cli -- export FILE` writes it, `import FILE` reads it. */
export interface BackupFile extends BackupDocs {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
}

export type BackupErrorCode =
  'too-large' | 'malformed' | 'wrong-format' | 'unsupported-version' | 'invalid' | 'read-only' | 'write-failed';

/** An import or export that did not happen; on import nothing was changed. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
