// The learning path (content/curriculum.json): phases in order, each with its lessons (the `##`
// services/topics) and short goals. Goals are built only from the notes' own headings and bold
// labels, so the tutor never promises something the notes do not cover.

import { z } from 'zod';
import { PHASE_IDS, phaseInfo } from './phases';
import { stripNumbering } from './text';
import type { PhaseId, Section } from './types';

const PhaseIdSchema = z.enum(PHASE_IDS as [PhaseId, ...PhaseId[]]);

export const CurriculumLessonSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  title: z.string().min(1),
  headingPath: z.array(z.string().min(1)).min(2),
  goals: z.array(z.string().min(1)),
});

export const CurriculumPhaseSchema = z.object({
  id: PhaseIdSchema,
  order: z.number().int().positive(),
  title: z.string().min(1),
  file: z.string().regex(/^[\w.-]+\.md$/),
  goals: z.array(z.string().min(1)),
  lessons: z.array(CurriculumLessonSchema),
});

export const CurriculumSchema = z.object({
  version: z.literal(1),
  phases: z.array(CurriculumPhaseSchema),
});

export type CurriculumLesson = z.infer<typeof CurriculumLessonSchema>;
export type CurriculumPhase = z.infer<typeof CurriculumPhaseSchema>;
export type Curriculum = z.infer<typeof CurriculumSchema>;

const MAX_LESSON_GOALS = 6;

/** "Storage Classes" → "Explain Storage Classes"; comparisons and how-tos read naturally. */
export function goalFor(label: string): string {
  const l = stripNumbering(label)
    .replace(/^topic:\s*/i, '')
    .replace(/[:.]\s*$/, '')
    .trim();
  const listed = /\bcomparison\s*\(([^()]+\bvs\b[^()]+)\)/i.exec(l);
  if (listed) return `Compare ${listed[1]}`;
  if (/\bvs\.?\s/i.test(l)) return `Compare ${l}`;
  if (/^how to\s/i.test(l)) return `Explain ${l[0].toLowerCase()}${l.slice(1)}`;
  if (/^[A-Z][a-z]+ing\s+(?:a|an|the)\s/.test(l)) return `Walk through ${l[0].toLowerCase()}${l.slice(1)}`;
  return `Explain ${l}`;
}

/** Bold labels opening top-level list items: "- **Automated Backups**: …" → "Automated Backups". */
function boldLabels(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split('\n')) {
    const m = /^[-*+]\s+\*\*([^*]+?)\*\*/.exec(line);
    if (m) out.push(m[1].replace(/:\s*$/, '').trim());
  }
  return out;
}

function isChildOf(child: Section, parent: Section): boolean {
  return (
    child.headingPath.length === parent.headingPath.length + 1 &&
    parent.headingPath.every((h, i) => child.headingPath[i] === h)
  );
}

function lessonGoals(lesson: Section, all: Section[]): string[] {
  const children = all.filter((s) => isChildOf(s, lesson)).map((s) => s.headingPath[s.headingPath.length - 1]);
  const labels = children.length > 0 ? children : boldLabels(lesson.body);
  const goals = [goalFor(lesson.headingPath[lesson.headingPath.length - 1]), ...labels.map(goalFor)];
  return [...new Set(goals)].slice(0, MAX_LESSON_GOALS);
}

export interface CurriculumPhaseInput {
  id: PhaseId;
  title: string;
}

/** Lessons are the phase's second-level sections, in document order. */
export function buildCurriculum(phases: CurriculumPhaseInput[], sections: Section[]): Curriculum {
  return {
    version: 1,
    phases: phases.map((p) => {
      const inPhase = sections.filter((s) => s.phaseId === p.id);
      const lessons = inPhase
        .filter((s) => s.headingPath.length === 2)
        .map((s) => ({
          id: s.id,
          title: stripNumbering(s.headingPath[1]),
          headingPath: s.headingPath,
          goals: lessonGoals(s, inPhase),
        }));
      const info = phaseInfo(p.id);
      return {
        id: p.id,
        order: info.order,
        title: p.title,
        file: info.file,
        goals: lessons.map((l) => l.goals[0]),
        lessons,
      };
    }),
  };
}

/**
 * The curriculum plus the learner's own topics as lessons of the self-learning phase, so a topic
 * they teach the tutor can be studied like any other (it never changes the shipped file).
 */
export function withLearnerLessons(curriculum: Curriculum, learner: Section[]): Curriculum {
  const roots = learner.filter((s) => s.phaseId === 'self' && s.headingPath.length === 2);
  if (!roots.length) return curriculum;
  const lessons = roots.map((s) => ({
    id: s.id,
    title: stripNumbering(s.headingPath[1]).replace(/^topic:\s*/i, ''),
    headingPath: s.headingPath,
    goals: lessonGoals(s, learner),
  }));
  const phases = curriculum.phases.map((p) => (p.id === 'self' ? { ...p, lessons: [...p.lessons, ...lessons] } : p));
  if (!phases.some((p) => p.id === 'self')) {
    const info = phaseInfo('self');
    phases.push({ id: 'self', order: info.order, title: 'Self-Learned Topics', file: info.file, goals: [], lessons });
  }
  return { ...curriculum, phases };
}
