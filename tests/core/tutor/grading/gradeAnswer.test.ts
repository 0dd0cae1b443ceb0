import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../../electron/core/knowledge/loadContent';
import { gradeAnswer } from '../../../../electron/core/tutor/grading/gradeAnswer';
import { normalizeAnswer } from '../../../../electron/core/tutor/grading/normalize';
import { lessonMaterialFor } from '../../../../electron/core/tutor/lesson/material';
import { generateQuestions } from '../../../../electron/core/tutor/questions/generateQuestions';
import type { CheckQuestion, VerdictResult } from '../../../../electron/core/tutor/types';
import { REPO } from '../../../helpers/engine';

const ref = { sectionId: 's', headingPath: ['Phase 3', 'AWS Lambda'] };
const base = { lessonId: 'l', ref };

const cloze: CheckQuestion = {
  ...base,
  id: 'cloze',
  kind: 'cloze',
  prompt: '> CloudFormation is an infrastructure as code service; it models resources with _____ templates.',
  answer: 'CloudFormation',
  accepted: ['cloudformation'],
  source: 'AWS CloudFormation is an infrastructure as code service.',
};
const minutes: CheckQuestion = {
  ...base,
  id: 'minutes',
  kind: 'cloze',
  prompt: '> The maximum timeout per function invocation is _____.',
  answer: '15 minutes',
  accepted: ['15 min', '15'],
  source: 'The maximum timeout per function invocation is 15 minutes.',
};
const choice: CheckQuestion = {
  ...base,
  id: 'choice',
  kind: 'choice',
  prompt: 'Which S3 storage class fits this description: “Lowest cost, long-term archival, retrieval in hours”?',
  choices: ['S3 Standard', 'S3 Glacier Deep Archive', 'S3 One Zone-IA', 'S3 Intelligent-Tiering'],
  answer: 'S3 Glacier Deep Archive',
  accepted: ['s3 glacier deep archive'],
  source: '**S3 Glacier Deep Archive**: Lowest cost, long-term archival, retrieval in hours.',
};
const order: CheckQuestion = {
  ...base,
  id: 'order',
  kind: 'order',
  prompt: 'Put these steps in the right order:',
  answer: ['Setup', 'Upload Content', 'Index and Error Documents', 'DNS Setup'],
  choices: ['Upload Content', 'DNS Setup', 'Setup', 'Index and Error Documents'],
  source: '**Setup**: …\n**Upload Content**: …\n**Index and Error Documents**: …\n**DNS Setup**: …',
};
const short: CheckQuestion = {
  ...base,
  id: 'short',
  kind: 'short',
  prompt: 'In Amazon VPC, what does a NAT Gateway enable instances in a private subnet to do?',
  answer: 'access the internet or other AWS services, while preventing inbound access from the internet',
  keywords: ['internet', 'preventing', 'inbound', 'services'],
  source:
    'A NAT Gateway enables instances in a private subnet to access the internet or other AWS services, while preventing inbound access from the internet.',
};

async function result(q: CheckQuestion, answer: string | string[], sim?: number): Promise<VerdictResult> {
  const verdict = await gradeAnswer(q, answer, sim === undefined ? {} : { similarity: () => sim });
  return verdict.result;
}

describe('normalizeAnswer', () => {
  it('ignores case, punctuation, vendor prefix, plurals and unit spellings', () => {
    expect(normalizeAnswer('  Amazon S3 Buckets! ')).toBe('s3 bucket');
    expect(normalizeAnswer('AWS Lambda')).toBe('lambda');
    expect(normalizeAnswer('10,240 MB')).toBe(normalizeAnswer('10240mb'));
    expect(normalizeAnswer('15 Minutes')).toBe(normalizeAnswer('15 min'));
    expect(normalizeAnswer('SNS')).toBe('sns');
  });
});

describe('gradeAnswer: cloze', () => {
  it.each([
    ['exact', cloze, 'CloudFormation', 'correct'],
    ['different case', cloze, 'cloudformation', 'correct'],
    ['vendor prefix', cloze, 'AWS CloudFormation', 'correct'],
    ['plural', cloze, 'CloudFormations', 'correct'],
    ['typo in a long answer', cloze, 'Cloudformaton', 'correct'],
    ['two typos in a long answer', cloze, 'Clodformaton', 'correct'],
    ['wrong', cloze, 'CloudWatch', 'not-yet'],
    ['number with unit', minutes, '15 minutes', 'correct'],
    ['unit abbreviated', minutes, '15 mins', 'correct'],
    ['number alone', minutes, '15', 'correct'],
    ['a different number is no typo', minutes, '16 minutes', 'not-yet'],
  ] as const)('%s', async (_name, q, answer, expected) => {
    expect(await result(q, answer)).toBe(expected);
  });

  it('forgives no typo in a short answer', async () => {
    const az: CheckQuestion = { ...minutes, id: 'az', answer: 'AZs', accepted: ['azs', 'az'] };
    expect(await result(az, 'AZ')).toBe('correct');
    expect(await result(az, 'AX')).toBe('not-yet');
  });
});

describe('gradeAnswer: choice', () => {
  it.each([
    ['option text', 'S3 Glacier Deep Archive', 'correct'],
    ['different case', 's3 glacier deep archive', 'correct'],
    ['Amazon-prefixed', 'Amazon S3 Glacier Deep Archive', 'correct'],
    ['typo', 'S3 Glacier Deep Archve', 'correct'],
    ['number', '2', 'correct'],
    ['letter', 'b', 'correct'],
    ['letter in brackets', '(B)', 'correct'],
    ['wrong option', 'S3 Standard', 'not-yet'],
    ['wrong number', '1', 'not-yet'],
    ['wrong letter', 'd', 'not-yet'],
    ['something else', 'EFS Archive', 'not-yet'],
  ] as const)('%s', async (_name, answer, expected) => {
    expect(await result(choice, answer)).toBe(expected);
  });
});

describe('gradeAnswer: order', () => {
  it.each([
    ['all right, as an array', ['Setup', 'Upload Content', 'Index and Error Documents', 'DNS Setup'], 'correct'],
    [
      'all right, with arrows and another case',
      'setup → upload content → index and error documents → dns setup',
      'correct',
    ],
    ['all right, by option numbers', '3 1 4 2', 'correct'],
    ['all right, by option letters', 'c, a, d, b', 'correct'],
    ['two of three pairs right', ['DNS Setup', 'Setup', 'Upload Content', 'Index and Error Documents'], 'partly'],
    ['reversed', ['DNS Setup', 'Index and Error Documents', 'Upload Content', 'Setup'], 'not-yet'],
  ] as const)('%s', async (_name, answer, expected) => {
    expect(await result(order, answer as string | string[])).toBe(expected);
  });

  it('scores by adjacent pairs and shows the steps joined by arrows', async () => {
    const v = await gradeAnswer(order, ['DNS Setup', 'Setup', 'Upload Content', 'Index and Error Documents']);
    expect(v.score).toBeCloseTo(0.67, 2);
    expect(v.expected).toBe('Setup → Upload Content → Index and Error Documents → DNS Setup');
    expect(v.feedback).toContain('2 of 3');
  });
});

describe('gradeAnswer: short', () => {
  it('accepts a paraphrase the embedder finds close', async () => {
    const v = await gradeAnswer(short, 'They can reach the internet, but nothing outside can connect in', {
      similarity: () => 0.86,
    });
    expect(v.result).toBe('correct');
    expect(v.feedback).toMatch(/^Exactly — /);
  });

  it('gives partial credit for half the key terms, naming what is missing', async () => {
    const v = await gradeAnswer(short, 'they can use the internet and other AWS services');
    expect(v.result).toBe('partly');
    expect(v.score).toBeCloseTo(0.5, 2);
    expect(v.feedback).toContain('**internet**');
    expect(v.feedback).toContain('**inbound**');
    expect(v.feedback).toContain('**preventing**');
  });

  it('combines coverage and similarity when both are partial', async () => {
    expect(await result(short, 'access the internet', 0.55)).toBe('partly');
  });

  it('says "not yet" to an unrelated answer, with the answer and the quote', async () => {
    const v = await gradeAnswer(short, 'it stores objects in buckets', { similarity: async () => 0.12 });
    expect(v.result).toBe('not-yet');
    expect(v.feedback).toContain(String(short.answer));
    expect(v.feedback).toContain(`> ${short.source}`);
    expect(v.feedback).toContain('come back to this one');
  });

  it('needs no embedder: all key terms are enough', async () => {
    expect(await result(short, 'Reach the internet and AWS services while preventing inbound connections')).toBe(
      'correct',
    );
  });
});

describe('gradeAnswer: empty answers', () => {
  it.each([cloze, choice, order, short])('$kind: not yet, gently', async (q) => {
    const v = await gradeAnswer(q, '   ');
    expect(v.result).toBe('not-yet');
    expect(v.score).toBe(0);
    expect(v.feedback).toMatch(/^No worries/);
    expect(v.questionId).toBe(q.id);
    expect(v.ref).toEqual(ref);
  });
});

describe('gradeAnswer on generated questions', () => {
  let generated: CheckQuestion[] = [];
  beforeAll(async () => {
    const { sections, curriculum } = await loadContent(`${REPO}/content`);
    generated = curriculum.phases.flatMap((p) =>
      p.lessons.flatMap((l) => generateQuestions(lessonMaterialFor(curriculum, sections, l.id))),
    );
  });

  it('marks every question’s own answer correct and a blank one not yet', async () => {
    for (const q of generated) {
      const own = await gradeAnswer(q, q.answer);
      expect(own.result, q.prompt).toBe('correct');
      expect(own.feedback).toContain('> ');
      expect((await gradeAnswer(q, '')).result).toBe('not-yet');
    }
  });

  it('marks a distractor wrong', async () => {
    for (const q of generated.filter((x) => x.kind === 'choice')) {
      const wrong = (q.choices ?? []).find((c) => c !== q.answer) ?? '';
      expect((await gradeAnswer(q, wrong)).result, q.prompt).toBe('not-yet');
    }
  });
});
