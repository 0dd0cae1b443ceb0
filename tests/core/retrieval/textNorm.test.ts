import { describe, expect, it } from 'vitest';
import { analyze, boundedLevenshtein, stem, tokenizeRaw } from '../../../electron/core/retrieval/textNorm';

describe('text normalisation', () => {
  it('stems inflections onto the same term', () => {
    const same = (...words: string[]) => expect(new Set(words.map(stem)).size).toBe(1);
    same('scale', 'scales', 'scaling', 'scaled');
    same('policy', 'policies');
    same('replicate', 'replicated', 'replication');
    same('document', 'documentation');
    same('handle', 'handles', 'handling');
    same('configure', 'configured', 'configuration');
    same('create', 'creation', 'created');
    same('run', 'running');
    same('bill', 'billing');
    same('class', 'classes');
    same('private', 'privately');
  });

  it('leaves acronyms and short words alone', () => {
    for (const w of [
      'aws',
      'rds',
      'ecs',
      'eks',
      'sqs',
      'sns',
      'iops',
      's3',
      'ec2',
      'free',
      'speed',
      'access',
      'status',
      'family',
    ]) {
      expect(stem(w)).toBe(w);
    }
    expect(stem('nacls')).toBe('nacl');
    expect(stem('amis')).toBe('ami');
  });

  it('tokenises ASCII words, dropping mojibake and single characters', () => {
    expect(tokenizeRaw('üìå PHASE 4 ‚Äî Monitoring')).toEqual(['PHASE', 'Monitoring']);
    expect(tokenizeRaw('Policies specify ‚ÄúAllow‚Äù or ‚ÄúDeny‚Äù')).toEqual([
      'Policies',
      'specify',
      'Allow',
      'or',
      'Deny',
    ]);
    expect(tokenizeRaw("what's EC2/S3 w/o b4?")).toEqual(['what', 'EC2', 'S3', 'b4']);
  });

  it('analyze removes stopwords and filler', () => {
    expect(analyze('whats a sort key for in dynamo')).toEqual(['sort', 'key', 'dynamo']);
    expect(analyze('how do i get warned b4 my aws bill goes over budget')).toEqual([
      'warn',
      'aws',
      'bill',
      'goe',
      'budget',
    ]);
  });

  it('bounded Levenshtein', () => {
    expect(boundedLevenshtein('memmory', 'memory', 2)).toBe(1);
    expect(boundedLevenshtein('trafic', 'traffic', 2)).toBe(1);
    expect(boundedLevenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(boundedLevenshtein('sourdough', 'source', 1)).toBe(2); // capped at max + 1
    expect(boundedLevenshtein('abc', 'abc', 0)).toBe(0);
  });
});
