import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../../../electron/core/knowledge/loadContent';
import type { Section } from '../../../../electron/core/knowledge/types';
import { lessonMaterialFor } from '../../../../electron/core/tutor/lesson/material';
import { normalizeAnswer } from '../../../../electron/core/tutor/grading/normalize';
import { BLANK } from '../../../../electron/core/tutor/questions/cloze';
import { generateQuestions, type LessonMaterial } from '../../../../electron/core/tutor/questions/generateQuestions';
import { isProcedural } from '../../../../electron/core/tutor/questions/order';
import type { CheckQuestion } from '../../../../electron/core/tutor/types';
import { REPO } from '../../../helpers/engine';

interface Generated {
  lesson: LessonMaterial;
  questions: CheckQuestion[];
}

let all: Generated[] = [];

beforeAll(async () => {
  const { sections, curriculum } = await loadContent(`${REPO}/content`);
  const lessons = curriculum.phases.flatMap((p) => p.lessons.map((l) => lessonMaterialFor(curriculum, sections, l.id)));
  all = lessons.map((lesson) => ({ lesson, questions: generateQuestions(lesson) }));
});

const textOf = (sections: Section[]): string =>
  sections.map((s) => `${s.headingPath.join('\n')}\n${s.body}`).join('\n');
/** Word-bounded containment after the grader's normalisation (case, punctuation, plurals, "Amazon "). */
const containsNorm = (haystack: string, needle: string): boolean =>
  ` ${normalizeAnswer(haystack)} `.includes(` ${normalizeAnswer(needle)} `);
const questions = (): CheckQuestion[] => all.flatMap((g) => g.questions);
const ofKind = (kind: CheckQuestion['kind']) =>
  all.flatMap((g) => g.questions.filter((q) => q.kind === kind).map((q) => ({ ...g, q })));

describe('generateQuestions over the shipped notes', () => {
  it('asks 2–4 questions for (nearly) every lesson, mixing kinds', () => {
    const counts = all.map((g) => g.questions.length);
    const distribution: Record<number, number> = {};
    for (const c of counts) distribution[c] = (distribution[c] ?? 0) + 1;
    console.info('questions per lesson →', JSON.stringify(distribution), `(${all.length} lessons)`);
    expect(counts.every((c) => c <= 4)).toBe(true);
    expect(counts.filter((c) => c >= 2).length).toBeGreaterThanOrEqual(Math.ceil(all.length * 0.9));
    const mixed = all.filter((g) => new Set(g.questions.map((q) => q.kind)).size >= 2);
    expect(mixed.length).toBeGreaterThanOrEqual(Math.ceil(all.length * 0.8));
    for (const kind of ['cloze', 'choice', 'short', 'order'] as const) expect(ofKind(kind).length).toBeGreaterThan(0);
  });

  it('quotes its source verbatim from the section it refers to', () => {
    for (const { lesson, questions: qs } of all) {
      for (const q of qs) {
        const section = lesson.sections.find((s) => s.id === q.ref.sectionId);
        expect(section, q.prompt).toBeDefined();
        expect(q.ref.headingPath).toEqual(section?.headingPath);
        for (const line of q.source.split('\n')) expect(section?.body, q.prompt).toContain(line);
        expect(q.lessonId).toBe(lesson.lessonId);
      }
    }
  });

  it('only asks what the lesson answers: answers, keywords and steps appear in its text', () => {
    for (const { lesson, questions: qs } of all) {
      const text = textOf(lesson.sections);
      for (const q of qs) {
        const parts = q.kind === 'short' ? [...(q.keywords ?? []), String(q.answer)] : [q.answer].flat();
        for (const part of parts) expect(containsNorm(text, part), `${q.prompt} → ${part}`).toBe(true);
        // the quoted source (or, for "Which service …?", the heading it sits under) holds the answer
        const quoted = `${q.source}\n${q.ref.headingPath[q.ref.headingPath.length - 1]}`;
        if (q.kind !== 'order') expect(containsNorm(quoted, String(q.answer)), q.prompt).toBe(true);
      }
    }
  });

  it('gives short answers 2–4 key terms taken from the answer itself', () => {
    for (const { q } of ofKind('short')) {
      expect(q.keywords?.length).toBeGreaterThanOrEqual(2);
      expect(q.keywords?.length).toBeLessThanOrEqual(4);
      for (const k of q.keywords ?? []) expect(containsNorm(String(q.answer), k), k).toBe(true);
    }
  });

  it('blanks one key term that the rest of a cloze prompt does not give away', () => {
    for (const { q } of ofKind('cloze')) {
      const answer = String(q.answer);
      expect(q.prompt.split(BLANK).length, q.prompt).toBe(2);
      expect(normalizeAnswer(answer).length).toBeGreaterThanOrEqual(2);
      expect(containsNorm(q.prompt.replace(BLANK, ' '), answer), q.prompt).toBe(false);
      expect(q.accepted).toContain(normalizeAnswer(answer));
    }
  });

  it('draws choice distractors from sibling items/sections, all distinct from the answer and each other', () => {
    for (const { lesson, q } of ofKind('choice')) {
      const options = q.choices ?? [];
      expect(options).toHaveLength(4);
      expect(options).toContain(q.answer);
      expect(new Set(options.map(normalizeAnswer)).size).toBe(4);
      const elsewhere = textOf([...lesson.sections, ...lesson.siblings]).replace(q.source, ' ');
      for (const d of options.filter((o) => o !== q.answer)) {
        expect(containsNorm(elsewhere, d), `${q.prompt} → ${d}`).toBe(true);
        expect(containsNorm(q.prompt, d), `${q.prompt} names ${d}`).toBe(false);
      }
    }
  });

  it('gives each project walkthrough an ordering question, shuffled away from the answer', () => {
    const projects = all.filter((g) => isProcedural(g.lesson));
    expect(projects.length).toBeGreaterThanOrEqual(5);
    for (const { lesson, questions: qs } of projects) {
      const order = qs.find((q) => q.kind === 'order');
      expect(order, lesson.title).toBeDefined();
      const steps = order?.answer as string[];
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps.length).toBeLessThanOrEqual(5);
      expect(order?.choices).not.toEqual(steps);
      expect([...(order?.choices ?? [])].sort()).toEqual([...steps].sort());
    }
  });

  it('is deterministic: same ids, prompts and option order on every run, never Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const again = all.map((g) => generateQuestions(g.lesson));
    expect(again).toEqual(all.map((g) => g.questions));
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
    const ids = questions().map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('varies with the seed but keeps ids tied to the source', () => {
    const g = all.find((x) => x.lesson.title.includes('Amazon S3'));
    if (!g) throw new Error('S3 lesson missing');
    const seeded = generateQuestions(g.lesson, { seed: 'review-2' });
    expect(seeded.length).toBeGreaterThanOrEqual(2);
    const bySource = new Map(g.questions.map((q) => [q.kind + q.source, q.id]));
    for (const q of seeded) if (bySource.has(q.kind + q.source)) expect(q.id).toBe(bySource.get(q.kind + q.source));
    expect(generateQuestions(g.lesson, { max: 2 })).toHaveLength(2);
  });
});
