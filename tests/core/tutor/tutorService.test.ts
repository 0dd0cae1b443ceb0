import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { memoryUserData, openUserData } from '../../../electron/core/store/userData';
import { TutorService } from '../../../electron/core/tutor/TutorService';
import type { CheckQuestion, TutorEvent } from '../../../electron/core/tutor/types';
import { openTestEngine, tempDir } from '../../helpers/engine';

const models = tempDir('tutor-models');
const data = tempDir('tutor-data');
let engine: KnowledgeEngine;
beforeAll(async () => {
  engine = await openTestEngine({ dataDir: data.path, modelsRoot: models.path });
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

const clock = () => new Date('2026-11-25T10:00:00Z');

/** Advance until a question is asked (or the lesson ends), returning every event seen. */
async function untilQuestion(t: TutorService, first: TutorEvent[]): Promise<TutorEvent[]> {
  const all = [...first];
  for (let i = 0; i < 40 && !all.some((e) => e.type === 'question' || e.type === 'done'); i++)
    all.push(...(await t.next()));
  return all;
}

function rightAnswer(q: CheckQuestion): string | string[] {
  return q.answer;
}

describe('TutorService', () => {
  it('teaches phase 1 lesson 1 in short messages, then asks check questions and records progress', async () => {
    const t = new TutorService(engine, memoryUserData(), clock);
    const events = await untilQuestion(t, await t.start());
    expect(events[0]).toMatchObject({ type: 'lesson', phaseId: 'phase1' });
    const messages = events.filter((e) => e.type === 'message');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    const question = events.find((e) => e.type === 'question');
    expect(question).toBeDefined();
    if (question?.type !== 'question') return;
    expect(question.question).not.toHaveProperty('answer');
    const full = t.questionsFor(question.question.lessonId).find((q) => q.id === question.question.id) as CheckQuestion;
    const after = await t.answer(full.id, rightAnswer(full));
    const verdict = after.find((e) => e.type === 'verdict');
    expect(verdict).toMatchObject({ type: 'verdict', verdict: { result: 'correct' } });
    expect(t.progress().phases[0].mastery).toBeGreaterThan(0);
  });

  it('re-explains a wrong answer and asks it again before the lesson ends; the card is due soon', async () => {
    const store = memoryUserData();
    const t = new TutorService(engine, store, clock);
    const events = await untilQuestion(t, await t.start());
    const q = events.find((e) => e.type === 'question');
    if (q?.type !== 'question') throw new Error('no question');
    const after = await t.answer(q.question.id, 'I really do not know');
    expect(after.find((e) => e.type === 'verdict')).toMatchObject({ verdict: { result: 'not-yet' } });
    expect(after.some((e) => e.type === 'message' && /again/i.test(e.markdown))).toBe(true);
    const asked: string[] = [];
    let ev = after;
    for (let i = 0; i < 20 && !ev.some((e) => e.type === 'done'); i++) {
      for (const e of ev) if (e.type === 'question') asked.push(e.question.id);
      const open = ev.find((e) => e.type === 'question');
      ev = open?.type === 'question' ? await t.answer(open.question.id, 'pass') : await t.next();
    }
    expect(asked.filter((id) => id === q.question.id).length).toBeGreaterThanOrEqual(1);
    expect(ev.some((e) => e.type === 'done')).toBe(true);
    expect(t.review.dueCount(new Date('2026-11-25T11:00:00Z'))).toBeGreaterThan(0);
  });

  it('continues where the learner left off after a restart, and names skipped prerequisites on a jump', async () => {
    const dir = tempDir('tutor-persist');
    try {
      const first = new TutorService(engine, await openUserData(dir.path), clock);
      await first.goto({ phaseId: 'phase3' });
      await first.next();
      const jumped = await new TutorService(engine, await openUserData(dir.path), clock).start();
      expect(jumped[0]).toMatchObject({ type: 'lesson', phaseId: 'phase3' });
      expect(jumped[0].type === 'lesson' && jumped[0].skippedPrerequisites?.[0]).toMatch(/Core Services/);
    } finally {
      dir.cleanup();
    }
  });

  it('answers free questions with a lean to the current lesson topic', async () => {
    const t = new TutorService(engine, memoryUserData(), clock);
    await t.goto({ phaseId: 'phase3' });
    const [answer] = await t.ask('what is the maximum timeout for it?');
    expect(answer).toMatchObject({ type: 'answer', abstained: false });
    expect(answer.type === 'answer' && answer.markdown).toContain('15 minutes');
  });
});

describe('TutorService with self-learned topics', () => {
  it('lists a taught topic as a lesson of the self-learning phase, teaches it, and offers a topic for out-of-scope questions', async () => {
    const own = tempDir('tutor-learn');
    try {
      const { LearnService } = await import('../../../electron/core/learn/LearnService');
      const e = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      const data = memoryUserData();
      const learn = new LearnService(data.topics, e);
      const t = new TutorService(e, data, clock, (q, hints) => learn.offerForOutOfScope(q, hints)?.title ?? null);
      const [oos] = await t.ask('How does Amazon Athena charge for queries?');
      expect(oos).toMatchObject({ type: 'answer', abstained: true, offerTopic: 'Amazon Athena' });

      const topic = await learn.add({
        title: 'Amazon Athena',
        markdown:
          'Amazon Athena is a serverless interactive query service for data in Amazon S3.\n\n- **Pricing**: Athena charges per terabyte of data scanned by each query.\n- **Workgroups**: Workgroups separate users and set query limits.',
      });
      const self = e.curriculum.phases.find((p) => p.id === 'self');
      const lesson = self?.lessons.find((l) => l.title === 'Amazon Athena');
      expect(lesson).toBeDefined();
      const events = await t.goto({ lessonId: lesson?.id });
      expect(events[0]).toMatchObject({ type: 'lesson', title: 'Amazon Athena' });
      expect(events.some((ev) => ev.type === 'message' && ev.markdown.includes('Amazon Athena'))).toBe(true);
      expect(t.questionsFor(lesson?.id as string).length).toBeGreaterThan(0);

      await learn.remove(topic.id);
      expect(e.curriculum.phases.find((p) => p.id === 'self')?.lessons.some((l) => l.title === 'Amazon Athena')).toBe(
        false,
      );
    } finally {
      own.cleanup();
    }
  });
});
