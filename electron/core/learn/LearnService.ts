// Self-learned topics: typed or imported by the learner, kept in their data folder (the topics
// store, never the app bundle) and added to the engine's indexes at once, so they are answerable
// without a rebuild. Edits replace a topic's sections; deletes remove them from both indexes.

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Chunk, Section } from '../knowledge/types';
import { shortHash } from '../knowledge/ids';
import type { DocumentStore } from '../store/documentStore';
import { suggestTopicTitle, type AbstentionHints } from './suggest';
import { byteLength, checkExtension, checkSize, cleanText, decodeImport } from './textInput';
import { cleanTitle, dropRepeatedTitle, sectionsOf, splitImport, topicSectionId } from './topics';
import {
  DEFAULT_LIMITS,
  LearnError,
  type LearnLimits,
  type LearnedTopic,
  type TopicInput,
  type TopicsDoc,
} from './types';

/** What the service needs of the engine (the KnowledgeEngine fits). */
export interface TopicIndex {
  addSections(sections: Section[]): Promise<Chunk[]>;
  removeSections(sectionIds: string[]): Promise<number>;
}

export interface LearnServiceOptions {
  now?: () => Date;
  limits?: Partial<LearnLimits>;
}

export interface SaveOptions {
  /** A topic with the same title is updated instead of rejected as a duplicate. */
  replace?: boolean;
}

export interface TopicOffer {
  title: string;
  /** Set when a topic with that title exists: offer to update it instead. */
  existingTopicId?: string;
}

interface Draft extends TopicInput {
  source: LearnedTopic['source'];
  fileName?: string;
}

export class LearnService {
  private readonly now: () => Date;
  private readonly limits: LearnLimits;
  // Engine and store changes of one operation must not interleave with another's.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: DocumentStore<TopicsDoc>,
    private readonly engine: TopicIndex,
    opts: LearnServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
  }

  list(): LearnedTopic[] {
    return this.store.read().items;
  }

  get(id: string): LearnedTopic | undefined {
    return this.list().find((t) => t.id === id);
  }

  findByTitle(title: string): LearnedTopic | undefined {
    const key = topicSectionId(cleanTitle(title));
    return this.list().find((t) => topicSectionId(t.title) === key);
  }

  /** Every topic's sections (for KnowledgeEngine.open's extraSections and for bookmarks). */
  sections(): Section[] {
    return sectionsOf(this.list());
  }

  add(input: TopicInput, opts: SaveOptions = {}): Promise<LearnedTopic> {
    return this.serial(async () => (await this.save([this.prepare({ ...input, source: 'typed' })], opts))[0]);
  }

  /** Imports a .md/.txt text: several "#### Topic:" entries give several topics. All or nothing. */
  importText(text: string, fileName: string, opts: SaveOptions = {}): Promise<LearnedTopic[]> {
    return this.serial(() => this.importClean(text, fileName, opts));
  }

  importBytes(bytes: Uint8Array, fileName: string, opts: SaveOptions = {}): Promise<LearnedTopic[]> {
    return this.serial(async () => {
      checkExtension(fileName);
      return this.importClean(decodeImport(bytes, this.limits.maxImportBytes), fileName, opts);
    });
  }

  async importFile(path: string, opts: SaveOptions = {}): Promise<LearnedTopic[]> {
    return this.importBytes(await this.readChecked(path), basename(path), opts);
  }

  /** A file's text under the import rules (type, size, UTF-8, no binary), for "add with this title". */
  async readFileText(path: string): Promise<string> {
    return decodeImport(await this.readChecked(path), this.limits.maxImportBytes);
  }

  private async readChecked(path: string): Promise<Buffer> {
    checkExtension(basename(path));
    let bytes: Buffer;
    try {
      // Checked before reading so a huge file is never loaded.
      checkSize((await stat(path)).size, this.limits.maxImportBytes, 'The file');
      bytes = await readFile(path);
    } catch (err) {
      if (err instanceof LearnError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new LearnError('not-found', `No such file: ${path}`);
      throw new LearnError('read-failed', `Could not read ${path}: ${(err as Error).message}`);
    }
    return bytes;
  }

  /** Changes title and/or text: the old sections leave the indexes, the new ones go in. */
  edit(id: string, patch: Partial<TopicInput>): Promise<LearnedTopic> {
    return this.serial(async () => {
      const old = this.get(id);
      if (!old) throw new LearnError('not-found', `No topic with id ${id}.`);
      const draft = this.prepare({
        title: patch.title ?? old.title,
        markdown: patch.markdown ?? old.markdown,
        source: old.source,
        fileName: old.fileName,
      });
      const clash = this.findByTitle(draft.title);
      if (clash && clash.id !== id) throw duplicate(clash);
      const next: LearnedTopic = { ...old, title: draft.title, markdown: draft.markdown, updatedAt: this.stamp() };
      await this.apply([old], [next]);
      return next;
    });
  }

  /** Deletes a topic; its chunks leave both indexes and never come back in results. */
  remove(id: string): Promise<boolean> {
    return this.serial(async () => {
      const old = this.get(id);
      if (!old) return false;
      await this.apply([old], []);
      return true;
    });
  }

  /** A title to offer when a question was declined as not covered by the notes. */
  offerForOutOfScope(question: string, hints: AbstentionHints = {}): TopicOffer | null {
    const raw = suggestTopicTitle(question, hints);
    const title = raw ? cleanTitle(raw) : '';
    if (!title) return null;
    const existing = this.findByTitle(title);
    return existing ? { title, existingTopicId: existing.id } : { title };
  }

  private async importClean(text: string, fileName: string, opts: SaveOptions): Promise<LearnedTopic[]> {
    checkSize(byteLength(text), this.limits.maxImportBytes, 'The import');
    const cleaned = cleanText(text);
    const drafts = splitImport(cleaned, fileName).map((d) =>
      this.prepare({ ...d, source: 'import', fileName: basename(fileName) }),
    );
    if (!drafts.length) throw new LearnError('empty', `${fileName} holds no topic text.`);
    return this.save(drafts, opts);
  }

  /** Cleans and validates one topic; throws a LearnError naming what is wrong. */
  private prepare(d: Draft): Draft {
    const title = cleanTitle(d.title);
    if (!title) throw new LearnError('empty', 'A topic needs a title.');
    if (title.length > this.limits.maxTitleChars) {
      throw new LearnError('invalid-title', `Titles are limited to ${this.limits.maxTitleChars} characters.`, {
        title,
      });
    }
    checkSize(byteLength(d.markdown), this.limits.maxTopicBytes, `Topic “${title}”`);
    const markdown = dropRepeatedTitle(title, cleanText(d.markdown)).trim();
    if (!markdown) throw new LearnError('empty', `Topic “${title}” has no text.`, { title });
    return { ...d, title, markdown };
  }

  private async save(drafts: Draft[], opts: SaveOptions): Promise<LearnedTopic[]> {
    const seen = new Set<string>();
    for (const d of drafts) {
      const key = topicSectionId(d.title);
      if (seen.has(key)) throw new LearnError('duplicate', `“${d.title}” appears twice in this import.`);
      seen.add(key);
    }
    const stamp = this.stamp();
    const removed: LearnedTopic[] = [];
    const saved = drafts.map((d): LearnedTopic => {
      const existing = this.findByTitle(d.title);
      if (existing && !opts.replace) throw duplicate(existing);
      if (existing) removed.push(existing);
      // Replacing keeps the topic's id and creation time (bookmarks and history stay attached).
      const id = existing?.id ?? shortHash(`topic\u001f${topicSectionId(d.title)}\u001f${stamp}`);
      const createdAt = existing?.createdAt ?? stamp;
      const file = d.fileName ? { fileName: d.fileName } : {};
      return { id, title: d.title, markdown: d.markdown, source: d.source, ...file, createdAt, updatedAt: stamp };
    });
    await this.apply(removed, saved);
    return saved;
  }

  /**
   * Engine first (old sections out, new in), then the store; if either fails the engine is put
   * back so the indexes and the stored topics never disagree.
   */
  private async apply(removed: LearnedTopic[], added: LearnedTopic[]): Promise<void> {
    const ids = (sections: Section[]): string[] => sections.map((s) => s.id);
    const oldSections = sectionsOf(removed);
    const newSections = sectionsOf(added);
    try {
      if (oldSections.length) await this.engine.removeSections(ids(oldSections));
      if (newSections.length) await this.engine.addSections(newSections);
      const byId = new Map(added.map((t) => [t.id, t]));
      const gone = new Set(removed.map((t) => t.id));
      await this.store.update((doc) => {
        const items = doc.items.filter((t) => byId.has(t.id) || !gone.has(t.id)).map((t) => byId.get(t.id) ?? t);
        const present = new Set(items.map((t) => t.id));
        return { ...doc, items: [...items, ...added.filter((t) => !present.has(t.id))] };
      });
    } catch (err) {
      await this.engine.removeSections(ids(newSections)).catch(() => undefined);
      if (oldSections.length) await this.engine.addSections(oldSections).catch(() => undefined);
      throw err;
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function duplicate(existing: LearnedTopic): LearnError {
  return new LearnError('duplicate', `A topic called “${existing.title}” already exists; update it instead.`, {
    existingId: existing.id,
    title: existing.title,
  });
}

/** The content bookmarks resolve against: the notes plus every learner topic. */
export function currentContent(
  engine: { readonly sections: Section[]; chunks(): Chunk[] },
  learn: Pick<LearnService, 'sections'>,
): { sections: Section[]; chunks: Chunk[] } {
  const sections = [...engine.sections];
  const known = new Set(sections.map((s) => s.id));
  for (const s of learn.sections()) if (!known.has(s.id)) sections.push(s);
  return { sections, chunks: engine.chunks() };
}
