// `export FILE` / `import FILE`: the learner's progress, reviews, bookmarks and self-learned topics
// as one JSON file. Import validates the whole file before changing anything and saves the current
// data to <data folder>/backups/pre-import-<time>.json first (import that file to undo).
import { stat, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  BACKUP_LIMITS,
  BackupError,
  exportBackup,
  importBackup,
  parseBackup,
  serializeBackup,
} from '../core/backup/backup';
import { openUserData } from '../core/store/userData';
import { atomicWriteFile } from '../core/util/atomicWrite';
import { CliError, resolvedPaths, type GlobalOptions } from './common';
import { openLearnerSession } from './session';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asCliError(err: unknown): never {
  if (err instanceof BackupError)
    throw new CliError(err.message, err.code === 'read-only' || err.code === 'write-failed' ? 1 : 2);
  throw err;
}

export async function runExport(g: GlobalOptions, file: string | undefined): Promise<number> {
  if (!file) throw new CliError('export FILE: where to write the backup', 2);
  // Read-only: exporting never writes to (or repairs) the data folder.
  const data = await openUserData(resolvedPaths(g).dataDir, { readOnly: true });
  for (const r of data.reports)
    if (r.message && r.message !== 'opened read-only') process.stderr.write(`nimbus: ${r.document}: ${r.message}\n`);
  const backup = exportBackup(data);
  const target = resolve(file);
  await atomicWriteFile(target, serializeBackup(backup));
  const counts = {
    lessons: Object.keys(backup.progress.lessons).length,
    cards: Object.keys(backup.reviews.cards).length,
    bookmarks: backup.bookmarks.items.length,
    topics: backup.topics.items.length,
  };
  process.stdout.write(
    g.json
      ? JSON.stringify({ file: target, ...counts }) + '\n'
      : `Exported ${counts.lessons} lesson(s), ${counts.cards} review card(s), ${counts.bookmarks} bookmark(s) and ${counts.topics} topic(s) to ${target}.\n`,
  );
  return 0;
}

export async function runImport(g: GlobalOptions, file: string | undefined): Promise<number> {
  if (!file) throw new CliError('import FILE: the backup to restore (made by "export FILE")', 2);
  const path = resolve(file);
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > BACKUP_LIMITS.fileBytes) throw new BackupError('too-large', `${path} is too large to be a backup.`);
    text = utf8.decode(await readFile(path));
    parseBackup(text); // a bad file fails here, before the engine is opened
  } catch (err) {
    if (err instanceof TypeError) throw new CliError(`${path} is not a Nimbus backup (not UTF-8 text).`, 2);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new CliError(`No backup file at ${path}.`, 2);
    return asCliError(err);
  }
  const session = await openLearnerSession(g);
  try {
    const r = await importBackup(session.data, session.engine, text);
    process.stdout.write(
      g.json
        ? JSON.stringify(r) + '\n'
        : `Imported ${r.lessons} lesson(s), ${r.cards} review card(s), ${r.bookmarks} bookmark(s) and ${r.topics} topic(s) (exported ${r.exportedAt}).\n` +
            `Your previous data is in ${r.undoFile}; import it to undo.\n`,
    );
    return 0;
  } catch (err) {
    return asCliError(err);
  }
}
