// Ordering questions for lessons that walk through a procedure: the project walkthroughs of phase 6
// (labelled steps "Setup → Upload Content → …") and numbered step lists anywhere.

import type { Candidate } from './candidate';
import type { Fact } from './facts';
import type { LessonMaterial } from './lessonMaterial';
import { displayName } from './names';
import { shuffledUnlike } from './seeded';

// Labelled items of a walkthrough that are not steps: outcomes and cross-cutting concerns.
const NOT_A_STEP = /^(?:benefits|use cases|security)$/i;
// The earliest steps have the least debatable order; 4 keeps the question short.
const MAX_STEPS = 4;
const MIN_STEPS = 3;

/** A phase 6 project is a procedure, unless it is a design (a set of parts, not a sequence). */
export function isProcedural(lesson: LessonMaterial): boolean {
  return lesson.phaseId === 'phase6' && !/\bdesign\b/i.test(lesson.title);
}

function stepText(fact: Fact): string {
  return (fact.label ?? fact.plain).replace(/[.:]\s*$/, '').trim();
}

export function orderCandidates(lesson: LessonMaterial, facts: readonly Fact[]): Candidate[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.kind !== 'item') continue;
    groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  }
  const out: Candidate[] = [];
  for (const items of groups.values()) {
    let steps: Fact[] = [];
    if (items.every((f) => f.numbered)) steps = items;
    else if (isProcedural(lesson) && items[0].topLevel && items.every((f) => f.label))
      steps = items.filter((f) => !NOT_A_STEP.test(f.label ?? ''));
    steps = steps.slice(0, MAX_STEPS);
    const answer = steps.map(stepText);
    if (steps.length < MIN_STEPS || new Set(answer.map((a) => a.toLowerCase())).size !== answer.length) continue;
    out.push({
      kind: 'order',
      section: steps[0].section,
      source: steps.map((f) => f.source).join('\n'),
      key: answer.join(' > ').toLowerCase(),
      score: 3,
      build: (rand) => ({
        prompt: `**${displayName(lesson.title)}** — put these steps in the right order:`,
        answer,
        choices: shuffledUnlike(answer, rand),
      }),
    });
  }
  return out;
}
