// Plans a lesson as the short chat messages a patient tutor would send: an intro with the goals
// and the service's definition, then each sub-section in digestible pieces, then a recap. Quoted
// text is verbatim from the notes; the tutor's own words (titles, connectives, goals, recap) are
// listed in `tutorBlocks`, so anyone can tell the two apart.

import { stripNumbering } from '../../knowledge/text';
import type { Section } from '../../knowledge/types';
import type { SourceRef } from '../types';
import { Phrasebook, listPhrase } from './phrases';
import { sectionPieces, splitIntro, type Piece } from './pieces';

export type LessonStepKind = 'intro' | 'points' | 'table' | 'steps' | 'summary';

export interface LessonStep {
  /** 0-based position in the lesson. */
  index: number;
  total: number;
  markdown: string;
  /** The sections this step quotes. */
  refs: SourceRef[];
  kind: LessonStepKind;
  /**
   * The paragraphs of `markdown` (split on blank lines) that are the tutor's own words; every other
   * paragraph is quoted verbatim from the sections in `refs`.
   */
  tutorBlocks: string[];
}

export interface LessonInput {
  lessonId: string;
  phaseId: string;
  title: string;
  goals: string[];
  /** The lesson's `##` section first, then its descendants in document order. */
  sections: Section[];
}

type Draft = Omit<LessonStep, 'index' | 'total' | 'markdown'> & { quoted: string };

export function refOf(section: Section): SourceRef {
  return { sectionId: section.id, headingPath: section.headingPath };
}

/** "Storage Classes"; deeper headings keep their parents: "Storage Classes › Glacier". */
function headingOf(section: Section): string {
  return section.headingPath.slice(2).map(stripNumbering).join(' › ');
}

/** The first goal usually restates the title ("Explain Amazon S3"), which the intro already says. */
function shownGoals(title: string, goals: string[]): string[] {
  return goals.filter((g) => g.toLowerCase() !== `explain ${title}`.toLowerCase());
}

/** What the recap names: the sub-sections, or else the bold labels of the section's own points. */
function recapTopics(root: Section, subs: Section[]): string[] {
  if (subs.length > 0) return subs.map(headingOf);
  const labels: string[] = [];
  for (const line of root.body.split('\n')) {
    const m = /^[-*+]\s+\*\*([^*]+?)\*\*/.exec(line);
    if (m) labels.push(m[1].replace(/:\s*$/, '').trim());
  }
  return labels;
}

/** A table or step list opening with its own lead-in sentence ("Here's how you can use …:"). */
function hasLeadIn(piece: Piece): boolean {
  const first = piece.markdown.split('\n')[0];
  return !first.trimStart().startsWith('|') && !/^\s*\d+[.)]\s/.test(first);
}

/** Announces a table or step list, unless the notes' own lead-in sentence already does. */
function blockPhrase(piece: Piece, book: Phrasebook): string {
  if (piece.kind === 'points' || hasLeadIn(piece)) return '';
  return book.say(piece.kind === 'table' ? 'table' : 'steps');
}

export function planLesson(lesson: LessonInput): LessonStep[] {
  const [root, ...subs] = lesson.sections;
  if (!root) throw new Error(`lesson ${lesson.lessonId} has no sections`);
  const book = new Phrasebook(lesson.lessonId);
  const title = lesson.title.replace(/^topic:\s*/i, ''); // learner-added topics are titled "Topic: X"
  const drafts: Draft[] = [];

  // Intro: who we meet, what the learner will be able to do, then the notes' own definition.
  const goals = shownGoals(title, lesson.goals);
  const opening =
    goals.length > 0
      ? [`${book.say('intro', { title })} ${book.say('goals')}`, ...goals.map((g) => `- ${g}`)]
      : [book.say('intro', { title })];
  const { intro, rest } = splitIntro(root.body);
  drafts.push({
    kind: 'intro',
    tutorBlocks: [opening.join('\n')],
    quoted: intro[0]?.markdown ?? '',
    refs: [refOf(root)],
  });

  const addPieces = (pieces: Piece[], section: Section, heading: string, firstLine: string | null): void => {
    pieces.forEach((piece, i) => {
      const line = i === 0 && firstLine !== null ? firstLine : book.say('continued', { heading });
      drafts.push({
        kind: piece.kind,
        tutorBlocks: [[line, blockPhrase(piece, book)].filter((t) => t.length > 0).join(' ')],
        quoted: piece.markdown,
        refs: [refOf(section)],
      });
    });
  };
  addPieces(intro.slice(1), root, title, null);
  // The section's own points right after the intro: no heading of their own, so no "Next: …".
  const restOpening = (piece: Piece): string =>
    piece.kind === 'points' ? book.say('keyPoints', { title }) : hasLeadIn(piece) ? book.say('onward') : '';
  addPieces(rest, root, title, rest.length > 0 ? restOpening(rest[0]) : null);

  const taught = subs.map((s) => ({ section: s, pieces: sectionPieces(s.body) })).filter((t) => t.pieces.length > 0);
  taught.forEach(({ section, pieces }, i) => {
    const heading = headingOf(section);
    const family = taught.length < 2 ? 'next' : i === 0 ? 'first' : i === taught.length - 1 ? 'last' : 'next';
    addPieces(pieces, section, heading, book.say(family, { title, heading }));
  });

  const topics = recapTopics(root, subs);
  const recap =
    topics.length >= 2
      ? book.say('summary', { title, topics: listPhrase(topics) })
      : book.say('summaryShort', { title });
  drafts.push({ kind: 'summary', tutorBlocks: [recap], quoted: '', refs: [] });

  return drafts.map(({ quoted, ...d }, index) => ({
    ...d,
    index,
    total: drafts.length,
    markdown: [...d.tutorBlocks, quoted].filter((b) => b.length > 0).join('\n\n'),
  }));
}
