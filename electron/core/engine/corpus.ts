// The notes as the engine needs them (sections, chunks, BM25 index, synonyms): from the corpus
// snapshot when it matches the content files, else parsed and built as they always were, then saved
// for the next start. A snapshot that cannot be saved is reported like an unsaved vector index.
import { basename, dirname } from 'node:path';
import { chunkSections } from '../knowledge/chunkNotes';
import { loadContent } from '../knowledge/loadContent';
import { removeStaleTemps } from '../util/atomicWrite';
import { describeWriteFailure } from '../util/fsErrors';
import { lexicalIndexOf, synonymsOf, type Corpus } from './corpusBuild';
import {
  encodeSnapshot,
  readSnapshot,
  saveSnapshotToDisk,
  snapshotKey,
  snapshotPathFor,
  type SnapshotSaver,
} from './corpusSnapshot';

export interface CorpusStatus {
  /** 'loaded' from the snapshot, or 'built' from the content files this time. */
  origin: 'loaded' | 'built';
  /** Why the snapshot was not used (missing, notes changed, corrupt…); null when loaded. */
  rebuildReason: string | null;
  /** False when the snapshot could not be saved: the next start re-reads the notes. */
  persisted: boolean;
  saveError: string | null;
  ms: number;
}

export type Stage = <T>(stage: string, fn: () => T | Promise<T>) => Promise<T>;

export interface LoadCorpusOptions {
  contentDir: string;
  dataDir: string;
  /** Ignore a saved snapshot (it is rewritten). */
  rebuild?: boolean;
  save?: SnapshotSaver;
}

async function buildCorpus(contentDir: string, stage: Stage): Promise<Corpus> {
  // 'content' keeps its old meaning (read, parse and chunk) so benchmarks stay comparable.
  const content = await stage('content', async () => {
    const loaded = await loadContent(contentDir);
    return { ...loaded, chunks: chunkSections(loaded.sections) };
  });
  const lexical = await stage('lexical', () => lexicalIndexOf(content.chunks));
  const synonyms = await stage('synonyms', () => synonymsOf(content.chunks));
  return { ...content, lexical, synonyms };
}

export async function loadCorpus(
  opts: LoadCorpusOptions,
  stage: Stage,
): Promise<{ corpus: Corpus; status: CorpusStatus }> {
  const t0 = performance.now();
  const file = snapshotPathFor(opts.dataDir);
  // A write killed half-way leaves a temp file as large as the snapshot: clear it (best effort).
  await removeStaleTemps(dirname(file), [basename(file)]).catch(() => undefined);
  // Unreadable notes: no key, and loadContent below says what is wrong with them.
  const key = await stage('snapshot key', () => snapshotKey(opts.contentDir).catch(() => null));
  let rebuildReason = key === null ? 'the content folder could not be read' : 'rebuild requested';
  if (key !== null && !opts.rebuild) {
    const read = await stage('snapshot load', () => readSnapshot(file, key));
    if (read.ok) {
      const ms = performance.now() - t0;
      return {
        corpus: read.corpus,
        status: { origin: 'loaded', rebuildReason: null, persisted: true, saveError: null, ms },
      };
    }
    rebuildReason = `${read.reason}: ${read.message}`;
  }
  const corpus = await buildCorpus(opts.contentDir, stage);
  const saved =
    key === null
      ? { persisted: false, saveError: null }
      : await stage('snapshot save', () => trySaveSnapshot(opts, file, key, corpus));
  return { corpus, status: { origin: 'built', rebuildReason, ...saved, ms: performance.now() - t0 } };
}

/** Saves the snapshot (before learner topics touch the index); a failure is a sentence, never thrown. */
async function trySaveSnapshot(
  opts: LoadCorpusOptions,
  file: string,
  key: string,
  corpus: Corpus,
): Promise<Pick<CorpusStatus, 'persisted' | 'saveError'>> {
  try {
    // Notes edited while they were read: the snapshot would carry the old key and new text (or the
    // reverse). Skip it; the next start builds and saves one.
    if ((await snapshotKey(opts.contentDir)) !== key) return { persisted: false, saveError: null };
    await (opts.save ?? saveSnapshotToDisk)(file, encodeSnapshot(key, corpus));
    return { persisted: true, saveError: null };
  } catch (e) {
    const reason = describeWriteFailure(e).reason;
    return {
      persisted: false,
      saveError: `The notes' search data could not be saved to ${file} (${reason}); search works for this session and the notes are read again at the next start.`,
    };
  }
}
