// Grades a learner's answer to a check question. Cloze and choice answers must match after
// normalisation (small typos forgiven in long answers); order answers earn credit per adjacent
// pair; short answers combine key-term coverage with the embedder's semantic similarity.

import { analyze, boundedLevenshtein, normalizeTerm } from '../../retrieval/textNorm';
import { related } from '../questions/terms';
import type { CheckQuestion, Verdict, VerdictResult } from '../types';
import { expectedText, feedbackFor, type FeedbackDetail } from './feedback';
import { answerDistance, matchesAny, normalizeAnswer } from './normalize';

export interface GradeOptions {
  /** Cosine similarity (0..1) of two texts from the embedder; without it short answers use key terms only. */
  similarity?: (a: string, b: string) => Promise<number> | number;
}

const CORRECT = 0.7;
const PARTLY = 0.35;
// Embedder cosines are not calibrated scores: unrelated texts still reach ~0.25, paraphrases ~0.8.
const SIM_FLOOR = 0.25;
const SIM_CEIL = 0.8;

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/** "2", "b", "(b)", "B." → index 1; null when the answer is not an option number or letter. */
function optionIndex(answer: string, count: number): number | null {
  const m = /^\s*\(?([1-9]|[a-z])[).:]?\s*$/i.exec(answer);
  if (!m) return null;
  const i = /\d/.test(m[1]) ? Number(m[1]) - 1 : m[1].toLowerCase().charCodeAt(0) - 97;
  return i < count ? i : null;
}

/** The option a free-text answer names: an exact match first, else the unique nearest within the typo budget. */
function optionNamed(answer: string, options: readonly string[]): number {
  const g = normalizeAnswer(answer);
  const exact = options.findIndex((o) => normalizeAnswer(o) === g);
  if (exact >= 0) return exact;
  const d = options.map((o) => answerDistance(g, normalizeAnswer(o)));
  const best = Math.min(...d);
  return best < Infinity && d.filter((x) => x === best).length === 1 ? d.indexOf(best) : -1;
}

function gradeChoice(q: CheckQuestion, answer: string): boolean {
  const options = q.choices ?? [];
  const expected = expectedText(q);
  const index = optionIndex(answer, options.length);
  if (index !== null) return normalizeAnswer(options[index]) === normalizeAnswer(expected);
  const named = optionNamed(answer, options);
  if (named >= 0) return normalizeAnswer(options[named]) === normalizeAnswer(expected);
  return matchesAny(answer, [expected, ...(q.accepted ?? [])]);
}

/** The learner's order as indices into the right order (-1 for a step not recognised). */
function parseOrder(q: CheckQuestion, answer: string | string[]): number[] {
  const steps = Array.isArray(q.answer) ? q.answer : [q.answer];
  const shown = q.choices ?? steps;
  let items = Array.isArray(answer) ? answer : answer.split(/\s*(?:→|->|=>|>|,|;|\n)\s*/);
  items = items.map((s) => s.trim()).filter(Boolean);
  // "2 1 3 4" or "bacd": numbers or letters of the shown options
  if (
    items.length === 1 &&
    /^(?:\d\s*)+$|^[a-z]+$/i.test(items[0]) &&
    items[0].replace(/\s/g, '').length === steps.length
  ) {
    items = items[0].replace(/\s/g, '').split('');
  }
  return items.map((item) => {
    const i = optionIndex(item, shown.length);
    const text = i !== null ? shown[i] : shown[optionNamed(item, shown)];
    return text === undefined ? -1 : steps.indexOf(text);
  });
}

function gradeOrder(q: CheckQuestion, answer: string | string[]): { score: number; right: number; of: number } {
  const order = parseOrder(q, answer);
  const n = Array.isArray(q.answer) ? q.answer.length : 1;
  const of = Math.max(1, n - 1);
  let right = 0;
  for (let i = 0; i + 1 < order.length; i++) if (order[i] >= 0 && order[i + 1] === order[i] + 1) right++;
  const allRight = order.length === n && order.every((x, i) => x === i);
  return { score: allRight ? 1 : Math.min(right / of, 0.99), right, of };
}

/** Key terms of `q` found in the answer, stem-aware and forgiving one typo in long words. */
function keywordCoverage(q: CheckQuestion, answer: string): { found: string[]; missing: string[] } {
  const stems = analyze(answer);
  const found: string[] = [];
  const missing: string[] = [];
  for (const k of q.keywords ?? []) {
    const ks = normalizeTerm(k) ?? k.toLowerCase();
    const hit = stems.some((s) => related(s, ks) || (ks.length >= 6 && boundedLevenshtein(s, ks, 1) <= 1));
    (hit ? found : missing).push(k);
  }
  return { found, missing };
}

async function gradeShort(q: CheckQuestion, answer: string, opts: GradeOptions) {
  const { found, missing } = keywordCoverage(q, answer);
  const total = found.length + missing.length;
  const coverage = total === 0 ? 0 : found.length / total;
  if (!opts.similarity) return { score: coverage, found, missing };
  const cosine = await opts.similarity(answer, expectedText(q));
  const semantic = clamp01((cosine - SIM_FLOOR) / (SIM_CEIL - SIM_FLOOR));
  // the words alone can carry an answer; meaning alone needs a little support from them
  return { score: Math.max(coverage, 0.35 * coverage + 0.65 * semantic), found, missing };
}

function resultOf(score: number): VerdictResult {
  if (score >= CORRECT) return 'correct';
  return score >= PARTLY ? 'partly' : 'not-yet';
}

export async function gradeAnswer(
  q: CheckQuestion,
  answer: string | string[],
  opts: GradeOptions = {},
): Promise<Verdict> {
  const verdict = (result: VerdictResult, score: number, detail?: FeedbackDetail): Verdict => ({
    questionId: q.id,
    result,
    score: Math.round(clamp01(score) * 100) / 100,
    expected: expectedText(q),
    feedback: feedbackFor(q, result, detail),
    ref: q.ref,
  });
  const text = Array.isArray(answer) ? answer.join(' ') : answer;
  if (text.trim() === '') return verdict('not-yet', 0, { empty: true });
  switch (q.kind) {
    case 'order': {
      const { score, right, of } = gradeOrder(q, answer);
      return verdict(resultOf(score === 1 ? 1 : score >= 0.5 ? Math.max(score, PARTLY) : 0), score, {
        pairs: { right, of },
      });
    }
    case 'short': {
      const { score, found, missing } = await gradeShort(q, text, opts);
      return verdict(resultOf(score), score, { found, missing });
    }
    case 'choice':
      return gradeChoice(q, text) ? verdict('correct', 1) : verdict('not-yet', 0);
    case 'cloze':
      return matchesAny(text, [expectedText(q), ...(q.accepted ?? [])]) ? verdict('correct', 1) : verdict('not-yet', 0);
  }
}
