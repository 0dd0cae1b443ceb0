import { describe, expect, it } from 'vitest';
import { comparisonParts, comparisonWeights } from '../../../electron/core/answer/comparison';
import { composeAnswer, questionTerms, type TermModel } from '../../../electron/core/answer/composeAnswer';
import { chunkOf as chunk, rankedOf } from '../../helpers/chunks';

const STOP = new Set(['what', 'is', 'the', 'between', 'difference', 'and', 'or', 'a', 'for', 'which', 'compare']);
const analyze = (t: string): string[] =>
  t
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.filter((w) => !STOP.has(w)) ?? [];
// IDF-like weights: "s3" is common in the notes, "ebs"/"efs" rare; "vs" appears in headings.
const WEIGHT: Record<string, number> = { s3: 1, ebs: 4, efs: 4, vs: 2.5 };
const terms: TermModel = { analyze, resolve: (t) => t, weight: (t) => WEIGHT[t] ?? 2 };

describe('comparisons', () => {
  it('finds the compared parts of explicit comparisons only', () => {
    expect(comparisonParts('S3 vs EBS vs EFS?', terms)).toEqual([['s3'], ['ebs'], ['efs']]);
    expect(comparisonParts('What is the difference between SQS and SNS?', terms)).toEqual([['sqs'], ['sns']]);
    expect(comparisonParts('compare RDS, Aurora and DynamoDB', terms)).toEqual([['rds'], ['aurora'], ['dynamodb']]);
    // a bare "or" is a choice inside one topic, not a comparison to balance
    expect(comparisonParts('Which one rotates secrets: Secrets Manager or Parameter Store?', terms)).toBeNull();
    expect(comparisonParts('How does S3 versioning work?', terms)).toBeNull();
  });

  it('drops the comparison marker and raises a common name to the parts’ mean weight, never lowering any', () => {
    const q = 'S3 vs EBS vs EFS?';
    const w = comparisonWeights(questionTerms(q, terms), comparisonParts(q, terms));
    expect(w.has('vs')).toBe(false);
    expect(w.get('s3')).toBeCloseTo(3);
    expect(w.get('ebs')).toBe(4);
    expect(w.get('efs')).toBe(4);
    const plain = 'how do ebs snapshots work';
    expect(comparisonWeights(questionTerms(plain, terms), comparisonParts(plain, terms))).toEqual(
      questionTerms(plain, terms),
    );
  });

  it('so a three-way comparison quotes all three sections', () => {
    const ranked = rankedOf([
      chunk('ebs', 'Amazon EBS', '- EBS offers persistent block storage volumes for EC2 instances.'),
      chunk('efs', 'Amazon EFS', '- EFS provides elastic file storage that many instances mount at once.'),
      chunk('s3', 'Amazon S3', '- S3 provides scalable object storage for backups and static content.'),
    ]);
    const out = composeAnswer('S3 vs EBS vs EFS?', ranked, terms);
    expect(out.citations.map((c) => c.chunkId).sort()).toEqual(['ebs', 'efs', 's3']);
  });

  it("quotes each compared thing from its own section, not from a mention in the other's", () => {
    // CloudTrail's unit names both, so coverage alone never brings in CloudWatch's own section,
    // whose unit is relevant by meaning only (its similarity) and sits third.
    const ranked = rankedOf([
      chunk(
        'trail',
        'AWS CloudTrail',
        'CloudTrail records API calls for auditing.\n\n- Sends CloudTrail logs to CloudWatch Logs.',
      ),
      chunk('kms', 'AWS KMS', 'KMS manages encryption keys.'),
      chunk('watch', 'Amazon CloudWatch', 'It collects metrics and raises alarms for resources.'),
    ]);
    const similarity = (p: string): number => (p.startsWith('It collects') ? 0.7 : 0.3);
    const out = composeAnswer('CloudWatch vs CloudTrail', ranked, terms, { similarity });
    expect(out.citations.map((c) => c.chunkId)).toEqual(['trail', 'watch']);
    // without the comparison, the mention is enough
    const plain = composeAnswer('does CloudTrail send logs to CloudWatch', ranked, terms, { similarity });
    expect(plain.citations.map((c) => c.chunkId)).toEqual(['trail']);
  });
});
