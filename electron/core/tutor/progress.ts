import type { Curriculum } from '../knowledge/loadContent';
import type { ProgressDoc } from '../store/schemas';
import type { ProgressSummary, Verdict } from './types';

type LessonProgress = ProgressDoc['lessons'][string];

export function emptyLessonProgress(now: string): LessonProgress {
  return { status: 'not-started', step: 0, mastery: 0, attempts: 0, correct: 0, lastVisited: now, answered: {} };
}

/** Mastery = mean of the best score per question answered in the lesson (a retry can raise it). */
export function masteryOf(lesson: LessonProgress, questionCount: number): number {
  const scores = Object.values(lesson.answered).map((a) => a.score);
  if (!questionCount) return lesson.status === 'done' ? 1 : 0;
  return Math.min(1, scores.reduce((a, b) => a + b, 0) / questionCount);
}

export function recordVerdict(doc: ProgressDoc, lessonId: string, v: Verdict, now: string): ProgressDoc {
  // Own keys only: an id such as "constructor" must never read Object.prototype.
  const lesson = Object.hasOwn(doc.lessons, lessonId) ? doc.lessons[lessonId] : emptyLessonProgress(now);
  const prev = Object.hasOwn(lesson.answered, v.questionId) ? lesson.answered[v.questionId] : undefined;
  const best = prev && prev.score >= v.score ? prev : { result: v.result, score: v.score, at: now };
  return {
    ...doc,
    lessons: {
      ...doc.lessons,
      [lessonId]: {
        ...lesson,
        status: lesson.status === 'not-started' ? 'in-progress' : lesson.status,
        attempts: lesson.attempts + 1,
        correct: lesson.correct + (v.result === 'correct' ? 1 : 0),
        lastVisited: now,
        answered: { ...lesson.answered, [v.questionId]: best },
      },
    },
  };
}

export interface LessonRef {
  phaseId: string;
  lessonId: string;
  title: string;
}

/** Lessons in curriculum order, phase by phase. */
export function lessonOrder(curriculum: Curriculum): LessonRef[] {
  return [...curriculum.phases]
    .sort((a, b) => a.order - b.order)
    .flatMap((p) => p.lessons.map((l) => ({ phaseId: p.id, lessonId: l.id, title: l.title })));
}

/** The first lesson not done, after the current one if there is one, else from the start. */
export function suggestNext(curriculum: Curriculum, doc: ProgressDoc, after?: string): LessonRef | null {
  const order = lessonOrder(curriculum);
  const start = after ? order.findIndex((l) => l.lessonId === after) + 1 : 0;
  const rotated = [...order.slice(start), ...order.slice(0, start)];
  return rotated.find((l) => doc.lessons[l.lessonId]?.status !== 'done') ?? null;
}

/** Earlier phases with lessons still open: what jumping ahead skips. */
export function skippedPrerequisites(curriculum: Curriculum, doc: ProgressDoc, phaseId: string): string[] {
  const phases = [...curriculum.phases].sort((a, b) => a.order - b.order);
  const target = phases.find((p) => p.id === phaseId);
  if (!target) return [];
  return phases
    .filter((p) => p.order < target.order)
    .map((p) => {
      const done = p.lessons.filter((l) => doc.lessons[l.id]?.status === 'done').length;
      return done < p.lessons.length ? `${p.title} (${done} of ${p.lessons.length} lessons done)` : null;
    })
    .filter((x): x is string => x !== null);
}

export function summarize(
  curriculum: Curriculum,
  doc: ProgressDoc,
  reviewDue: number,
  questionCounts: (lessonId: string) => number,
): ProgressSummary {
  const phases = [...curriculum.phases]
    .sort((a, b) => a.order - b.order)
    .map((p) => {
      const lessons = p.lessons.map((l) => doc.lessons[l.id]);
      const done = lessons.filter((l) => l?.status === 'done').length;
      const mastery = p.lessons.length
        ? p.lessons.reduce(
            (acc, l) => acc + (doc.lessons[l.id] ? masteryOf(doc.lessons[l.id], questionCounts(l.id)) : 0),
            0,
          ) / p.lessons.length
        : 0;
      return { phaseId: p.id, title: p.title, lessons: p.lessons.length, done, mastery: Number(mastery.toFixed(3)) };
    });
  const order = lessonOrder(curriculum);
  const current = doc.current ? (order.find((l) => l.lessonId === doc.current?.lessonId) ?? null) : null;
  return { phases, current, suggestedNext: suggestNext(curriculum, doc, current?.lessonId), reviewDue };
}
