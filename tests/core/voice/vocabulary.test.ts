import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  correctTranscript,
  extractTerms,
  initialPrompt,
  loadNotesVocabulary,
  spokenKeys,
  type Vocabulary,
} from '../../../electron/core/voice/vocabulary';
import { phoneticKey, tokenKey } from '../../../electron/core/voice/phonetic';
import { defaultContentDir, vendoredTokenizerDir } from '../../../electron/core/paths';

let vocab: Vocabulary;
beforeAll(async () => {
  vocab = await loadNotesVocabulary(defaultContentDir(), vendoredTokenizerDir());
});
const fix = (s: string) => correctTranscript(s, vocab).text;

describe('the notes vocabulary', () => {
  it('is mined from the notes: acronyms, CamelCase names and "Amazon/AWS X" product names', () => {
    const texts = vocab.terms.map((t) => t.text);
    for (const t of [
      'EC2',
      'S3',
      'NACL',
      'IAM',
      'VPC',
      'DynamoDB',
      'CloudFront',
      'CloudWatch',
      'SageMaker',
      'ElastiCache',
      'Route 53',
      'API Gateway',
      'Lambda',
    ]) {
      expect(texts).toContain(t);
    }
    expect(vocab.terms.find((t) => t.text === 'NACL')?.kind).toBe('acronym');
    expect(vocab.terms.find((t) => t.text === 'DynamoDB')?.kind).toBe('compound');
    expect(vocab.terms.find((t) => t.text === 'Lambda')?.kind).toBe('name');
  });

  it('derives spoken forms by rule, also for terms it has never seen in a test', () => {
    // a made-up note: nothing about these terms is listed anywhere in the code
    const v = buildVocabulary(
      extractTerms([
        '## Amazon MemoryDB\n\nMemoryDB vs QLDB vs EKS.\n\n### Amazon Kinesis Data Streams\n\nEKS and QLDB again.',
      ]),
    );
    const t = (s: string) => correctTranscript(s, v).text;
    expect(t('use memory d b for caching')).toBe('use MemoryDB for caching');
    expect(t('is q l d b a ledger')).toBe('is QLDB a ledger');
    expect(t('kinesis data streams')).toBe('Kinesis Data Streams');
    expect(t('run it on e k s')).toBe('run it on EKS');
    expect(spokenKeys('EC2')).toEqual(
      expect.arrayContaining([tokenKey('e c 2'.replace(/ /g, '')), phoneticKey('easy') + '#2']),
    );
  });

  it('offers an initial prompt naming the services, within the length limit', () => {
    const p = initialPrompt(vocab, 200);
    expect(p.length).toBeLessThanOrEqual(200);
    expect(p).toMatch(/^AWS services: AWS, S3, EC2/);
    expect(initialPrompt(vocab)).toMatch(/CloudFront.*DynamoDB|DynamoDB.*CloudFront/);
  });
});

describe('post-correction of typical Whisper errors', () => {
  it.each([
    ["What's the cheapest easy two purchase option?", "What's the cheapest EC2 purchase option?"],
    ['launch an e c two instance', 'launch an EC2 instance'],
    ['launch an EC 2 instance', 'launch an EC2 instance'],
    ['what is ec2', 'what is EC2'],
    ['Store it in s three.', 'Store it in S3.'],
    ['an ess three bucket', 'an S3 bucket'],
    ['s3 versioning', 'S3 versioning'],
    ['How does dynamo db scale?', 'How does DynamoDB scale?'],
    ['the dynamo d b table', 'the DynamoDB table'],
    ['dynamodb streams', 'DynamoDB streams'],
    ['Is a knackle stateless?', 'Is a NACL stateless?'],
    ['What about n a c l rules?', 'What about NACL rules?'],
    ['security groups versus knackles', 'security groups versus NACLs'],
    ['Use cloud front to cache.', 'Use CloudFront to cache.'],
    ['set a cloud watch alarm', 'set a CloudWatch alarm'],
    ['lamb da functions', 'Lambda functions'],
    ['route fifty three records', 'Route 53 records'],
    ['train it in sage maker', 'train it in SageMaker'],
    ['an elastic cache cluster', 'an ElastiCache cluster'],
    ['the v p c', 'the VPC'],
    ['sqs and sns', 'SQS and SNS'],
    ['what does i a m do', 'what does IAM do'],
  ])('%s', (heard, want) => {
    expect(fix(heard)).toBe(want);
  });

  it('leaves ordinary English alone', () => {
    for (const s of [
      "It's easy to use.",
      'I see, I am happy.',
      'The rest of the answer.',
      'one two three',
      "I'd like to see two things",
      'Which one rotates secrets for me out of the box?',
      'What delivery guarantee and SLA does the event bus offer?',
      'How can I roll out a database schema change on RDS without downtime?',
    ]) {
      expect(fix(s)).toBe(s);
    }
  });

  it('reports what it changed and keeps surrounding punctuation', () => {
    const r = correctTranscript('"easy two," and (s three)!', vocab);
    expect(r.text).toBe('"EC2," and (S3)!');
    expect(r.corrections).toEqual([
      { from: 'easy two', to: 'EC2' },
      { from: 's three', to: 'S3' },
    ]);
    expect(correctTranscript('', vocab).text).toBe('');
  });
});
