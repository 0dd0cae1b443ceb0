/**
 * Which sections and answers are bookmarked, by a key the bubbles and the reader can compute
 * (answers match as the bookmark service matches them: question ignoring case, exact Markdown).
 */
import type { BookmarkAddRequest, BookmarkGroupDto } from '../../../electron/shared/api';
import type { SourceChip } from '../chat';

export const sectionKey = (sectionId: string): string => `section:${sectionId}`;
export const answerKey = (question: string, markdown: string): string =>
  `answer:${question.trim().toLowerCase()}\u001f${markdown}`;

/** key → bookmark id, over every group. */
export function bookmarkIndex(groups: BookmarkGroupDto[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const g of groups) {
    for (const b of g.items) {
      if (b.kind === 'answer' && b.answer) index.set(answerKey(b.answer.question, b.answer.markdown), b.id);
      else if (b.kind === 'section' && b.anchor.sectionId) index.set(sectionKey(b.anchor.sectionId), b.id);
    }
  }
  return index;
}

/** The add request for an answer bubble; null when it cites nothing (the service requires a citation). */
export function answerTarget(question: string, markdown: string, sources: SourceChip[]): BookmarkAddRequest | null {
  const citations = sources
    .filter((s): s is SourceChip & { chunkId: string } => Boolean(s.chunkId))
    .map((s) => ({ chunkId: s.chunkId, headingPath: s.headingPath }));
  if (citations.length === 0) return null;
  return { target: { kind: 'answer', answer: { question, markdown, citations } } };
}

/** A stored snippet (Markdown source) as one plain line: list markers, emphasis and pipes dropped. */
export function plainSnippet(markdown: string): string {
  return markdown
    .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/gm, '')
    .replace(/\*\*|__|`|\|/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const STATUS_LABEL = {
  exact: null,
  moved: 'Moved',
  changed: 'Changed',
  missing: 'Missing',
} as const;

export const STATUS_HINT = {
  exact: '',
  moved: 'The notes were reorganised; this bookmark follows its section to its new place.',
  changed: 'The section’s text changed since you saved it.',
  missing: 'This section is no longer in the notes.',
} as const;
