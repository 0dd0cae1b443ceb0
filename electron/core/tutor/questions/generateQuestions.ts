// Check questions for a lesson, made from the lesson's own text: a varied few (2–4) of cloze,
// multiple choice, short answer and — for walkthroughs — ordering. Deterministic: the same lesson
// and seed always give the same questions, ids and option order.

import { shortHash } from '../../knowledge/ids';
import { analyze } from '../../retrieval/textNorm';
import type { CheckQuestion, QuestionKind } from '../types';
import type { Candidate } from './candidate';
import { itemChoices, serviceChoice, subsectionChoices } from './choice';
import { clozeCandidates } from './cloze';
import { lessonFacts, type Fact } from './facts';
import type { LessonMaterial } from './lessonMaterial';
import { displayName } from './names';
import { isProcedural, orderCandidates } from './order';
import { pickTop, seededRandom } from './seeded';
import { shortCandidates } from './short';

export type { LessonMaterial } from './lessonMaterial';

export interface GenerateOptions {
  /** At most this many questions (default 4). */
  max?: number;
  /** Varies which candidates are picked and the option order; the lesson id is always mixed in. */
  seed?: string;
}

const DEFAULT_MAX = 4;
// Kinds are taken in turns so a lesson's questions mix kinds; an ordering question (when the lesson
// has steps) comes first because it checks the whole walkthrough.
const TURNS: QuestionKind[] = ['order', 'choice', 'cloze', 'short', 'cloze', 'choice', 'short', 'cloze', 'short'];
// Among a kind's candidates, the best and those nearly as good are eligible (seed picks among them).
const SCORE_SLACK = 0.5;

/** Where a cloze sentence sits, so the learner knows what it is about: "Amazon S3 › Storage Classes". */
function topicOf(lesson: LessonMaterial, fact: Fact, sentence: string): string {
  const parts = [displayName(lesson.title)];
  const heading = fact.section.headingPath[fact.section.headingPath.length - 1];
  if (fact.section !== lesson.sections[0]) parts.push(heading);
  if (fact.groupLabel && fact.groupLabel !== heading) parts.push(fact.groupLabel);
  if (fact.label && !sentence.startsWith(fact.label)) parts.push(fact.label);
  return parts.join(' › ');
}

function phaseCounts(lesson: LessonMaterial): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of [...lesson.sections, ...lesson.siblings]) {
    for (const t of analyze(s.body)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

function candidatesByKind(lesson: LessonMaterial): Map<QuestionKind, Candidate[]> {
  const facts = lessonFacts(lesson.sections);
  const procedural = isProcedural(lesson);
  const pools = new Map<QuestionKind, Candidate[]>([
    ['order', orderCandidates(lesson, facts)],
    [
      'choice',
      [...serviceChoice(lesson, facts), ...subsectionChoices(lesson, facts), ...itemChoices(lesson, facts, procedural)],
    ],
    ['cloze', clozeCandidates(facts, (f, s) => topicOf(lesson, f, s), phaseCounts(lesson))],
    ['short', shortCandidates(lesson, facts, procedural)],
  ]);
  // best first; ties keep reading order (Array.prototype.sort is stable)
  for (const pool of pools.values()) pool.sort((a, b) => b.score - a.score);
  return pools;
}

function toQuestion(lesson: LessonMaterial, c: Candidate, rand: () => number): CheckQuestion {
  const body = c.build(rand);
  return {
    id: shortHash(lesson.lessonId + c.kind + c.source),
    lessonId: lesson.lessonId,
    kind: c.kind,
    prompt: body.prompt,
    ...(body.choices ? { choices: body.choices } : {}),
    answer: body.answer,
    ...(body.accepted ? { accepted: body.accepted } : {}),
    ...(body.keywords ? { keywords: body.keywords } : {}),
    source: c.source,
    ref: { sectionId: c.section.id, headingPath: [...c.section.headingPath] },
  };
}

export function generateQuestions(lesson: LessonMaterial, opts: GenerateOptions = {}): CheckQuestion[] {
  const max = Math.max(1, opts.max ?? DEFAULT_MAX);
  const rand = seededRandom(`${opts.seed ?? ''}\u001f${lesson.lessonId}`);
  const pools = candidatesByKind(lesson);
  const chosen: Candidate[] = [];
  const usedSources = new Set<string>();
  const usedKeys = new Set<string>();
  const usedSections = new Set<string>();
  for (const kind of TURNS) {
    if (chosen.length >= max) break;
    // one question per source sentence and per answer, so no question gives away another
    const open = (pools.get(kind) ?? []).filter((c) => !usedSources.has(c.source) && !usedKeys.has(c.key));
    if (open.length === 0) continue;
    // spread questions over the lesson's sections when there is a choice
    const fresh = open.filter((c) => !usedSections.has(c.section.id));
    const pool = fresh.length > 0 ? fresh : open;
    const eligible = pool.filter((c) => c.score >= pool[0].score - SCORE_SLACK);
    const pick = pickTop(eligible, rand);
    if (!pick) continue;
    chosen.push(pick);
    usedSources.add(pick.source);
    usedKeys.add(pick.key);
    usedSections.add(pick.section.id);
  }
  return chosen.map((c) => toQuestion(lesson, c, rand));
}
