import { describe, expect, it } from 'vitest';
import type { PhaseId, Section } from '../../../../electron/core/knowledge/types';
import { itemChoices, serviceChoice } from '../../../../electron/core/tutor/questions/choice';
import { clozeCandidates } from '../../../../electron/core/tutor/questions/cloze';
import { lessonFacts } from '../../../../electron/core/tutor/questions/facts';
import { generateQuestions, type LessonMaterial } from '../../../../electron/core/tutor/questions/generateQuestions';
import { displayName, kindNoun } from '../../../../electron/core/tutor/questions/names';
import { shortCandidates } from '../../../../electron/core/tutor/questions/short';

const rand = () => 0.42;

function section(path: string[], body: string, phaseId: PhaseId = 'phase1'): Section {
  return { id: path.join('/'), phaseId, headingPath: ['Phase', ...path], body, source: 'notes' };
}

function lesson(sections: Section[], siblings: Section[] = []): LessonMaterial {
  const root = sections[0];
  return {
    lessonId: root.id,
    phaseId: root.phaseId,
    title: root.headingPath[1],
    sections,
    siblings,
  };
}

describe('cloze', () => {
  const cloze = (body: string) =>
    clozeCandidates(lessonFacts([section(['AWS Lambda'], body)]), () => 'AWS Lambda', new Map()).map((c) =>
      c.build(rand),
    );

  it('prefers a number with its unit and accepts the usual spellings', () => {
    const [q] = cloze('The maximum timeout per function invocation is 15 minutes.');
    expect(q.answer).toBe('15 minutes');
    expect(q.prompt).toContain('The maximum timeout per function invocation is _____.');
    expect(q.accepted).toEqual(expect.arrayContaining(['15 min', '15']));
  });

  it('never blanks a term the rest of the prompt repeats or spells out', () => {
    const qs = cloze('S3 stores objects in S3 buckets across many regions.');
    expect(qs.map((q) => q.answer)).not.toContain('S3');
    const az = cloze('An Availability Zone (AZ) is one or more discrete data centers with redundant power.');
    expect(az.map((q) => q.answer)).not.toContain('AZ');
    expect(az.map((q) => q.answer)).not.toContain('Availability Zone');
  });

  it('leaves labels and parenthesised glosses alone', () => {
    const qs = cloze(
      '- **Provisioned Mode**: You specify read and write capacity units (RCU/WCU) with CloudWatch alarms.',
    );
    expect(qs.map((q) => q.answer)).toEqual(['CloudWatch']);
  });
});

describe('choice', () => {
  const classes = section(
    ['Amazon Simple Storage Service (Amazon S3)', 'Storage Classes'],
    [
      '- S3 offers multiple storage classes:',
      '  - **S3 Standard**: For frequently accessed data.',
      '  - **S3 Standard-IA**: For less frequently accessed but critical data.',
      '  - **S3 One Zone-IA**: Data is stored in a single AZ, suitable for recreatable data.',
      '  - **S3 Glacier Instant Retrieval**: For archive data needing instant access.',
      '  - **S3 Glacier Deep Archive**: Lowest cost, long-term storage, retrieval in hours.',
    ].join('\n'),
  );
  const s3 = lesson([section(['Amazon Simple Storage Service (Amazon S3)'], 'Amazon S3 stores objects.'), classes]);

  it('asks which item of a list fits a description, naming the kind from the heading', () => {
    const qs = itemChoices(s3, lessonFacts(s3.sections), false).map((c) => c.build(rand));
    const deep = qs.find((q) => q.answer === 'S3 Glacier Deep Archive');
    expect(deep?.prompt).toBe(
      'Which S3 storage class fits this description: “Lowest cost, long-term storage, retrieval in hours”?',
    );
    expect(deep?.choices).toHaveLength(4);
    expect(deep?.choices).toContain('S3 Glacier Deep Archive');
  });

  it('rejects a distractor whose own text also fits the description', () => {
    const qs = itemChoices(s3, lessonFacts(s3.sections), false).map((c) => c.build(rand));
    const standard = qs.find((q) => q.answer === 'S3 Standard');
    // "For less frequently accessed but critical data" also fits "For frequently accessed data"
    expect(standard?.choices).not.toContain('S3 Standard-IA');
  });

  it('drops a question whose distractor pool is too small', () => {
    const two = section(
      ['Amazon DynamoDB'],
      '- **Capacity Modes**:\n  - **Provisioned**: You set capacity.\n  - **On-Demand**: Scales itself.',
    );
    const l = lesson([two]);
    expect(itemChoices(l, lessonFacts(l.sections), false)).toEqual([]);
  });

  it('asks "Which service …?" with the other services of the phase as options', () => {
    const mk = (name: string, body: string) => section([name], body, 'phase3');
    const sqs = mk(
      'Amazon SQS (Simple Queue Service)',
      'Amazon SQS is a fully managed message queuing service for decoupling microservices.',
    );
    const siblings = [
      mk('AWS Lambda', 'AWS Lambda is a serverless compute service that runs code in response to events.'),
      mk(
        'Amazon SNS (Simple Notification Service)',
        'Amazon SNS is a fully managed pub/sub messaging service for notifications.',
      ),
      mk('AWS Step Functions', 'AWS Step Functions lets you coordinate services into serverless workflows.'),
      mk('Amazon EventBridge', 'Amazon EventBridge is a serverless event bus.'),
    ];
    const l = lesson([sqs], siblings);
    const [q] = serviceChoice(l, lessonFacts(l.sections)).map((c) => c.build(rand));
    expect(q.prompt).toBe('Which service is a fully managed message queuing service for decoupling microservices?');
    expect(q.answer).toBe('Amazon SQS');
    expect(q.choices).toHaveLength(4);
    expect(q.accepted).toEqual(expect.arrayContaining(['sqs', 'simple queue service']));
  });
});

describe('short', () => {
  it('turns a definition into a question a tutor would ask', () => {
    const vpc = section(['Amazon Virtual Private Cloud (VPC)'], 'Amazon VPC lets you provision an isolated network.');
    const nat = section(
      ['Amazon Virtual Private Cloud (VPC)', 'NAT Gateway'],
      '- A NAT Gateway enables instances in a private subnet to access the internet or other AWS services, while preventing inbound access from the internet.',
    );
    const l = lesson([vpc, nat]);
    const qs = shortCandidates(l, lessonFacts(l.sections), false).map((c) => c.build(rand));
    expect(qs.map((q) => q.prompt)).toEqual([
      'What does Amazon VPC let you do?',
      'In Amazon VPC, what does a NAT Gateway enable instances in a private subnet to do?',
    ]);
    expect(qs[1].answer).toBe(
      'access the internet or other AWS services, while preventing inbound access from the internet',
    );
    expect(qs[1].keywords).toEqual(expect.arrayContaining(['inbound']));
  });
});

describe('names', () => {
  it('shortens lesson titles the way options and questions read them', () => {
    expect(displayName('Amazon Simple Storage Service (Amazon S3)')).toBe('Amazon S3');
    expect(displayName('AWS Identity and Access Management (IAM)')).toBe('AWS IAM');
    expect(displayName('1. Amazon RDS (Relational Database Service)')).toBe('Amazon RDS');
    expect(displayName('Amazon Web Services (AWS)')).toBe('AWS');
    expect(displayName('Amazon ECS (Elastic Container Service) and Amazon EKS (Elastic Kubernetes Service)')).toBe(
      'Amazon ECS and Amazon EKS',
    );
    expect(kindNoun('Storage Classes')).toBe('storage class');
    expect(kindNoun('Key Features of AWS')).toBe('key feature of AWS');
    expect(kindNoun('IAM Users, Groups, and Roles')).toBeNull();
  });
});

describe('generateQuestions', () => {
  it('returns nothing rather than something unanswerable for a lesson without facts', () => {
    expect(generateQuestions(lesson([section(['Empty'], '')]))).toEqual([]);
  });
});
