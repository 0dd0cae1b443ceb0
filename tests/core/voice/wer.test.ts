import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alignWords,
  corpusWer,
  normalizeForWer,
  spelledNumbersToDigits,
  wordErrorCounts,
  wordErrorRate,
} from '../../../electron/core/voice/wer';
import { SHARED } from '../../helpers/engine';

describe('Whisper-style normalisation', () => {
  it('lower-cases, drops punctuation, brackets and fillers, expands contractions', () => {
    expect(normalizeForWer("What's the cheapest EC2 option? [inaudible] (laughs) Um, I don't know.")).toBe(
      'what is the cheapest ec 2 option i do not know',
    );
    expect(normalizeForWer('Won’t it rotate—automatically?')).toBe('will not it rotate automatically');
    expect(normalizeForWer('Café, naïve résumé.')).toBe('cafe naive resume');
  });

  it('writes spelled-out numbers as digits and keeps numeric symbols', () => {
    expect(spelledNumbersToDigits('route fifty three has one hundred and five records'.split(' '))).toEqual(
      'route 53 has 105 records'.split(' '),
    );
    expect(spelledNumbersToDigits('ten thousand two hundred forty mb'.split(' '))).toEqual(['10240', 'mb']);
    expect(spelledNumbersToDigits(['two', 'two', 'twenty', 'twenty'])).toEqual(['2', '2', '20', '20']);
    expect(spelledNumbersToDigits(['the', 'hundred', 'oh'])).toEqual(['the', 'hundred', 'oh']);
    expect(normalizeForWer('Memory from 128 MB to 10,240 MB, up to 66%.')).toBe(
      'memory from 128 mb to 10240 mb up to 66%',
    );
    expect(normalizeForWer('Route fifty-three costs $5.50')).toBe('route 53 costs $5.50');
  });

  it('maps British spellings with the model folder’s normalizer.json', () => {
    const spellings = JSON.parse(
      readFileSync(join(SHARED, 'models', 'Xenova', 'whisper-tiny.en', 'normalizer.json'), 'utf8'),
    ) as Record<string, string>;
    expect(normalizeForWer('Optimise the colour of the centre', { spellings })).toBe(
      'optimize the color of the center',
    );
  });
});

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions by minimum edit distance', () => {
    expect(alignWords('a b c d'.split(' '), 'a x c d e'.split(' '))).toEqual({
      substitutions: 1,
      deletions: 0,
      insertions: 1,
      referenceWords: 4,
    });
    expect(alignWords('a b c'.split(' '), ['a'])).toEqual({
      substitutions: 0,
      deletions: 2,
      insertions: 0,
      referenceWords: 3,
    });
    expect(wordErrorRate('What is S3?', 'what is s3')).toBe(0);
    expect(wordErrorRate('What does IAM Identity Center do?', 'What does I am identity center do?')).toBeCloseTo(2 / 6);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'noise')).toBe(1);
  });

  it('pools edits over a corpus instead of averaging per-file rates', () => {
    const counts = [wordErrorCounts('a b c d e f g h i j', 'a b c d e f g h i j'), wordErrorCounts('k', 'x')];
    expect(corpusWer(counts)).toBeCloseTo(1 / 11);
  });
});
