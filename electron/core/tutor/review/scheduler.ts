// Spaced review with FSRS: every check question the learner answers becomes a card, and each
// answer moves the card's next review date. The scheduler keeps no state of its own (everything
// lives in the store), so a new scheduler on the same store picks up where the last one left off.

import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type FSRS,
  type FSRSParameters,
  type Grade,
} from 'ts-fsrs';
import type { DocumentStore } from '../../store/documentStore';
import type { CheckQuestion, Verdict, VerdictResult } from '../types';
import { fromSerializedCard, toSerializedCard, type ReviewDoc, type ReviewEntry } from './cards';

/**
 * Fixed parameters so the same answers always give the same dates (no fuzz). One 10-minute
 * (re)learning step: a missed question comes back in the same sitting, a right one in days.
 */
export const REVIEW_PARAMS: FSRSParameters = generatorParameters({
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ['10m'],
  relearning_steps: ['10m'],
});

/** Kept simple on purpose: a verdict says nothing about effort, so "correct" is Good, never Easy. */
export const RATING_FOR: Record<VerdictResult, Grade> = {
  correct: Rating.Good,
  partly: Rating.Hard,
  'not-yet': Rating.Again,
};

export interface DueCard {
  questionId: string;
  question: CheckQuestion;
  /** ISO date the card fell due. */
  due: string;
  lastResult?: VerdictResult;
}

/** A bare result (e.g. from a review screen) scores like the grader's typical verdicts. */
const SCORE_FOR: Record<VerdictResult, number> = { correct: 1, partly: 0.5, 'not-yet': 0 };

export interface ReviewStats {
  total: number;
  due: number;
  /** Cards past their learning steps (FSRS state Review). */
  learned: number;
}

export class ReviewScheduler {
  private readonly fsrs: FSRS;

  constructor(
    private readonly store: DocumentStore<ReviewDoc>,
    params: Partial<FSRSParameters> = {},
  ) {
    this.fsrs = fsrs({ ...REVIEW_PARAMS, ...params });
  }

  /** Records an answer: creates the card on first sight, else reviews it; refreshes the stored question. */
  record(question: CheckQuestion, verdict: Verdict | VerdictResult, now: Date = new Date()): Promise<ReviewEntry> {
    return this.apply(question.id, question, verdict, now);
  }

  /** Records an answer to an existing card (a review session); throws for an unknown id. */
  grade(questionId: string, verdict: Verdict | VerdictResult, now: Date = new Date()): Promise<ReviewEntry> {
    return this.apply(questionId, undefined, verdict, now);
  }

  /** Cards due at `now`, most overdue first (ties by id, so the order is stable). */
  due(now: Date = new Date(), limit = Infinity): DueCard[] {
    const at = now.getTime();
    return Object.entries(this.store.read().cards)
      .map(([questionId, e]) => ({ questionId, e, time: Date.parse(e.card.due) }))
      .filter((x) => x.time <= at)
      .sort((a, b) => a.time - b.time || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
      .slice(0, Math.max(0, limit))
      .map(({ questionId, e }) => ({
        questionId,
        question: e.question,
        due: e.card.due,
        ...(e.lastResult ? { lastResult: e.lastResult.result } : {}),
      }));
  }

  dueCount(now: Date = new Date()): number {
    const at = now.getTime();
    return Object.values(this.store.read().cards).filter((e) => Date.parse(e.card.due) <= at).length;
  }

  stats(now: Date = new Date()): ReviewStats {
    const entries = Object.values(this.store.read().cards);
    return {
      total: entries.length,
      due: this.dueCount(now),
      learned: entries.filter((e) => e.card.state === State.Review).length,
    };
  }

  /** The stored entry for a question, if it has been answered before. */
  entry(questionId: string): ReviewEntry | undefined {
    const cards = this.store.read().cards;
    // Own keys only: an id such as "constructor" or "__proto__" must not reach Object.prototype.
    return Object.hasOwn(cards, questionId) ? cards[questionId] : undefined;
  }

  private async apply(
    questionId: string,
    question: CheckQuestion | undefined,
    verdict: Verdict | VerdictResult,
    now: Date,
  ): Promise<ReviewEntry> {
    if (typeof verdict !== 'string' && verdict.questionId !== questionId) {
      throw new Error(`verdict is for question ${verdict.questionId}, not ${questionId}`);
    }
    const result = typeof verdict === 'string' ? verdict : verdict.result;
    const score = typeof verdict === 'string' ? SCORE_FOR[verdict] : verdict.score;
    let saved: ReviewEntry | undefined;
    // Inside update(), so two answers recorded at once are applied one after the other.
    await this.store.update((doc) => {
      const prev = Object.hasOwn(doc.cards, questionId) ? doc.cards[questionId] : undefined;
      const q = question ?? prev?.question;
      if (!q) throw new Error(`no review card for question ${questionId}`);
      const card = prev ? fromSerializedCard(prev.card) : createEmptyCard(now);
      // A clock set back (travel, a fixed system clock) must not fail the answer: ts-fsrs throws on
      // a review before the last one, so such a review counts as happening at the last one.
      const when = card.last_review && now < card.last_review ? card.last_review : now;
      const next = this.fsrs.next(card, when, RATING_FOR[result]).card;
      saved = { question: q, card: toSerializedCard(next), lastResult: { result, score, at: now.toISOString() } };
      return { ...doc, cards: { ...doc.cards, [questionId]: saved } };
    });
    if (!saved) throw new Error('review store did not apply the update');
    return saved;
  }
}
