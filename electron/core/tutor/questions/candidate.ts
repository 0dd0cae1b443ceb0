// A question in the making: generators propose candidates with a quality score; the selector
// (generateQuestions) picks a varied few and only then builds them (shuffling needs the seed).

import type { Section } from '../../knowledge/types';
import type { CheckQuestion, QuestionKind } from '../types';

export type QuestionBody = Pick<CheckQuestion, 'prompt' | 'answer' | 'choices' | 'accepted' | 'keywords'>;

export interface Candidate {
  kind: QuestionKind;
  /** The section the source text came from (the question's ref). */
  section: Section;
  /** Verbatim text of the notes the question is made from. */
  source: string;
  /** The answer, normalised: two questions of a lesson never share one. */
  key: string;
  /** Higher is better; compared within a kind only. */
  score: number;
  build: (rand: () => number) => QuestionBody;
}
