/**
 * What a learner said (or typed) in a call means: an answer to the open check question (a spoken
 * "B", "the second one" or the choice's words mapped to the choice), "next", "repeat", "hang up",
 * or a free question for the tutor. Pure functions.
 */
import type { PublicQuestionDto } from '../../../electron/shared/api';

export type CallIntent =
  | { kind: 'hang-up' }
  | { kind: 'repeat' }
  | { kind: 'next' }
  | { kind: 'answer'; answer: string }
  /** A choice question, but which choice was not clear: ask again. */
  | { kind: 'unclear-choice' }
  | { kind: 'ask'; question: string };

export const normalize = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const HANG_UP =
  /^(?:please )?(?:hang up|end (?:the )?call|stop (?:the )?call|goodbye|bye(?: bye)?|that's all(?: for now)?)$/;
const REPEAT =
  /^(?:please )?(?:repeat(?: that| it| the question)?|say (?:that|it) again|again|pardon|sorry what|what did you say|come again)(?: please)?$/;
const NEXT =
  /^(?:(?:ok(?:ay)?|yes|yeah|sure|alright|right|good|great|got it) ?)*(?:next(?: one| lesson| part| question)?|continue|go on|carry on|keep going|go ahead|ready|let's go|move on)?(?: please)?$/;
const QUESTION_START =
  /^(?:what|what's|how|why|which|when|where|who|whats|can|could|is|are|does|do|should|would|explain|tell me|describe)\b/;

const LETTER_NAMES: Record<string, number> = {
  a: 0,
  ay: 0,
  eh: 0,
  b: 1,
  be: 1,
  bee: 1,
  c: 2,
  see: 2,
  sea: 2,
  si: 2,
  d: 3,
  dee: 3,
  e: 4,
  f: 5,
  ef: 5,
};
const ORDINALS: Record<string, number> = {
  first: 0,
  second: 1,
  third: 2,
  fourth: 3,
  fifth: 4,
  sixth: 5,
  one: 0,
  two: 1,
  three: 2,
  four: 3,
  five: 4,
  six: 5,
  '1': 0,
  '2': 1,
  '3': 2,
  '4': 3,
  '5': 4,
  '6': 5,
};
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  seventh: '7',
  eighth: '8',
  to: '2',
  too: '2',
  for: '4',
  won: '1',
};
const FILLER =
  /^(?:(?:i think|i'd say|i would say|i guess|maybe|probably|it's|it is|its|the answer is|answer|my answer is|option|choice|letter|number|the|go with|i'll go with|um|uh|er) )+/;
const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'or',
  'to',
  'in',
  'on',
  'for',
  'is',
  'it',
  'one',
  'that',
  'with',
  'by',
]);

const words = (s: string): string[] =>
  normalize(s)
    .split(' ')
    .filter((w) => w && !STOP.has(w));

/** The choice a spoken answer names, or null when it is not clear. */
export function matchChoice(said: string, choices: string[]): number | null {
  const t = normalize(said)
    .replace(FILLER, '')
    .replace(/ (?:one|please|option)$/, '')
    .trim();
  if (!t) return null;
  const inRange = (i: number | undefined): number | null => (i !== undefined && i < choices.length ? i : null);
  // "B", "bee", "option c"
  if (t in LETTER_NAMES) return inRange(LETTER_NAMES[t]);
  // "the second", "number two", "2", "the last one"
  if (t === 'last') return choices.length - 1;
  if (t in ORDINALS) return inRange(ORDINALS[t]);
  // the choice's own words: the best covered choice, if clearly ahead
  const heard = new Set(words(t));
  const scores = choices.map((c) => {
    const w = words(c);
    return w.length ? w.filter((x) => heard.has(x)).length / w.length : 0;
  });
  const best = Math.max(...scores);
  if (best < 0.5) return null;
  const top = scores.filter((s) => s === best).length;
  return top === 1 ? scores.indexOf(best) : null;
}

/** "two, one, three" → "2,1,3" (an ordering answer); null when it names no steps. */
export function orderAnswer(said: string): string | null {
  const nums = normalize(said)
    .split(' ')
    .map((w) => (/^\d+$/.test(w) ? w : NUMBER_WORDS[w]))
    .filter((n): n is string => Boolean(n));
  return nums.length >= 2 ? nums.join(',') : null;
}

/** The meaning of one utterance, given the check question waiting for an answer (if any). */
export function interpretUtterance(said: string, open: PublicQuestionDto | null): CallIntent {
  const t = normalize(said);
  if (!t) return { kind: 'repeat' };
  if (HANG_UP.test(t)) return { kind: 'hang-up' };
  if (REPEAT.test(t)) return { kind: 'repeat' };
  if (!open) return NEXT.test(t) ? { kind: 'next' } : { kind: 'ask', question: said.trim() };
  // A real question in the middle of a check question is answered, not graded.
  const isQuestion = QUESTION_START.test(t) && t.split(' ').length >= 4 && /\?\s*$/.test(said.trim());
  if (open.kind === 'choice' && open.choices?.length) {
    const i = matchChoice(said, open.choices);
    if (i !== null) return { kind: 'answer', answer: open.choices[i] };
    return isQuestion ? { kind: 'ask', question: said.trim() } : { kind: 'unclear-choice' };
  }
  if (isQuestion) return { kind: 'ask', question: said.trim() };
  if (open.kind === 'order') return { kind: 'answer', answer: orderAnswer(said) ?? said.trim() };
  return { kind: 'answer', answer: said.trim().replace(/[.!]+$/, '') };
}
