import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../../renderer/src/chat';
import { newSpeech, questionSpeech, spokenUpTo } from '../../renderer/src/voice/speechParts';
import { QUESTION, VERDICT } from './fakeApi';

const at = 0;
const items: ChatItem[] = [
  { id: 1, at, kind: 'learner', text: 'start' },
  { id: 2, at, kind: 'lesson', phaseId: 'p', lessonId: 'l', title: 'Amazon VPC', goals: [] },
  { id: 3, at, kind: 'tutor', markdown: 'A VPC is your network.', sources: [] },
  { id: 4, at, kind: 'question', question: QUESTION },
  { id: 5, at, kind: 'typing' },
];

describe('what the tutor says aloud', () => {
  it('new lesson headers, messages and questions (choices read as letters), in order; the learner is not read', () => {
    const { parts, seen } = newSpeech(items, { lastId: 1, verdicts: [] });
    expect(parts).toEqual([
      { key: 'msg-2', markdown: 'Lesson: Amazon VPC.' },
      { key: 'msg-3', markdown: 'A VPC is your network.' },
      { key: 'msg-4', markdown: 'Which one is **stateful**?\n\nA: Security groups. B: Network ACLs.' },
    ]);
    expect(seen).toEqual({ lastId: 5, verdicts: [] });
    expect(newSpeech(items, seen).parts).toEqual([]);
  });

  it('a verdict attached to an old question card is said once', () => {
    const graded = items.map((i) => (i.kind === 'question' ? { ...i, verdict: VERDICT } : i));
    const once = newSpeech(graded, spokenUpTo(items));
    expect(once.parts).toEqual([
      { key: 'verdict-4', markdown: 'Correct.\n\nRight: security groups remember connections.' },
    ]);
    expect(newSpeech(graded, once.seen).parts).toEqual([]);
    const wrong = graded.map((i) =>
      i.kind === 'question' ? { ...i, verdict: { ...VERDICT, result: 'not-yet' as const } } : i,
    );
    expect(newSpeech(wrong, spokenUpTo(items)).parts[0].markdown).toMatch(
      /^Not yet\. The expected answer: Security groups\./,
    );
  });

  it('"read answers aloud" reads only answers and lesson messages', () => {
    const withAnswer: ChatItem[] = [
      ...items,
      { id: 6, at, kind: 'answer', question: 'q', abstained: false, markdown: 'NACLs are stateless.', sources: [] },
    ];
    expect(newSpeech(withAnswer, { lastId: 0, verdicts: [] }, 'answers').parts.map((p) => p.key)).toEqual([
      'msg-3',
      'msg-6',
    ]);
  });

  it('blanks are said as "blank", ordering steps are numbered', () => {
    expect(
      questionSpeech({ ...QUESTION, kind: 'cloze', prompt: 'Fill in: ____ is stateful.', choices: undefined }),
    ).toBe('Fill in:  blank  is stateful.');
    expect(questionSpeech({ ...QUESTION, kind: 'order', prompt: 'Order:', choices: ['x', 'y'] })).toBe(
      'Order:\n\nStep 1: x. Step 2: y.',
    );
  });
});
