import { createEmptyCard, fsrs, Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { MemoryDocumentStore } from '../../../../electron/core/store/documentStore';
import { reviewsSchema } from '../../../../electron/core/store/schemas';
import {
  emptyReviewDoc,
  fromSerializedCard,
  REVIEW_PARAMS,
  ReviewScheduler,
  toSerializedCard,
  type ReviewDoc,
} from '../../../../electron/core/tutor/review';
import type { CheckQuestion, Verdict, VerdictResult } from '../../../../electron/core/tutor/types';

const T0 = new Date('2025-03-01T09:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function question(id: string): CheckQuestion {
  return {
    id,
    lessonId: 'lesson-1',
    kind: 'cloze',
    prompt: 'Each bucket must have a globally _____ name.',
    answer: 'unique',
    source: 'Each bucket must have a globally unique name and is created in a specific AWS Region.',
    ref: { sectionId: 's3-buckets', headingPath: ['Phase 1', 'Amazon S3', 'Buckets & Objects'] },
  };
}

function verdict(questionId: string, result: VerdictResult): Verdict {
  return {
    questionId,
    result,
    score: result === 'correct' ? 1 : 0,
    expected: 'unique',
    feedback: '',
    ref: question(questionId).ref,
  };
}

function setup(): { store: MemoryDocumentStore<ReviewDoc>; review: ReviewScheduler } {
  const store = new MemoryDocumentStore<ReviewDoc>(emptyReviewDoc(), 'memory:reviews');
  return { store, review: new ReviewScheduler(store) };
}

const dueOf = (store: MemoryDocumentStore<ReviewDoc>, id: string): number =>
  Date.parse(store.read().cards[id].card.due);

describe('ReviewScheduler', () => {
  it('schedules a right answer days later and a wrong one within minutes, partly in between', async () => {
    const { store, review } = setup();
    await review.record(question('good'), verdict('good', 'correct'), T0);
    await review.record(question('hard'), 'partly', T0);
    await review.record(question('again'), verdict('again', 'not-yet'), T0);
    const good = dueOf(store, 'good') - T0.getTime();
    const hard = dueOf(store, 'hard') - T0.getTime();
    const again = dueOf(store, 'again') - T0.getTime();
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThanOrEqual(10 * MIN);
    expect(hard).toBeGreaterThan(again);
    expect(hard).toBeLessThan(DAY);
    expect(good).toBeGreaterThanOrEqual(DAY);
    expect(good).toBeGreaterThan(hard);
  });

  it('stores the question, the last result and an FSRS card (state, reps) that the shared schema accepts', async () => {
    const { store, review } = setup();
    const entry = await review.record(question('q1'), verdict('q1', 'correct'), T0);
    expect(entry.question.id).toBe('q1');
    expect(entry.lastResult).toEqual({ result: 'correct', score: 1, at: T0.toISOString() });
    expect(entry.card.reps).toBe(1);
    expect(entry.card.last_review).toBe(T0.toISOString());
    expect(reviewsSchema.parse(store.read())).toEqual(store.read());
  });

  it('lists due cards most overdue first, honours the limit, and counts them', async () => {
    const { review } = setup();
    await review.record(question('c'), 'not-yet', at(2 * MIN)); // due at +12m
    await review.record(question('a'), 'not-yet', at(0)); // due at +10m
    await review.record(question('b'), 'not-yet', at(1 * MIN)); // due at +11m
    await review.record(question('later'), 'correct', at(0)); // due in days
    expect(review.due(at(9 * MIN))).toEqual([]);
    const now = at(30 * MIN);
    expect(review.due(now).map((d) => d.questionId)).toEqual(['a', 'b', 'c']);
    expect(review.due(now, 2).map((d) => d.questionId)).toEqual(['a', 'b']);
    expect(review.due(now)[0]).toMatchObject({
      question: question('a'),
      lastResult: 'not-yet',
      due: at(10 * MIN).toISOString(),
    });
    expect(review.dueCount(now)).toBe(3);
    expect(review.stats(now)).toEqual({ total: 4, due: 3, learned: 1 });
    expect(review.dueCount(at(30 * DAY))).toBe(4);
  });

  it('grades an existing card: a missed card answered right later graduates to review', async () => {
    const { store, review } = setup();
    await review.record(question('q'), 'not-yet', T0);
    expect(review.stats(T0).learned).toBe(0);
    const due = new Date(store.read().cards.q.card.due);
    const graded = await review.grade('q', verdict('q', 'correct'), due);
    expect(graded.card.state).toBe(State.Review);
    expect(Date.parse(graded.card.due) - due.getTime()).toBeGreaterThanOrEqual(DAY);
    expect(graded.question).toEqual(question('q'));
    expect(review.stats(due)).toEqual({ total: 1, due: 0, learned: 1 });
  });

  it('rejects grading an unknown card or a verdict for another question, leaving the store alone', async () => {
    const { store, review } = setup();
    await expect(review.grade('nope', 'correct', T0)).rejects.toThrow(/no review card/);
    await expect(review.record(question('x'), verdict('y', 'correct'), T0)).rejects.toThrow(/not x/);
    expect(store.read().cards).toEqual({});
  });

  it('keeps cards across schedulers on the same store, and concurrent answers are all kept', async () => {
    const { store, review } = setup();
    await Promise.all(['q1', 'q2', 'q3'].map((id) => review.record(question(id), 'not-yet', T0)));
    const reopened = new ReviewScheduler(store);
    expect(reopened.stats(at(DAY))).toEqual({ total: 3, due: 3, learned: 0 });
    await reopened.grade('q2', 'correct', at(DAY));
    expect(new ReviewScheduler(store).due(at(DAY)).map((d) => d.questionId)).toEqual(['q1', 'q3']);
  });

  it('survives a clock set back: the answer counts as given at the last review', async () => {
    const { review } = setup();
    await review.record(question('q'), 'correct', at(DAY));
    const e = await review.grade('q', 'not-yet', T0);
    expect(e.card.lapses).toBe(1);
    expect(Date.parse(e.card.due)).toBeGreaterThan(at(DAY).getTime());
  });

  it('is deterministic: the same answers at the same times give the same document', async () => {
    const run = async (): Promise<ReviewDoc> => {
      const { store, review } = setup();
      await review.record(question('q'), 'correct', T0);
      await review.grade('q', 'partly', at(3 * DAY));
      await review.grade('q', 'correct', at(5 * DAY));
      return store.read();
    };
    expect(await run()).toEqual(await run());
  });
});

describe('card (de)serialisation', () => {
  const f = fsrs(REVIEW_PARAMS);
  const fresh = createEmptyCard(T0);
  const reviewed = f.next(f.next(fresh, T0, Rating.Again).card, at(10 * MIN), Rating.Good).card;

  it('round-trips ts-fsrs cards exactly, through JSON too', () => {
    for (const card of [fresh, reviewed]) {
      const s = toSerializedCard(card);
      expect(fromSerializedCard(s)).toEqual(card);
      expect(fromSerializedCard(JSON.parse(JSON.stringify(s)))).toEqual(card);
      expect(toSerializedCard(fromSerializedCard(s))).toStrictEqual(s);
    }
  });

  it('writes ISO strings and omits last_review before the first review', () => {
    expect(toSerializedCard(fresh)).not.toHaveProperty('last_review');
    expect(toSerializedCard(fresh).due).toBe(T0.toISOString());
    expect(toSerializedCard(reviewed).last_review).toBe(at(10 * MIN).toISOString());
  });

  it('refuses invalid dates instead of writing "Invalid Date"', () => {
    expect(() => toSerializedCard({ ...fresh, due: new Date('nope') })).toThrow(RangeError);
    expect(() => fromSerializedCard({ ...toSerializedCard(fresh), due: 'nope' })).toThrow(RangeError);
  });
});
