// The learner's bookmarks: sections, chunks and tutor answers, each with a note. Anchors are
// re-resolved against the current content whenever bookmarks are listed or opened, so they follow
// edited or renumbered sections; a bookmark whose passage is gone stays listed as 'missing'.

import { shortHash } from '../knowledge/ids';
import { PHASE_IDS } from '../knowledge/phases';
import type { Chunk, Section } from '../knowledge/types';
import type { DocumentStore } from '../store/documentStore';
import { ContentIndex, resolveAnchor, sectionText, snippetOf } from './anchor';
import {
  BookmarkError,
  type AnchorResolution,
  type AnchorStatus,
  type AnswerToBookmark,
  type Bookmark,
  type BookmarkAnchor,
  type BookmarksDoc,
  type ContentView,
} from './types';

export const MAX_NOTE_CHARS = 5000;

export type BookmarkTarget =
  | { kind: 'section'; sectionId: string }
  | { kind: 'chunk'; chunkId: string }
  | { kind: 'answer'; answer: AnswerToBookmark };

export interface BookmarkView extends Bookmark {
  status: AnchorStatus;
}

export interface BookmarkGroup {
  phaseId: string;
  items: BookmarkView[];
}

export interface OpenedBookmark {
  bookmark: Bookmark;
  status: AnchorStatus;
  section?: Section;
  chunk?: Chunk;
  /** The current text pointed at; the saved snippet when the passage is missing. */
  text: string;
}

export interface BookmarkServiceOptions {
  now?: () => Date;
}

function checkNote(note: string): string {
  const n = note.trim();
  if (n.length > MAX_NOTE_CHARS)
    throw new BookmarkError('note-too-long', `Notes are limited to ${MAX_NOTE_CHARS} characters.`);
  return n;
}

function sameAnchor(a: BookmarkAnchor, b: BookmarkAnchor): boolean {
  return (
    a.sectionId === b.sectionId &&
    a.chunkId === b.chunkId &&
    a.phaseId === b.phaseId &&
    a.snippet === b.snippet &&
    a.headingPath.join('\u001f') === b.headingPath.join('\u001f')
  );
}

export class BookmarkService {
  private readonly now: () => Date;

  constructor(
    private readonly store: DocumentStore<BookmarksDoc>,
    private readonly content: () => ContentView,
    opts: BookmarkServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Adds a bookmark; bookmarking the same thing twice returns the existing one. */
  async add(target: BookmarkTarget, note = ''): Promise<Bookmark> {
    const cleanNote = checkNote(note);
    const { anchor, answer } = this.anchorFor(target);
    let result: Bookmark | undefined;
    await this.store.update((doc) => {
      const existing = doc.items.find((b) => isSameTarget(b, target.kind, anchor, answer));
      if (existing) {
        result = existing;
        return doc;
      }
      const createdAt = this.now().toISOString();
      const base = `bookmark\u001f${target.kind}\u001f${anchor.chunkId ?? anchor.sectionId}\u001f${answer?.question ?? ''}\u001f${createdAt}`;
      let id = shortHash(base);
      for (let n = 1; doc.items.some((b) => b.id === id); n++) id = shortHash(`${base}\u001f${n}`);
      result = {
        id,
        kind: target.kind,
        anchor,
        ...(answer ? { answer } : {}),
        note: cleanNote,
        createdAt,
        updatedAt: createdAt,
      };
      return { ...doc, items: [...doc.items, result] };
    });
    return result as Bookmark;
  }

  addSection(sectionId: string, note = ''): Promise<Bookmark> {
    return this.add({ kind: 'section', sectionId }, note);
  }

  addChunk(chunkId: string, note = ''): Promise<Bookmark> {
    return this.add({ kind: 'chunk', chunkId }, note);
  }

  addAnswer(answer: AnswerToBookmark, note = ''): Promise<Bookmark> {
    return this.add({ kind: 'answer', answer }, note);
  }

  get(id: string): Bookmark | undefined {
    return this.store.read().items.find((b) => b.id === id);
  }

  /** Resolves the bookmark against the current content (updating its anchor) and returns the text. */
  async open(id: string): Promise<OpenedBookmark> {
    const statuses = await this.reanchor();
    const bookmark = this.get(id);
    if (!bookmark) throw new BookmarkError('not-found', `No bookmark with id ${id}.`);
    const status = statuses.get(id) ?? 'missing';
    if (status === 'missing') return { bookmark, status, text: bookmark.anchor.snippet };
    const idx = new ContentIndex(this.content());
    const section = idx.section(bookmark.anchor.sectionId);
    const chunk = idx.chunk(bookmark.anchor.chunkId);
    const text = chunk ? chunk.text : section ? sectionText(section) : bookmark.anchor.snippet;
    return { bookmark, status, section, chunk, text };
  }

  /** Bookmarks by phase (curriculum order), then in reading order; missing ones last in their phase. */
  async list(): Promise<BookmarkGroup[]> {
    const statuses = await this.reanchor();
    const idx = new ContentIndex(this.content());
    const pos = (b: Bookmark): number => {
      const order = statuses.get(b.id) === 'missing' ? undefined : idx.order.get(b.anchor.sectionId ?? '');
      const ordinal = idx.chunk(b.anchor.chunkId)?.ordinal ?? 0;
      return order === undefined ? Number.MAX_SAFE_INTEGER : order * 1000 + ordinal;
    };
    const phaseRank = (p: string): number => {
      const i = (PHASE_IDS as readonly string[]).indexOf(p);
      return i < 0 ? PHASE_IDS.length : i;
    };
    const items = this.store
      .read()
      .items.map((b) => ({ ...b, status: statuses.get(b.id) ?? 'missing' }))
      .sort(
        (a, b) =>
          phaseRank(a.anchor.phaseId) - phaseRank(b.anchor.phaseId) ||
          a.anchor.phaseId.localeCompare(b.anchor.phaseId) ||
          pos(a) - pos(b) ||
          a.createdAt.localeCompare(b.createdAt),
      );
    const groups: BookmarkGroup[] = [];
    for (const item of items) {
      const last = groups[groups.length - 1];
      if (last && last.phaseId === item.anchor.phaseId) last.items.push(item);
      else groups.push({ phaseId: item.anchor.phaseId, items: [item] });
    }
    return groups;
  }

  /**
   * Re-resolves every anchor against the current content; anchors that resolved to a new place are
   * rewritten in the store (missing ones are left as saved). Returns each bookmark's status.
   */
  async reanchor(): Promise<Map<string, AnchorStatus>> {
    const idx = new ContentIndex(this.content());
    const statuses = new Map<string, AnchorStatus>();
    const apply = (items: Bookmark[]): { items: Bookmark[]; changed: boolean } => {
      let changed = false;
      const next = items.map((b) => {
        const r = resolveAnchor(b.anchor, idx);
        statuses.set(b.id, r.status);
        const anchor = r.status === 'missing' ? b.anchor : anchorOf(r, idx, b.anchor);
        if (sameAnchor(anchor, b.anchor)) return b;
        changed = true;
        // updatedAt stays: following the content is not an edit by the learner.
        return { ...b, anchor };
      });
      return { items: next, changed };
    };
    if (apply(this.store.read().items).changed) {
      await this.store.update((doc) => ({ ...doc, items: apply(doc.items).items }));
    }
    return statuses;
  }

  async editNote(id: string, note: string): Promise<Bookmark> {
    const cleanNote = checkNote(note);
    let result: Bookmark | undefined;
    await this.store.update((doc) => ({
      ...doc,
      items: doc.items.map((b) => {
        if (b.id !== id) return b;
        result = { ...b, note: cleanNote, updatedAt: this.now().toISOString() };
        return result;
      }),
    }));
    if (!result) throw new BookmarkError('not-found', `No bookmark with id ${id}.`);
    return result;
  }

  /** Removes a bookmark; false when there was none with that id. */
  async remove(id: string): Promise<boolean> {
    let removed = false;
    await this.store.update((doc) => {
      const items = doc.items.filter((b) => b.id !== id);
      removed = items.length !== doc.items.length;
      return removed ? { ...doc, items } : doc;
    });
    return removed;
  }

  private anchorFor(target: BookmarkTarget): { anchor: BookmarkAnchor; answer?: Bookmark['answer'] } {
    const idx = new ContentIndex(this.content());
    if (target.kind === 'section') {
      const s = idx.section(target.sectionId);
      if (!s) throw new BookmarkError('not-found', `No section with id ${target.sectionId}.`);
      return { anchor: sectionAnchor(s) };
    }
    if (target.kind === 'chunk') {
      const c = idx.chunk(target.chunkId);
      if (!c) throw new BookmarkError('not-found', `No chunk with id ${target.chunkId}.`);
      return { anchor: chunkAnchor(c) };
    }
    // An answer is anchored to its first citation: that is the passage it mainly quotes.
    const first = target.answer.citations[0];
    if (!first) throw new BookmarkError('no-citation', 'Only answers that cite the notes can be bookmarked.');
    const c = idx.chunk(first.chunkId);
    if (!c) throw new BookmarkError('not-found', `No chunk with id ${first.chunkId}.`);
    return {
      anchor: chunkAnchor(c),
      answer: { question: target.answer.question.trim(), markdown: target.answer.markdown },
    };
  }
}

function sectionAnchor(s: Section): BookmarkAnchor {
  return { sectionId: s.id, phaseId: s.phaseId, headingPath: [...s.headingPath], snippet: snippetOf(sectionText(s)) };
}

function chunkAnchor(c: Chunk): BookmarkAnchor {
  return {
    sectionId: c.sectionId,
    chunkId: c.id,
    phaseId: c.phaseId,
    headingPath: [...c.headingPath],
    snippet: snippetOf(c.text),
  };
}

/** The anchor for where a bookmark resolved to; the snippet follows the text so later rebuilds match it. */
function anchorOf(r: AnchorResolution, idx: ContentIndex, saved: BookmarkAnchor): BookmarkAnchor {
  const chunk = idx.chunk(r.chunkId);
  if (chunk) return chunkAnchor(chunk);
  const section = idx.section(r.sectionId);
  return section ? sectionAnchor(section) : saved;
}

function isSameTarget(
  b: Bookmark,
  kind: Bookmark['kind'],
  anchor: BookmarkAnchor,
  answer: Bookmark['answer'] | undefined,
): boolean {
  if (b.kind !== kind) return false;
  if (kind === 'section') return b.anchor.sectionId === anchor.sectionId;
  if (kind === 'chunk') return b.anchor.chunkId === anchor.chunkId;
  return (
    b.anchor.chunkId === anchor.chunkId &&
    b.answer?.question.toLowerCase() === answer?.question.toLowerCase() &&
    b.answer?.markdown === answer?.markdown
  );
}
