import { describe, expect, it } from 'vitest';
import { cleanTranscript, collapseRepeats } from '../../../electron/core/voice/postprocess';

describe('transcript clean-up', () => {
  it('removes non-speech tags and stray spaces before punctuation', () => {
    expect(cleanTranscript(' [BLANK_AUDIO] What is S3 ? (upbeat music) ♪♪ *laughs* ')).toBe('What is S3?');
    expect(cleanTranscript('[BLANK_AUDIO]')).toBe('');
    expect(cleanTranscript(' . ')).toBe('');
  });

  it('collapses repetition loops but keeps natural doubles', () => {
    expect(collapseRepeats('the the the the the bucket')).toBe('the the bucket');
    expect(collapseRepeats('thank you. thank you. thank you. thank you.')).toBe('thank you. thank you.');
    expect(collapseRepeats('very very good')).toBe('very very good');
    expect(collapseRepeats('')).toBe('');
  });
});
