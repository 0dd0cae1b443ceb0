import { describe, expect, it } from 'vitest';
import { sectionId } from '../../../electron/core/knowledge/ids';
import { suggestTopicTitle } from '../../../electron/core/learn/suggest';
import {
  TOPICS_ROOT,
  cleanTitle,
  splitImport,
  titleFromFileName,
  topicSections,
} from '../../../electron/core/learn/topics';

const NOTES_FORMAT = `### New topic - self learning
#### Topic: Amazon Athena

Amazon Athena runs SQL queries directly on files in S3.

##### Pricing
You pay per terabyte scanned.

### New topic - self learning
#### Topic: AWS Glue

AWS Glue is a serverless ETL service with a data catalog.
`;

describe('topicSections', () => {
  it('puts a topic under the self-learned root with ids from its heading path', () => {
    const sections = topicSections({
      title: 'Amazon Athena',
      markdown:
        'Intro text.\n\n## Pricing\nPer TB.\n\n### Savings\nUse Parquet.\n\n## Use cases\nLogs.\n\n```sh\n# not a heading\n```',
    });
    expect(sections.map((s) => s.headingPath.slice(2).join(' > '))).toEqual([
      '',
      'Pricing',
      'Pricing > Savings',
      'Use cases',
    ]);
    const top = sections[0];
    expect(top.headingPath).toEqual([TOPICS_ROOT, 'Topic: Amazon Athena']);
    expect(top.id).toBe(sectionId('self', [TOPICS_ROOT, 'Topic: Amazon Athena']));
    expect(sections.every((s) => s.phaseId === 'self' && s.source === 'self')).toBe(true);
    expect(sections[3].body).toContain('# not a heading');
  });
});

describe('splitImport', () => {
  it('splits the notes format into one topic per "#### Topic:" entry', () => {
    const topics = splitImport(NOTES_FORMAT, 'notes.md');
    expect(topics.map((t) => cleanTitle(t.title))).toEqual(['Amazon Athena', 'AWS Glue']);
    expect(topics[0].markdown).toBe(
      'Amazon Athena runs SQL queries directly on files in S3.\n\n## Pricing\n\nYou pay per terabyte scanned.',
    );
  });

  it('takes the title of plain Markdown from its heading, else from the file name', () => {
    expect(splitImport('# Amazon Athena\n\nQueries S3.\n\n## Pricing\nPer TB.', 'x.md')).toEqual([
      { title: 'Amazon Athena', markdown: '\nQueries S3.\n\n## Pricing\nPer TB.' },
    ]);
    expect(splitImport('Queries S3 with SQL.', 'aws-athena_basics.txt')).toEqual([
      { title: 'aws athena basics', markdown: 'Queries S3 with SQL.' },
    ]);
    expect(titleFromFileName('/a/b/My_Topic.md')).toBe('My Topic');
  });

  it('cleans titles', () => {
    expect(cleanTitle('## **Topic: Amazon Athena** 📌')).toBe('Amazon Athena');
  });
});

describe('suggestTopicTitle', () => {
  it('prefers the unknown service name, with its brand as typed', () => {
    expect(
      suggestTopicTitle('How do I deploy with AWS Elastic Beanstalk?', { unknownServiceNames: ['Elastic Beanstalk'] }),
    ).toBe('AWS Elastic Beanstalk');
    expect(suggestTopicTitle('what is amazon athena', { unknownNames: [], unknownTerms: ['athena'] })).toBe(
      'Amazon Athena',
    );
  });

  it('falls back to the key words of the question', () => {
    expect(suggestTopicTitle('how do I bake sourdough bread?')).toBe('Bake Sourdough Bread');
    expect(suggestTopicTitle('what is it?')).toBeNull();
  });
});
