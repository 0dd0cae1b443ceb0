/**
 * Which timeline entries the tutor says aloud, as Markdown for voice.speakSentences: lesson
 * headers, lesson messages, answers, check questions (choices read as "A: …, B: …"), their
 * verdicts, the end of a lesson and errors. Pure: the call and "read answers aloud" both use it.
 */
import { VERDICT_LABEL, type ChatItem } from '../chat';
import type { SpeakPart } from './speechQueue';

export interface SpokenSoFar {
  /** Items up to this id have been considered. */
  lastId: number;
  /** Question items whose verdict has been said. */
  verdicts: number[];
}

export const NOTHING_SPOKEN: SpokenSoFar = { lastId: 0, verdicts: [] };

const LETTERS = 'ABCDEFGH';

/** Everything already in the timeline counts as said (a call starts from here). */
export function spokenUpTo(items: ChatItem[]): SpokenSoFar {
  return {
    lastId: items.reduce((m, i) => Math.max(m, i.id), 0),
    verdicts: items.filter((i) => i.kind === 'question' && i.verdict).map((i) => i.id),
  };
}

type QuestionItem = Extract<ChatItem, { kind: 'question' }>;

export function questionSpeech(q: QuestionItem['question']): string {
  const prompt = q.prompt.replace(/_{2,}/g, ' blank ');
  const lines = [prompt];
  if (q.kind === 'choice' && q.choices) lines.push(q.choices.map((c, i) => `${LETTERS[i]}: ${c}.`).join(' '));
  if (q.kind === 'order' && q.choices) lines.push(q.choices.map((c, i) => `Step ${i + 1}: ${c}.`).join(' '));
  return lines.join('\n\n');
}

function verdictSpeech(v: NonNullable<QuestionItem['verdict']>): string {
  const expected = v.result === 'correct' ? '' : ` The expected answer: ${v.expected}.`;
  return `${VERDICT_LABEL[v.result]}.${expected}\n\n${v.feedback}`;
}

/** The item as speech, or null when it is not said (the learner's own words, the typing dots). */
export function itemSpeech(item: ChatItem, only: 'all' | 'answers' = 'all'): string | null {
  if (only === 'answers') return item.kind === 'answer' || item.kind === 'tutor' ? item.markdown : null;
  switch (item.kind) {
    case 'lesson':
      return `Lesson: ${item.title}.`;
    case 'tutor':
      return item.markdown;
    case 'answer':
      return item.abstained ? `That is not in the notes. ${item.markdown}` : item.markdown;
    case 'question':
      return questionSpeech(item.question);
    case 'done':
      return `Lesson complete.${item.next ? ` Next up: ${item.next.title}. Say next to continue.` : ''}`;
    case 'error':
      return item.message;
    default:
      return null;
  }
}

/** What is new since `seen`: new items in order, then verdicts newly attached to question cards. */
export function newSpeech(
  items: ChatItem[],
  seen: SpokenSoFar,
  only: 'all' | 'answers' = 'all',
): { parts: SpeakPart[]; seen: SpokenSoFar } {
  const parts: SpeakPart[] = [];
  const verdicts = [...seen.verdicts];
  for (const item of items) {
    if (item.kind === 'question' && item.verdict && !verdicts.includes(item.id)) {
      verdicts.push(item.id);
      if (only === 'all') parts.push({ key: `verdict-${item.id}`, markdown: verdictSpeech(item.verdict) });
    }
    if (item.id <= seen.lastId) continue;
    const md = itemSpeech(item, only);
    if (md) parts.push({ key: `msg-${item.id}`, markdown: md });
  }
  return { parts, seen: { lastId: Math.max(seen.lastId, ...items.map((i) => i.id)), verdicts } };
}
