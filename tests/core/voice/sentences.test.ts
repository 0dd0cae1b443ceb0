import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../electron/core/voice/tts/sentences';

describe('sentence splitting for speech', () => {
  it('splits at sentence ends, not after abbreviations, versions or decimals', () => {
    expect(
      splitSentences(
        'Objects live in S3. Then use EC2, e.g. a t3.micro instance, i.e. the cheapest. Version v1.2 costs 3.5 cents! Is it fast? Yes.',
      ),
    ).toEqual([
      'Objects live in S3.',
      'Then use EC2, e.g. a t3.micro instance, i.e. the cheapest.',
      'Version v1.2 costs 3.5 cents!',
      'Is it fast?',
      'Yes.',
    ]);
    expect(splitSentences('Use Lambda vs. Fargate when needed. Compare them etc. and more.')).toEqual([
      'Use Lambda vs. Fargate when needed.',
      'Compare them etc. and more.',
    ]);
    expect(splitSentences('He said "Stop." Then left. (See the notes.) Next one.')).toEqual([
      'He said "Stop."',
      'Then left.',
      '(See the notes.)',
      'Next one.',
    ]);
  });

  it('treats paragraphs as boundaries and lower-case continuations as one sentence', () => {
    expect(splitSentences('First line\n\nSecond para. it continues here.')).toEqual([
      'First line',
      'Second para. it continues here.',
    ]);
    expect(splitSentences('   ')).toEqual([]);
  });

  it('cuts very long sentences at ; : or , nearest the middle, never mid-word', () => {
    const long = `${'word '.repeat(30)}first part; ${'more '.repeat(30)}second part, ${'tail '.repeat(10)}end.`;
    const parts = splitSentences(long, 120);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 120)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' ').trim());
    expect(parts.some((p) => p.endsWith('first part;'))).toBe(true);
  });
});
