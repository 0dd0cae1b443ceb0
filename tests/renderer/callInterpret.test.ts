import { describe, expect, it } from 'vitest';
import type { PublicQuestionDto } from '../../electron/shared/api';
import { interpretUtterance, matchChoice, orderAnswer } from '../../renderer/src/voice/callInterpret';

const ref = { sectionId: 's', headingPath: ['P', 'S'] };
const choice: PublicQuestionDto = {
  id: 'q1',
  lessonId: 'l',
  kind: 'choice',
  prompt: 'Which one is stateful?',
  choices: ['Security groups', 'Network ACLs', 'Route tables'],
  ref,
};
const cloze: PublicQuestionDto = { id: 'q2', lessonId: 'l', kind: 'cloze', prompt: '____ stores objects.', ref };
const order: PublicQuestionDto = { ...cloze, id: 'q3', kind: 'order', choices: ['a', 'b', 'c'] };

describe('matchChoice', () => {
  const choices = choice.choices ?? [];
  it.each([
    ['A.', 0],
    ['Bee', 1],
    ['option c', 2],
    ["I think it's B", 1],
    ['the second one', 1],
    ['number three', 2],
    ['The last one.', 2],
    ['2', 1],
    ['network ACLs', 1],
    ['I would say route tables', 2],
    ['security groups, I think', 0],
  ])('%s → choice %i', (said, index) => expect(matchChoice(said, choices)).toBe(index));

  it.each([['the one about routing'], ['D'], ['fifth'], ['no idea'], ['groups or tables']])('%s → unclear', (said) =>
    expect(matchChoice(said, choices)).toBeNull(),
  );
});

describe('interpretUtterance', () => {
  it('controls the call: hang up, repeat, next', () => {
    expect(interpretUtterance('Hang up.', null)).toEqual({ kind: 'hang-up' });
    expect(interpretUtterance('Goodbye!', choice)).toEqual({ kind: 'hang-up' });
    expect(interpretUtterance('Say that again, please.', choice)).toEqual({ kind: 'repeat' });
    expect(interpretUtterance('Okay, next.', null)).toEqual({ kind: 'next' });
    expect(interpretUtterance('continue', null)).toEqual({ kind: 'next' });
  });

  it('answers the open question: choices mapped to their text, orderings to step numbers, the rest as said', () => {
    expect(interpretUtterance('the second one', choice)).toEqual({ kind: 'answer', answer: 'Network ACLs' });
    expect(interpretUtterance('hmm, something', choice)).toEqual({ kind: 'unclear-choice' });
    expect(interpretUtterance('Amazon S3.', cloze)).toEqual({ kind: 'answer', answer: 'Amazon S3' });
    expect(interpretUtterance('two, one, three', order)).toEqual({ kind: 'answer', answer: '2,1,3' });
    // "next" while a question waits is an answer attempt, not a skip
    expect(interpretUtterance('next', cloze)).toEqual({ kind: 'answer', answer: 'next' });
  });

  it('a real question is asked, with or without an open question', () => {
    expect(interpretUtterance('What is a NAT gateway used for?', null)).toEqual({
      kind: 'ask',
      question: 'What is a NAT gateway used for?',
    });
    expect(interpretUtterance('What does stateful mean here?', choice)).toEqual({
      kind: 'ask',
      question: 'What does stateful mean here?',
    });
    expect(interpretUtterance('Tell me about S3', null).kind).toBe('ask');
  });
});

describe('orderAnswer', () => {
  it('reads step numbers in words or digits', () => {
    expect(orderAnswer('Three, one, two.')).toBe('3,1,2');
    expect(orderAnswer('first 2 then 3')).toBe('1,2,3');
    expect(orderAnswer('I do not know')).toBeNull();
  });
});
