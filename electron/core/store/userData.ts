// The learner's data folder (shared by the CLI and the app): five independent documents, each
// opened on its own so one bad file never stops the rest from loading.
import { mkdir, open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MemoryDocumentStore, type DocumentStore } from './documentStore';
import { DOCUMENTS, type DocumentName, type Documents } from './documents';
import { JsonDocumentStore, type StoreReport } from './jsonDocumentStore';

export type { StoreReport } from './jsonDocumentStore';
export { StoreWriteError } from './errors';

export type UserDataStores = { [K in DocumentName]: DocumentStore<Documents[K]> };

export interface UserData extends UserDataStores {
  /** One report per document: settings, progress, reviews, bookmarks, topics. */
  reports: StoreReport[];
  /** True when nothing is saved this session (folder unwritable, or asked for). */
  readOnly: boolean;
  dataDir: string;
}

export interface OpenUserDataOptions {
  readOnly?: boolean;
  /** When read-only: keep changes in memory for the session (default) or reject them (StoreWriteError). */
  readOnlyWrites?: 'memory' | 'reject';
}

export async function openUserData(dataDir: string, opts: OpenUserDataOptions = {}): Promise<UserData> {
  const dir = resolve(dataDir);
  const reason = opts.readOnly ? 'opened read-only' : await unwritableReason(dir);
  const readOnly = reason !== null;
  const o = readOnly ? { readOnly, readOnlyReason: reason, readOnlyWrites: opts.readOnlyWrites } : {};
  // Spelled out per document (not a loop) so each store keeps its own document type.
  const [settings, progress, reviews, bookmarks, topics] = await Promise.all([
    openOne(dir, 'settings', o),
    openOne(dir, 'progress', o),
    openOne(dir, 'reviews', o),
    openOne(dir, 'bookmarks', o),
    openOne(dir, 'topics', o),
  ]);
  const opened = [settings, progress, reviews, bookmarks, topics];
  return {
    settings: settings.store,
    progress: progress.store,
    reviews: reviews.store,
    bookmarks: bookmarks.store,
    topics: topics.store,
    reports: opened.map((x) => x.report),
    readOnly,
    dataDir: dir,
  };
}

/** In-memory user data for tests (and as a last resort): nothing touches the disk. */
export function memoryUserData(initial: Partial<Documents> = {}): UserData {
  return {
    settings: memoryStore('settings', initial.settings),
    progress: memoryStore('progress', initial.progress),
    reviews: memoryStore('reviews', initial.reviews),
    bookmarks: memoryStore('bookmarks', initial.bookmarks),
    topics: memoryStore('topics', initial.topics),
    reports: [],
    readOnly: true,
    dataDir: 'memory:',
  };
}

function memoryStore<K extends DocumentName>(name: K, initial?: Documents[K]): DocumentStore<Documents[K]> {
  return new MemoryDocumentStore(initial ?? DOCUMENTS[name].defaults(), `memory:${name}`);
}

async function openOne<K extends DocumentName>(
  dir: string,
  name: K,
  opts: { readOnly?: boolean; readOnlyReason?: string; readOnlyWrites?: 'memory' | 'reject' },
): Promise<{ store: DocumentStore<Documents[K]>; report: StoreReport }> {
  const spec = DOCUMENTS[name];
  try {
    return await JsonDocumentStore.open(dir, spec, opts);
  } catch (e) {
    // open() handles bad files itself; anything else (a bug, an odd filesystem) still must not
    // take the other documents down: fall back to memory and say so.
    const message = `could not open ${name}: ${e instanceof Error ? e.message : String(e)}; using defaults in memory`;
    return {
      store: memoryStore(name),
      report: { document: name, status: 'read-only', message },
    };
  }
}

/** null when `dir` exists (or was created) and a file can be created in it; otherwise why not. */
async function unwritableReason(dir: string): Promise<string | null> {
  const probe = join(dir, `.write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(probe, 'wx');
    await fh.close();
    await rm(probe, { force: true });
    return null;
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return `data folder ${dir} cannot be written (${code}); changes are kept in memory for this session only`;
  }
}
