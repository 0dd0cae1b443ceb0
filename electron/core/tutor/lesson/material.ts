// Gathers what a lesson is made of: its `##` section with every section below it, plus the other
// lessons' sections of the same phase (the question generator draws plausible wrong options from
// those, so distractors come from the notes rather than being made up).

import type { Curriculum } from '../../knowledge/curriculum';
import type { PhaseId, Section } from '../../knowledge/types';

export interface LessonMaterial {
  lessonId: string;
  phaseId: PhaseId;
  title: string;
  goals: string[];
  /** The lesson's `##` section first, then its descendants in document order. */
  sections: Section[];
  /** Sections of the phase's other lessons, in document order. */
  siblings: Section[];
}

function isWithin(section: Section, root: Section): boolean {
  return (
    section.phaseId === root.phaseId &&
    section.headingPath.length >= root.headingPath.length &&
    root.headingPath.every((h, i) => section.headingPath[i] === h)
  );
}

/** Throws for an id that is not a lesson of the curriculum (callers check ids against it first). */
export function lessonMaterialFor(curriculum: Curriculum, sections: Section[], lessonId: string): LessonMaterial {
  const phase = curriculum.phases.find((p) => p.lessons.some((l) => l.id === lessonId));
  const lesson = phase?.lessons.find((l) => l.id === lessonId);
  const root = sections.find((s) => s.id === lessonId);
  if (!phase || !lesson || !root) throw new Error(`unknown lesson "${lessonId}"`);
  const own = sections.filter((s) => s !== root && isWithin(s, root));
  const inOwn = new Set([root, ...own]);
  // length ≥ 2: the phase's `#` title section belongs to no lesson
  const siblings = sections.filter((s) => s.phaseId === phase.id && s.headingPath.length >= 2 && !inOwn.has(s));
  return {
    lessonId,
    phaseId: phase.id,
    title: lesson.title,
    goals: lesson.goals,
    sections: [root, ...own],
    siblings,
  };
}
