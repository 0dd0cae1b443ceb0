/**
 * The browsing side of the app as plain DTOs: the catalog behind the channel rail, a section for
 * the reader panel, instant search for Ctrl+K and the due review cards. Pure functions over the
 * engine's content, so main, the web bridge and tests share them.
 */
import type { Curriculum } from '../knowledge/curriculum';
import type { Section } from '../knowledge/types';
import type { KnowledgeEngine } from '../engine/KnowledgeEngine';
import { QuestionError } from '../engine/validateQuestion';
import type { ReviewScheduler } from '../tutor/review';
import { publicQuestion } from '../tutor/TutorService';
import type { CatalogDto, ReviewDueDto, SearchHitDto, SectionRequest, SectionViewDto } from '../../shared/api';

export class LibraryError extends Error {
  constructor(
    readonly code: 'not-found',
    message: string,
  ) {
    super(message);
  }
}

/** "phase1-core-services.md" → "core-services": the channel name follows the shipped file name. */
export function channelName(file: string): string {
  return file.replace(/\.md$/, '').replace(/^phase\d+-/, '');
}

export function catalogOf(curriculum: Curriculum): CatalogDto {
  return {
    phases: curriculum.phases.map((p) => ({
      phaseId: p.id,
      order: p.order,
      title: p.title,
      channel: channelName(p.file),
      lessons: p.lessons.map((l) => ({ lessonId: l.id, title: l.title, headingPath: [...l.headingPath] })),
    })),
  };
}

const isPrefix = (prefix: readonly string[], path: readonly string[]): boolean =>
  prefix.length <= path.length && prefix.every((h, i) => path[i] === h);

/**
 * A section with its sub-sections, as the notes have them: each deeper heading becomes a Markdown
 * heading one level below the section's own title (which the reader shows itself).
 */
export function sectionMarkdown(section: Section, all: readonly Section[]): string {
  const depth = section.headingPath.length;
  const parts: string[] = [];
  for (const s of all) {
    if (s.phaseId !== section.phaseId || !isPrefix(section.headingPath, s.headingPath)) continue;
    const level = s.headingPath.length - depth;
    if (level > 0) parts.push(`${'#'.repeat(Math.min(6, level + 1))} ${s.headingPath[s.headingPath.length - 1]}`);
    if (s.body.trim()) parts.push(s.body.trim());
  }
  return parts.join('\n\n');
}

export function sectionView(
  request: SectionRequest,
  sections: readonly Section[],
  curriculum: Curriculum,
  chunkText: (chunkId: string) => { sectionId: string; text: string } | undefined,
): SectionViewDto {
  let sectionId: string;
  let highlight: string | null = null;
  if ('chunkId' in request) {
    const chunk = chunkText(request.chunkId);
    if (!chunk) throw new LibraryError('not-found', 'That passage is no longer in the notes.');
    sectionId = chunk.sectionId;
    highlight = chunk.text;
  } else sectionId = request.sectionId;
  const section = sections.find((s) => s.id === sectionId);
  if (!section) throw new LibraryError('not-found', 'That section is no longer in the notes.');
  const lesson = curriculum.phases
    .find((p) => p.id === section.phaseId)
    ?.lessons.find((l) => isPrefix(l.headingPath, section.headingPath));
  return {
    sectionId: section.id,
    phaseId: section.phaseId,
    headingPath: [...section.headingPath],
    markdown: sectionMarkdown(section, sections),
    highlight,
    lessonId: lesson?.id ?? null,
  };
}

export function sectionViewOf(engine: KnowledgeEngine, request: SectionRequest): SectionViewDto {
  return sectionView(request, engine.sections, engine.curriculum, (id) => {
    const c = engine.chunk(id);
    return c ? { sectionId: c.sectionId, text: c.text } : undefined;
  });
}

const SNIPPET_CHARS = 180;

/** Markdown → one plain line for a result list, around the first query term found. */
export function snippetOf(markdown: string, max = SNIPPET_CHARS, terms: readonly string[] = []): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>|\|)\s*/gm, '')
    .replace(/\*\*|__|`|\|/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const lower = plain.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), Infinity);
  // Keep a little context before the match, starting on a word boundary.
  const from = Number.isFinite(at) && at > max / 3 ? plain.lastIndexOf(' ', at - 20) + 1 : 0;
  const window = plain.slice(from, from + max - 2).replace(/\s+\S*$/, '');
  return `${from > 0 ? '…' : ''}${window}${from + window.length < plain.length ? '…' : ''}`;
}

/** Words of a query worth locating in a snippet. */
const queryTerms = (q: string): string[] => q.toLowerCase().match(/[a-z0-9][a-z0-9-]{2,}/g) ?? [];

/** Hybrid search for the palette; an empty query is simply no results, not an error. */
export async function searchNotes(engine: KnowledgeEngine, query: string, limit = 8): Promise<SearchHitDto[]> {
  if (!query.trim()) return [];
  try {
    const hits = await engine.search(query, { k: limit, rerank: true });
    return hits.map((h) => ({
      chunkId: h.chunk.id,
      sectionId: h.chunk.sectionId,
      phaseId: h.chunk.phaseId,
      headingPath: [...h.chunk.headingPath],
      snippet: snippetOf(h.chunk.text, SNIPPET_CHARS, queryTerms(query)),
    }));
  } catch (e) {
    if (e instanceof QuestionError && e.code === 'empty') return [];
    throw e;
  }
}

export function reviewDue(review: ReviewScheduler, now: Date, limit = 20): ReviewDueDto {
  const all = review.due(now);
  return {
    total: all.length,
    cards: all.slice(0, limit).map((c) => ({
      question: publicQuestion(c.question),
      due: c.due,
      ...(c.lastResult ? { lastResult: c.lastResult } : {}),
    })),
  };
}
