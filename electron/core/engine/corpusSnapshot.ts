// The corpus snapshot: the notes' sections and chunks, the BM25 index and the mined synonyms, saved
// next to the vector index so a warm start skips parsing, chunking, indexing and mining (seconds at
// 100k chunks). It is keyed by a hash of the raw content files and of the analysis code, and is only
// ever a cache: anything wrong with it (missing, stale, damaged, other format) means a rebuild.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CurriculumSchema } from '../knowledge/loadContent';
import type { Chunk, PhaseId, Section } from '../knowledge/types';
import type { Bm25JSON } from '../retrieval/bm25';
import { LexicalIndex, type LexicalIndexJSON } from '../retrieval/lexicalIndex';
import type { SynonymGroup, SynonymMap } from '../retrieval/synonyms';
import { atomicWriteFile } from '../util/atomicWrite';
import { PackError, PackWriter, openPack, type PackReader } from '../util/binaryPack';
import { ANALYSIS_VERSION, analysisFingerprint, type Corpus } from './corpusBuild';

/** Bump when the layout below changes. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = 'NIMBCORP';
export const SNAPSHOT_FILE = 'corpus.snapshot';

export function snapshotPathFor(dataDir: string): string {
  return join(dataDir, 'index', SNAPSHOT_FILE);
}

/** Writes the snapshot's bytes (injected by tests to simulate a full disk). */
export type SnapshotSaver = (file: string, bytes: Uint8Array) => Promise<unknown>;
export const saveSnapshotToDisk: SnapshotSaver = (file, bytes) => atomicWriteFile(file, bytes);

/**
 * sha256 over the bytes of curriculum.json and every *.md of the content folder (a superset of what
 * loadContent reads: an extra file only costs a rebuild), the format and the analysis fingerprint.
 */
export async function snapshotKey(contentDir: string): Promise<string> {
  const entries = await readdir(contentDir, { withFileTypes: true });
  const names = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && (e.name === 'curriculum.json' || e.name.endsWith('.md')))
    .map((e) => e.name)
    .sort();
  const h = createHash('sha256').update(`corpus ${SNAPSHOT_FORMAT} ${ANALYSIS_VERSION} ${analysisFingerprint()}\n`);
  for (const name of names) {
    const bytes = await readFile(join(contentDir, name));
    h.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return h.digest('hex');
}

interface Header {
  key: string;
  contentHash: string;
  curriculum: unknown;
  synonyms: { groups: SynonymGroup[]; byKey: [string, number][]; maxKeyTokens: number };
  lexical: { headingBoost: number; boosts: number[]; count: number; avg: number[] };
}

const nullable = (w: PackWriter, s: string | null): void => {
  w.uint(s === null ? 0 : 1);
  if (s !== null) w.str(s);
};

export function encodeSnapshot(key: string, corpus: Corpus): Buffer {
  const w = new PackWriter();
  // Heading paths are shared by a section and its chunks: stored once, and shared again on load.
  const paths = new Map<string, number>();
  const pathList: (readonly string[])[] = [];
  const pathOf = (p: readonly string[]): number => {
    const k = p.join('\0');
    let i = paths.get(k);
    if (i === undefined) paths.set(k, (i = pathList.push(p) - 1));
    return i;
  };
  const sectionPaths = corpus.sections.map((s) => pathOf(s.headingPath));
  const chunkPaths = corpus.chunks.map((c) => pathOf(c.headingPath));
  w.uint(pathList.length);
  for (const p of pathList) {
    w.uint(p.length);
    for (const part of p) w.str(part);
  }
  w.uint(corpus.sections.length);
  corpus.sections.forEach((s, i) => {
    w.str(s.id);
    w.str(s.phaseId);
    w.uint(sectionPaths[i]);
    w.str(s.body);
    w.str(s.source);
  });
  w.uint(corpus.chunks.length);
  corpus.chunks.forEach((c, i) => {
    w.str(c.id);
    w.str(c.sectionId);
    w.str(c.phaseId);
    w.uint(chunkPaths[i]);
    w.str(c.text);
    w.uint(c.ordinal);
    w.str(c.source);
  });
  const lex = corpus.lexical.toJSON();
  const bm = lex.bm25;
  w.uint(bm.ids.length);
  for (const id of bm.ids) nullable(w, id);
  for (const lengths of bm.fieldLength) {
    w.uint(lengths.length);
    for (const n of lengths) w.uint(n ?? 0);
  }
  w.uint(bm.terms.length);
  for (const [term, fields] of bm.terms) {
    w.str(term);
    for (const p of fields) {
      w.uint(p ? p[0].length + 1 : 0);
      if (!p) continue;
      let prev = 0;
      for (const doc of p[0]) {
        w.uint(doc - prev); // ascending: small deltas, one byte each mostly
        prev = doc;
      }
      for (const f of p[1]) w.uint(f);
    }
  }
  w.uint(lex.docTerms.length);
  for (const [id, terms] of lex.docTerms) {
    w.str(id);
    w.uint(terms.length);
    for (const t of terms) w.str(t);
  }
  // Document frequencies in the index's own order (ties in typo resolution follow it).
  const df = corpus.lexical.vocabulary();
  w.uint(df.size);
  for (const [term, n] of df) {
    w.str(term);
    w.uint(n);
  }
  const header: Header = {
    key,
    contentHash: corpus.contentHash,
    curriculum: corpus.curriculum,
    synonyms: {
      groups: corpus.synonyms.groups,
      byKey: [...corpus.synonyms.byKey],
      maxKeyTokens: corpus.synonyms.maxKeyTokens,
    },
    lexical: { headingBoost: lex.headingBoost, boosts: bm.boosts, count: bm.count, avg: bm.avg },
  };
  return w.finish(MAGIC, SNAPSHOT_FORMAT, header);
}

function decodeBody(r: PackReader, h: Header): Corpus {
  const curriculum = CurriculumSchema.safeParse(h.curriculum);
  if (!curriculum.success) throw new PackError('corrupt', 'invalid curriculum');
  const paths: string[][] = new Array<string[]>(r.uint());
  for (let i = 0; i < paths.length; i++) {
    const p = (paths[i] = new Array<string>(r.uint()));
    for (let j = 0; j < p.length; j++) p[j] = r.str();
  }
  const pathAt = (i: number): string[] => {
    const p = paths[i];
    if (p === undefined) throw new PackError('corrupt', `heading path ${i} is not in the table`);
    return p;
  };
  const sections: Section[] = new Array<Section>(r.uint());
  for (let i = 0; i < sections.length; i++) {
    const id = r.str();
    const phaseId = r.str() as PhaseId;
    const headingPath = pathAt(r.uint());
    sections[i] = { id, phaseId, headingPath, body: r.str(), source: r.str() as Section['source'] };
  }
  const chunks: Chunk[] = new Array<Chunk>(r.uint());
  for (let i = 0; i < chunks.length; i++) {
    const id = r.str();
    const sectionId = r.str();
    const phaseId = r.str() as PhaseId;
    const headingPath = pathAt(r.uint());
    const text = r.str();
    chunks[i] = { id, sectionId, phaseId, headingPath, text, ordinal: r.uint(), source: r.str() as Chunk['source'] };
  }
  const ids: (string | null)[] = new Array<string | null>(r.uint());
  for (let i = 0; i < ids.length; i++) ids[i] = r.uint() === 0 ? null : r.str();
  const fieldLength = h.lexical.boosts.map(() => {
    const lengths = new Array<number>(r.uint());
    for (let i = 0; i < lengths.length; i++) lengths[i] = r.uint();
    return lengths;
  });
  const terms: Bm25JSON['terms'] = new Array<Bm25JSON['terms'][number]>(r.uint());
  for (let i = 0; i < terms.length; i++) {
    const term = r.str();
    const fields = h.lexical.boosts.map((): [number[], number[]] | null => {
      const n = r.uint() - 1;
      if (n < 0) return null;
      const docs = new Array<number>(n);
      const freqs = new Array<number>(n);
      let prev = 0;
      for (let j = 0; j < n; j++) docs[j] = prev += r.uint();
      for (let j = 0; j < n; j++) freqs[j] = r.uint();
      return [docs, freqs];
    });
    terms[i] = [term, fields];
  }
  const docTerms: LexicalIndexJSON['docTerms'] = new Array<[string, string[]]>(r.uint());
  for (let i = 0; i < docTerms.length; i++) {
    const id = r.str();
    const list = new Array<string>(r.uint());
    for (let j = 0; j < list.length; j++) list[j] = r.str();
    docTerms[i] = [id, list];
  }
  const df: [string, number][] = new Array<[string, number]>(r.uint());
  for (let i = 0; i < df.length; i++) df[i] = [r.str(), r.uint()];
  r.done();
  const { headingBoost, boosts, count, avg } = h.lexical;
  const lexical = LexicalIndex.fromJSON(
    { version: 2, headingBoost, bm25: { boosts, ids, count, avg, fieldLength, terms }, docTerms, df },
    { adopt: true },
  );
  const synonyms: SynonymMap = {
    groups: h.synonyms.groups,
    byKey: new Map(h.synonyms.byKey),
    maxKeyTokens: h.synonyms.maxKeyTokens,
  };
  return { curriculum: curriculum.data, sections, chunks, contentHash: h.contentHash, lexical, synonyms };
}

export type SnapshotRead =
  { ok: true; corpus: Corpus } | { ok: false; reason: 'missing' | 'corrupt' | 'version' | 'mismatch'; message: string };

/** Decodes a snapshot made for `key`; a stale or damaged one is reported, never thrown. */
export function decodeSnapshot(bytes: Uint8Array, key: string): SnapshotRead {
  try {
    const pack = openPack(bytes, MAGIC, SNAPSHOT_FORMAT);
    const header = pack.header as Partial<Header> | null;
    if (header?.key !== key) return { ok: false, reason: 'mismatch', message: 'the notes or the analysis changed' };
    return { ok: true, corpus: decodeBody(pack.read(), header as Header) };
  } catch (e) {
    if (e instanceof PackError) return { ok: false, reason: e.reason, message: e.message };
    // Well-formed bytes (checksum right) that do not decode: written by a broken build; rebuild.
    return { ok: false, reason: 'corrupt', message: e instanceof Error ? e.message : String(e) };
  }
}

export async function readSnapshot(file: string, key: string): Promise<SnapshotRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'missing', message: code === 'ENOENT' ? 'no snapshot yet' : `unreadable (${code})` };
  }
  return decodeSnapshot(bytes, key);
}
