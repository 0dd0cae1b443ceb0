// What the tutor says after an answer: short and kind, always quoting the notes the question came
// from, and for a miss the right answer plus a promise to come back to it.

import type { CheckQuestion, VerdictResult } from '../types';

export function quote(source: string): string {
  return source
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export function expectedText(q: CheckQuestion): string {
  return Array.isArray(q.answer) ? q.answer.join(' → ') : q.answer;
}

const bold = (words: readonly string[]): string => words.map((w) => `**${w}**`).join(', ');

export interface FeedbackDetail {
  /** short: the key terms the answer had / lacked. */
  found?: string[];
  missing?: string[];
  /** order: adjacent pairs in the right order, out of how many. */
  pairs?: { right: number; of: number };
  /** The learner left the answer empty. */
  empty?: boolean;
}

export function feedbackFor(q: CheckQuestion, result: VerdictResult, detail: FeedbackDetail = {}): string {
  const expected = expectedText(q);
  const source = quote(q.source);
  if (result === 'correct') {
    const what = q.kind === 'short' ? 'that’s the idea.' : `**${expected}**.`;
    return `Exactly — ${what} As the notes put it:\n\n${source}`;
  }
  if (result === 'partly') {
    if (q.kind === 'order') {
      const { right = 0, of = 0 } = detail.pairs ?? {};
      return `Nearly — ${right} of ${of} steps follow each other as they should. The right order is ${expected}.\n\n${source}`;
    }
    const found = detail.found ?? [];
    const missing = detail.missing ?? [];
    const had = found.length > 0 ? `you mentioned ${bold(found)}` : 'you have the gist';
    const lacks = missing.length > 0 ? `; a full answer also covers ${bold(missing)}` : '';
    return `You’re on the right track — ${had}${lacks}. The notes say:\n\n${source}`;
  }
  const opening = detail.empty ? 'No worries — here’s the answer' : 'Not quite — the answer is';
  return `${opening}: **${expected}**.\n\n${source}\n\nWe’ll come back to this one.`;
}
