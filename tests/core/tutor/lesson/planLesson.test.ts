import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../electron/core/answer/segment';
import { loadContent } from '../../../../electron/core/knowledge/loadContent';
import type { Section } from '../../../../electron/core/knowledge/types';
import {
  lessonMaterialFor,
  planLesson,
  type LessonMaterial,
  type LessonStep,
} from '../../../../electron/core/tutor/lesson';
import { CONTENT_DIR } from '../../knowledge/helpers';

// Independent of the planner's own measuring, so the test checks the rule rather than the code.
const LIST_LINE = /^\s*([-*+]|\d+[.)])\s+/;
const words = (md: string): number =>
  md
    .replace(/[*`|]/g, ' ')
    .replace(/^\s*([-+]|\d+[.)])\s+/gm, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
const indent = (l: string): number => l.length - l.trimStart().length;
/** Bullet lines that are not just the parent line of the sub-items right below them. */
const bullets = (md: string): number => {
  const lines = md.split('\n');
  return lines.filter(
    (l, i) => LIST_LINE.test(l) && !(lines[i + 1] && LIST_LINE.test(lines[i + 1]) && indent(lines[i + 1]) > indent(l)),
  ).length;
};
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The paragraphs of a step that quote the notes (everything but the tutor's own blocks). */
const quoted = (step: LessonStep): string[] => step.markdown.split('\n\n').filter((b) => !step.tutorBlocks.includes(b));

let lessons: { material: LessonMaterial; steps: LessonStep[] }[] = [];

beforeAll(async () => {
  const { sections, curriculum } = await loadContent(CONTENT_DIR);
  lessons = curriculum.phases.flatMap((p) =>
    p.lessons.map((l) => {
      const material = lessonMaterialFor(curriculum, sections, l.id);
      return { material, steps: planLesson(material) };
    }),
  );
});

describe('planLesson on the real notes', () => {
  it('plans every lesson into an intro, at least one more step and a recap, numbered consistently', () => {
    expect(lessons.length).toBeGreaterThan(30);
    for (const { material, steps } of lessons) {
      expect(steps.length, material.title).toBeGreaterThanOrEqual(2);
      expect(steps[0].kind).toBe('intro');
      expect(steps[steps.length - 1].kind).toBe('summary');
      steps.forEach((s, i) => expect([s.index, s.total]).toEqual([i, steps.length]));
    }
  });

  it('marks the tutor blocks: each is a paragraph of the message, and every step has one', () => {
    for (const { steps } of lessons) {
      for (const s of steps) {
        expect(s.tutorBlocks.length).toBeGreaterThan(0);
        for (const t of s.tutorBlocks) expect(s.markdown.split('\n\n')).toContain(t);
      }
    }
  });

  it('keeps every message small (≤ 4 points, ≤ 90 words of notes) except whole tables and step lists', () => {
    for (const { steps } of lessons) {
      for (const s of steps.filter((x) => x.kind === 'intro' || x.kind === 'points')) {
        const text = quoted(s).join('\n');
        expect(words(text), s.markdown).toBeLessThanOrEqual(90);
        expect(bullets(text), s.markdown).toBeLessThanOrEqual(4);
      }
    }
  });

  it('quotes the notes verbatim, from the sections named in refs', () => {
    for (const { material, steps } of lessons) {
      const byId = new Map(material.sections.map((sec) => [sec.id, sec]));
      for (const s of steps) {
        const bodies = s.refs.map((r) => {
          const sec = byId.get(r.sectionId);
          expect(sec, `ref ${r.sectionId} is a section of the lesson`).toBeDefined();
          expect(r.headingPath).toEqual(sec?.headingPath);
          return squash(sec?.body ?? '');
        });
        for (const line of quoted(s).flatMap((b) => b.split('\n'))) {
          expect(
            bodies.some((b) => b.includes(squash(line))),
            line,
          ).toBe(true);
        }
      }
    }
  });

  it('loses nothing: every sentence, list item and table row of the lesson appears in some step', () => {
    for (const { material, steps } of lessons) {
      for (const sec of material.sections) {
        const text = steps
          .filter((s) => s.refs.some((r) => r.sectionId === sec.id))
          .flatMap(quoted)
          .join('\n');
        const lines = new Set(text.split('\n'));
        for (const line of sec.body.split('\n').filter((l) => l.trim())) {
          if (LIST_LINE.test(line) || line.trimStart().startsWith('|')) expect(lines.has(line), line).toBe(true);
          else for (const sentence of splitSentences(line)) expect(squash(text)).toContain(sentence);
        }
      }
    }
  });

  it('keeps each table and each numbered step list whole, in one message', () => {
    let tables = 0;
    for (const { material, steps } of lessons) {
      for (const sec of material.sections) {
        const blocks = sec.body.split(/\n\s*\n/);
        for (const block of blocks.filter((b) => b.startsWith('|') || /^1[.)]\s/.test(b))) {
          tables++;
          const holder = steps.filter((s) => s.markdown.includes(block));
          expect(holder.length, block.slice(0, 60)).toBe(1);
          expect(['table', 'steps']).toContain(holder[0].kind);
        }
      }
    }
    expect(tables).toBeGreaterThanOrEqual(3); // ELB, Secrets Manager vs Parameter Store, Fargate steps
  });

  it('opens with the title, goals and the section intro paragraph', () => {
    const s3 = lessons.find((l) => l.material.title.includes('Amazon S3'));
    const intro = s3?.steps[0];
    expect(intro?.markdown).toMatch(/\*\*Amazon Simple Storage Service \(Amazon S3\)\*\*/);
    expect(intro?.markdown).toContain('- Explain Storage Classes');
    expect(intro?.markdown).toContain('Amazon Simple Storage Service (Amazon S3) provides scalable object storage');
    expect(intro?.refs.map((r) => r.sectionId)).toEqual([s3?.material.lessonId]);
  });

  it('splits a long list of sub-items into "(continued)" messages under a repeated parent line', () => {
    const s3 = lessons.find((l) => l.material.title.includes('Amazon S3'));
    const parts = s3?.steps.filter((s) => s.refs[0]?.headingPath.at(-1) === 'Storage Classes') ?? [];
    expect(parts).toHaveLength(2);
    expect(parts[1].tutorBlocks[0]).toContain('(continued)');
    for (const p of parts)
      expect(p.markdown).toContain('- S3 offers multiple storage classes to optimize cost and performance:');
  });

  it('is deterministic and varies its connective phrases', () => {
    for (const { material, steps } of lessons) expect(planLesson(material)).toEqual(steps);
    const openers = new Set(lessons.flatMap((l) => l.steps.map((s) => s.tutorBlocks[0].split('**')[0])));
    expect(openers.size).toBeGreaterThanOrEqual(8);
    for (const { steps } of lessons) {
      for (let i = 1; i < steps.length; i++) expect(steps[i].tutorBlocks[0]).not.toBe(steps[i - 1].tutorBlocks[0]);
    }
  });
});

function section(id: string, headingPath: string[], body: string): Section {
  return { id, phaseId: 'phase1', headingPath, body, source: 'notes' };
}

describe('planLesson on made-up notes', () => {
  const long = Array.from({ length: 7 }, (_, i) => `- Point number ${i + 1} is short.`).join('\n');
  const steps8 = Array.from({ length: 8 }, (_, i) => `${i + 1}. Do step ${i + 1} of the long procedure now.`).join(
    '\n',
  );
  const nested = ['- Parent item:', '  - Child one.', '  - Child two:', '    - Grandchild.', '  - Child three.'].join(
    '\n',
  );
  const plan = planLesson({
    lessonId: 'L1',
    phaseId: 'phase1',
    title: 'Thing',
    goals: ['Explain Thing', 'Explain Parts'],
    sections: [
      section('root', ['P', 'Thing'], 'Thing is a thing. It does things.'),
      section('a', ['P', 'Thing', 'Parts'], long),
      section('b', ['P', 'Thing', 'How'], `Here's how to do it:\n\n${steps8}`),
      section('c', ['P', 'Thing', 'Nested'], nested),
    ],
  });

  it('balances a long list (7 points → 4 + 3) and keeps a numbered list with its lead-in whole', () => {
    const parts = plan.filter((s) => s.refs[0]?.sectionId === 'a');
    expect(parts.map((p) => bullets(quoted(p).join('\n')))).toEqual([4, 3]);
    const how = plan.filter((s) => s.refs[0]?.sectionId === 'b');
    expect(how).toHaveLength(1);
    expect(how[0].kind).toBe('steps');
    expect(how[0].markdown).toContain(`Here's how to do it:\n\n${steps8}`);
  });

  it('keeps nested sub-items with their parent', () => {
    const [n] = plan.filter((s) => s.refs[0]?.sectionId === 'c');
    expect(n.markdown).toContain(nested);
  });

  it('skips the goal that only restates the title', () => {
    expect(plan[0].markdown).not.toContain('Explain Thing');
    expect(plan[0].markdown).toContain('- Explain Parts');
  });
});
