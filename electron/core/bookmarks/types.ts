// Bookmark document shapes (as persisted by the store layer) and the content view bookmarks are
// resolved against. Local types for now; they mirror the store's zod schemas one for one.

import type { Chunk, Section } from '../knowledge/types';

export type BookmarkKind = 'section' | 'chunk' | 'answer';

/** Where a bookmark points. Ids may go stale when the notes are rebuilt; the rest re-finds it. */
export interface BookmarkAnchor {
  sectionId?: string;
  chunkId?: string;
  phaseId: string;
  headingPath: string[];
  /** First ~160 characters of the text pointed at. */
  snippet: string;
}

export interface Bookmark {
  id: string;
  kind: BookmarkKind;
  anchor: BookmarkAnchor;
  answer?: { question: string; markdown: string };
  note: string;
  createdAt: string;
  updatedAt: string;
}

export interface BookmarksDoc {
  /** 1 today; typed as number like the store's schema (migrations bump it), so its stores fit here. */
  schemaVersion: number;
  items: Bookmark[];
}

export function emptyBookmarksDoc(): BookmarksDoc {
  return { schemaVersion: 1, items: [] };
}

/** The content as it is now: the notes plus self-learned topics. */
export interface ContentView {
  sections: Section[];
  chunks: Chunk[];
}

export type AnchorStatus = 'exact' | 'moved' | 'changed' | 'missing';

export interface AnchorResolution {
  status: AnchorStatus;
  sectionId?: string;
  chunkId?: string;
  headingPath?: string[];
}

/** A tutor answer as the UI has it when the learner bookmarks it. */
export interface AnswerToBookmark {
  question: string;
  markdown: string;
  citations: { chunkId: string; headingPath: string[] }[];
}

export type BookmarkErrorCode = 'not-found' | 'no-citation' | 'note-too-long';

export class BookmarkError extends Error {
  constructor(
    readonly code: BookmarkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BookmarkError';
  }
}
