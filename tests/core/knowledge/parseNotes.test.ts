import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../../electron/core/knowledge/mojibake';
import { comparisonHeading, parseRawNotes } from '../../../electron/core/knowledge/parseNotes';
import { splitSentences } from '../../../electron/core/knowledge/text';
import type { Section } from '../../../electron/core/knowledge/types';
import { readSeed } from './helpers';

const parsed = parseRawNotes(readSeed());
const sections = parsed.sections;
const last = (s: Section): string => s.headingPath[s.headingPath.length - 1];
const byHeading = (h: string): Section[] => sections.filter((s) => last(s) === h);
const one = (h: string): Section => {
  const found = byHeading(h);
  expect(found, h).toHaveLength(1);
  return found[0];
};
const allText = sections.map((s) => [...s.headingPath, s.body].join('\n')).join('\n');

describe('parseRawNotes on the seed', () => {
  it('finds the seven phases in order with clean titles', () => {
    expect(parsed.phases.map((p) => p.heading)).toEqual([
      'Phase 1 — Core Services',
      'Phase 2 — Databases & Storage',
      'Phase 3 — Serverless & DevOps Tools',
      'Phase 4 — Monitoring & Management',
      'Phase 5 — Advanced / Optional',
      'Phase 6 — Real Project Examples',
      'Self-Learning Topics',
    ]);
  });

  it('names each core service block from its intro sentence and nests its headings below', () => {
    const services = sections.filter((s) => s.phaseId === 'phase1' && s.headingPath.length === 2).map(last);
    expect(services).toEqual([
      'Amazon Web Services (AWS)',
      'AWS Global Infrastructure',
      'AWS Identity and Access Management (IAM)',
      'Amazon Elastic Compute Cloud (Amazon EC2)',
      'Amazon Simple Storage Service (Amazon S3)',
      'Amazon Virtual Private Cloud (VPC)',
      'Amazon CloudFront',
      'Amazon Elastic Load Balancing (ELB)',
    ]);
    expect(one('Storage Classes').headingPath).toEqual([
      'Phase 1 — Core Services',
      'Amazon Simple Storage Service (Amazon S3)',
      'Storage Classes',
    ]);
  });

  it('attaches the intro paragraph to its own service, not to the previous section', () => {
    const s3 = one('Amazon Simple Storage Service (Amazon S3)');
    expect(s3.body).toMatch(/^Amazon Simple Storage Service \(Amazon S3\) provides scalable object storage/);
    expect(one('Amazon Elastic Block Store (EBS)').body).not.toContain('Amazon Simple Storage Service');
    expect(one('Local Zones').body).not.toContain('Identity and Access Management');
    expect(one('Static Website Hosting').body).not.toContain('Virtual Private Cloud');
  });

  it('parses the duplicated Phase 2 block once', () => {
    const rds = one('1. Amazon RDS (Relational Database Service)');
    expect(rds.phaseId).toBe('phase2');
    expect(rds.body.split('**Blue/Green Deployments**')).toHaveLength(2);
    expect(sections.filter((s) => s.phaseId === 'phase2').map(last)).toEqual([
      'Phase 2 — Databases & Storage',
      '1. Amazon RDS (Relational Database Service)',
      '2. Amazon DynamoDB',
      '3. Amazon ElastiCache',
      '4. Amazon EFS (Elastic File System)',
      '5. AWS Storage Gateway',
    ]);
  });

  it('merges the two Fargate entries into one self-learning topic with the steps and no chat filler', () => {
    const fargate = one('Topic: AWS Fargate');
    expect(fargate.phaseId).toBe('self');
    expect(fargate.headingPath).toEqual(['Self-Learning Topics', 'Topic: AWS Fargate']);
    expect(fargate.body.match(/AWS Fargate is a serverless compute engine/g)).toHaveLength(1);
    expect(fargate.body).toContain('It is part of the Amazon Elastic Container Service (ECS)');
    for (let i = 1; i <= 10; i++) expect(fargate.body).toMatch(new RegExp(`^${i}\\. `, 'm'));
    expect(fargate.body).toContain('10. Deploy your service to the Fargate cluster.');
    expect(fargate.body).not.toMatch(/Sure!|Let me know|New topic/);
  });

  it('drops references, citation markers and remarks addressed to a chatbot', () => {
    expect(allText).not.toMatch(/References:/);
    expect(allText).not.toMatch(/\[\d+\]/);
    expect(allText).not.toMatch(/chatbot|RAG/);
    expect(allText).not.toContain('AWS IAM User Guide');
    expect(one('Buckets & Objects').body).toContain('each object can be up to 5 TB.');
  });

  it('keeps the ELB comparison table whole in its own section inside the ELB block', () => {
    const cmp = one('Load Balancer Comparison (CLB vs ALB vs NLB)');
    expect(cmp.headingPath[1]).toBe('Amazon Elastic Load Balancing (ELB)');
    const rows = cmp.body.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe(
      '| Feature | Classic Load Balancer (CLB) | Application Load Balancer (ALB) | Network Load Balancer (NLB) |',
    );
    expect(rows[1]).toBe('| --- | --- | --- | --- |');
    expect(cmp.body).toMatch(/AWS recommends using ALB for modern application architectures.*legacy support\.$/);
    expect(one('Network Load Balancer (NLB)').body).not.toContain('|');
  });

  it('keeps the Secrets Manager table and nested lists intact', () => {
    const secrets = one('4. AWS Secrets Manager vs AWS Systems Manager Parameter Store');
    expect(secrets.body.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(8);
    expect(secrets.body).toContain('| Secrets Size Limit | Up to 64KB | 4–8 KB |');
    const gateway = one('5. AWS Storage Gateway');
    expect(gateway.body).toContain(
      '  - **Volume Gateway**: Provides block storage using iSCSI protocol with two modes:\n    - **Cached Mode**',
    );
  });

  it('strips bold and emoji from headings (phase 4)', () => {
    const phase4 = sections.filter((s) => s.phaseId === 'phase4').map(last);
    expect(phase4).toEqual([
      'Phase 4 — Monitoring & Management',
      '1. Amazon CloudWatch',
      '2. AWS CloudTrail',
      '3. AWS Config',
      '4. AWS Trusted Advisor',
      '5. Cost Explorer & Billing',
    ]);
    expect(sections.every((s) => s.headingPath.every((h) => !/\*|📌|\uf8ff/.test(h)))).toBe(true);
  });

  it('invents nothing: every sentence and table row of the output is in the seed', () => {
    const squash = (t: string): string => t.replace(/\s+/g, '');
    const seed = squash(repairMojibake(readSeed()).replace(/\[\d+\]/g, ''));
    for (const s of sections) {
      for (const line of s.body.split('\n')) {
        if (/^\|( --- \|)+$/.test(line) || line.trim() === '') continue;
        const parts = line.startsWith('|') ? [line] : splitSentences(line.replace(/^\s*([-*+]|\d+\.)\s+/, ''));
        for (const p of parts) expect(seed, p).toContain(squash(p));
      }
    }
  });

  it('gives every section a unique id and heading path', () => {
    expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length);
    expect(new Set(sections.map((s) => s.headingPath.join('\u0000'))).size).toBe(sections.length);
  });
});

describe('parseRawNotes on small inputs', () => {
  it('merges repeated sections generally, keeping only new sentences', () => {
    const raw = [
      '## Topic A',
      'First fact. Second fact.',
      '-----',
      '## Topic A',
      'Second fact. Third fact.',
      '- item',
    ].join('\n');
    const out = parseRawNotes(raw, { defaultPhase: 'phase3' });
    const a = out.sections.filter((s) => s.headingPath[1] === 'Topic A');
    expect(a).toHaveLength(1);
    expect(a[0].body).toBe('First fact. Second fact.\n\nThird fact.\n- item');
  });

  it('puts learner imports in the self phase by default', () => {
    const out = parseRawNotes('#### Topic: AWS Batch\n\nAWS Batch runs batch jobs.', { source: 'self' });
    expect(out.sections.map((s) => [s.phaseId, s.source, s.headingPath.join(' / ')])).toEqual([
      ['self', 'self', 'Self-Learning Topics'],
      ['self', 'self', 'Self-Learning Topics / Topic: AWS Batch'],
    ]);
  });

  it('does not treat headings inside code fences as headings', () => {
    const out = parseRawNotes('## Code\n\n```\n# not a heading\n```', { defaultPhase: 'phase3' });
    expect(out.sections.map((s) => s.headingPath.length)).toEqual([1, 2]);
    expect(out.sections[1].body).toBe('```\n# not a heading\n```');
  });

  it('names a comparison table from its header columns', () => {
    expect(comparisonHeading('| Feature | Red Apple (RA) | Green Apple (GA) |\n|---|---|---|')).toBe(
      'Apple Comparison (RA vs GA)',
    );
    expect(comparisonHeading('| Feature | Lambda | Fargate |\n|---|---|---|')).toBe('Comparison: Lambda vs Fargate');
  });
});
