import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type Curriculum } from '../../../../electron/core/knowledge/loadContent';
import type { Section } from '../../../../electron/core/knowledge/types';
import { lessonMaterialFor, retryMessage } from '../../../../electron/core/tutor/lesson';
import { CONTENT_DIR } from '../../knowledge/helpers';

let sections: Section[] = [];
let curriculum: Curriculum;
const byHeading = (h: string): Section => {
  const s = sections.find((x) => x.headingPath[x.headingPath.length - 1] === h);
  if (!s) throw new Error(`no section ${h}`);
  return s;
};

beforeAll(async () => {
  ({ sections, curriculum } = await loadContent(CONTENT_DIR));
});

describe('lessonMaterialFor', () => {
  it("collects the lesson's section with its descendants, and the phase's other lessons as siblings", () => {
    const s3 = byHeading('Amazon Simple Storage Service (Amazon S3)');
    const m = lessonMaterialFor(curriculum, sections, s3.id);
    expect(m).toMatchObject({ lessonId: s3.id, phaseId: 'phase1', title: 'Amazon Simple Storage Service (Amazon S3)' });
    expect(m.goals.length).toBeGreaterThan(0);
    expect(m.sections.map((s) => s.headingPath.at(-1))).toEqual([
      'Amazon Simple Storage Service (Amazon S3)',
      'Buckets & Objects',
      'Storage Classes',
      'Lifecycle Policies',
      'Versioning',
      'Static Website Hosting',
    ]);
    const own = new Set(m.sections.map((s) => s.id));
    expect(m.siblings.length).toBeGreaterThan(20);
    for (const s of m.siblings) {
      expect(s.phaseId).toBe('phase1');
      expect(s.headingPath.length).toBeGreaterThanOrEqual(2);
      expect(own.has(s.id)).toBe(false);
    }
    expect(m.siblings.some((s) => s.headingPath.at(-1) === 'Subnets')).toBe(true);
  });

  it('works for every lesson and throws for an unknown one', () => {
    for (const lesson of curriculum.phases.flatMap((p) => p.lessons)) {
      expect(lessonMaterialFor(curriculum, sections, lesson.id).sections[0].id).toBe(lesson.id);
    }
    expect(() => lessonMaterialFor(curriculum, sections, 'ffffffffffffffff')).toThrow(/unknown lesson/);
  });
});

describe('rephraseForRetry', () => {
  const quotedOf = (m: { markdown: string; tutorBlocks: string[] }): string =>
    m.markdown
      .split('\n\n')
      .filter((b) => !m.tutorBlocks.includes(b))
      .join('\n');

  it('shows a sentence of a paragraph with the sentences around it, kindly introduced', () => {
    const fargate = byHeading('Topic: AWS Fargate');
    const m = retryMessage(
      'It is part of the Amazon Elastic Container Service (ECS) and Amazon Elastic Kubernetes Service (EKS) offerings.',
      fargate,
    );
    expect(m.tutorBlocks[0]).toMatch(/look at that again/i);
    expect(m.tutorBlocks[0]).toContain('**AWS Fargate**');
    expect(quotedOf(m)).toMatch(
      /^AWS Fargate is a serverless compute engine .* offerings\. With Fargate, you can focus/,
    );
    expect(m.refs).toEqual([{ sectionId: fargate.id, headingPath: fargate.headingPath }]);
  });

  it('shows a sub-item under its parent item', () => {
    const m = retryMessage(
      'S3 Glacier Deep Archive: Lowest cost, long-term archival, retrieval in hours.',
      byHeading('Storage Classes'),
    );
    expect(quotedOf(m)).toBe(
      '- S3 offers multiple storage classes to optimize cost and performance:\n' +
        '  - **S3 Glacier Deep Archive**: Lowest cost, long-term archival, retrieval in hours.',
    );
  });

  it('shows a one-sentence point next to its neighbour, and a table row under its header', () => {
    const v = retryMessage('Versioning can be enabled or suspended per bucket.', byHeading('Versioning'));
    expect(quotedOf(v).split('\n')).toHaveLength(2);
    expect(quotedOf(v)).toMatch(/^- Each object version .*\n- Versioning can be enabled or suspended per bucket\.$/);
    const t = retryMessage('Static IP Support', byHeading('Load Balancer Comparison (CLB vs ALB vs NLB)'));
    expect(quotedOf(t).split('\n')).toEqual([
      '| Feature | Classic Load Balancer (CLB) | Application Load Balancer (ALB) | Network Load Balancer (NLB) |',
      '| --- | --- | --- | --- |',
      '| Static IP Support | No | No | Yes |',
    ]);
  });

  it('quotes only the notes, and falls back to the source itself when it cannot place it', () => {
    const sec = byHeading('Versioning');
    for (const src of [
      'Versioning keeps multiple variants of an object in a bucket',
      'Each object version is assigned a unique version ID',
    ]) {
      for (const line of quotedOf(retryMessage(src, sec)).split('\n')) expect(sec.body).toContain(line);
    }
    expect(quotedOf(retryMessage('A sentence from elsewhere.', sec))).toBe('A sentence from elsewhere.');
  });

  it('is deterministic per source and varies between sources', () => {
    const sec = byHeading('Versioning');
    const a = retryMessage('Versioning can be enabled or suspended per bucket.', sec);
    expect(retryMessage('Versioning can be enabled or suspended per bucket.', sec)).toEqual(a);
    const openers = new Set(sec.body.split('\n').map((l) => retryMessage(l.replace(/^- /, ''), sec).tutorBlocks[0]));
    expect(openers.size).toBeGreaterThan(1);
  });
});
