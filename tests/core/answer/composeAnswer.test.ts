import { describe, expect, it } from 'vitest';
import { composeAnswer, sectionLabel, type TermModel } from '../../../electron/core/answer/composeAnswer';
import type { Chunk } from '../../../electron/core/knowledge/types';
import { chunkOf } from '../../helpers/chunks';

const words = (t: string): string[] =>
  t
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.filter((w) => !['the', 'a', 'is', 'what', 'which', 'and', 'or', 'for'].includes(w)) ?? [];
const terms: TermModel = { analyze: words, resolve: (t) => t, weight: () => 1 };

const chunk = (id: string, heading: string, text: string): Chunk => chunkOf(id, heading, text);

const redis = chunk(
  'r',
  'Redis',
  '- Supports persistence and replication.\n- Rich data types like hashes.\n- Single-threaded.',
);
const memcached = chunk(
  'm',
  'Memcached',
  '- Multi-threaded caching.\n- No persistence or replication.\n- Simple key value.',
);
const unrelated = chunk('u', 'Lambda', '- Runs code without servers.');

describe('composeAnswer', () => {
  it('quotes the most relevant unit verbatim and cites its chunk', () => {
    const a = composeAnswer(
      'which supports replication',
      [
        { chunk: redis, score: 1 },
        { chunk: unrelated, score: 0.5 },
      ],
      terms,
    );
    expect(a.markdown).toContain('- Supports persistence and replication.');
    expect(a.citations.map((c) => c.chunkId)).toEqual(['r']);
    expect(a.markdown).toContain('[1]');
  });

  it('pulls from both sections for a comparison', () => {
    const a = composeAnswer(
      'redis vs memcached multi threaded',
      [
        { chunk: redis, score: 1 },
        { chunk: memcached, score: 0.9 },
      ],
      terms,
    );
    expect(a.citations.map((c) => c.chunkId).sort()).toEqual(['m', 'r']);
    expect(a.markdown).toContain('Multi-threaded caching.');
  });

  it('prefers units the embedder finds similar when words do not overlap', () => {
    const sim = (p: string): number => (p.includes('Single-threaded') ? 0.9 : 0);
    const a = composeAnswer('how many cores does it use', [{ chunk: redis, score: 1 }], terms, { similarity: sim });
    expect(a.markdown.split('\n').find((l) => l.startsWith('- '))).toBe('- Single-threaded.');
  });

  it('renders rows picked from one table as a single table, and sibling sub-items under one parent', () => {
    const t = chunk(
      't',
      'Secrets',
      '| Feature | SM | PS |\n| --- | --- | --- |\n| Rotation | Built-in | Manual |\n| Cost | Higher | Lower |',
    );
    const a = composeAnswer('rotation cost', [{ chunk: t, score: 1 }], terms);
    expect(a.markdown.match(/\| Feature/g)).toHaveLength(1);
    expect(a.markdown).toContain('| Rotation | Built-in | Manual |\n| Cost | Higher | Lower |');
    const long = Array.from(
      { length: 12 },
      (_, i) => `  - **Class${i}**: storage tier number ${i} for archive data and other words to be long enough`,
    ).join('\n');
    const s3 = chunk('s', 'Storage Classes', `- Storage classes:\n${long}`);
    const b = composeAnswer('Class3 Class4 archive', [{ chunk: s3, score: 1 }], terms);
    expect(b.markdown.match(/- Storage classes:/g)).toHaveLength(1);
  });

  it('does not add a weakly related section just because it holds one leftover word', () => {
    const sg = chunk(
      'sg',
      'Security Groups vs NACLs',
      '- Security groups are stateful instance firewalls.\n- NACLs are stateless subnet filters.',
    );
    const ecs = chunk('e', 'ECS and EKS', '- Key difference: ECS is simpler to use.');
    const a = composeAnswer(
      'difference security groups stateful',
      [
        { chunk: sg, score: 1 },
        { chunk: ecs, score: 0.5 },
      ],
      terms,
    );
    expect(a.citations.map((c) => c.chunkId)).toEqual(['sg']);
  });

  it('adds another section for a leftover everyday word only when it is nearly as relevant as the lead', () => {
    const braket = chunk('b', 'Amazon Braket', '- Amazon Braket is a managed quantum computing service.');
    const keys = chunk('k', 'Key Pairs', '- Key pairs are used for SSH access.');
    const filler = chunk('f', 'Filler', '- Nothing relevant here.');
    const ranked = [
      { chunk: braket, score: 1 },
      { chunk: filler, score: 0.6 },
      { chunk: keys, score: 0.5 },
    ];
    const q = 'amazon braket used';
    const everyday = (t: string): number => (t === 'used' || t === 'amazon' ? 0 : 1);
    // Without a lexicon every word counts: "used" pulls in the key pairs.
    expect(composeAnswer(q, ranked, terms).citations.map((c) => c.chunkId)).toEqual(['b', 'k']);
    expect(composeAnswer(q, ranked, terms, { rarity: everyday }).citations.map((c) => c.chunkId)).toEqual(['b']);
    // A rare leftover word ("ssh") still brings its section in.
    const rare = composeAnswer('amazon braket ssh', ranked, terms, { rarity: everyday });
    expect(rare.citations.map((c) => c.chunkId)).toEqual(['b', 'k']);
  });

  it('labels sections by their last two headings without the phase title', () => {
    expect(sectionLabel(['Phase 1', 'Amazon S3', 'Storage Classes'])).toBe('Amazon S3 › Storage Classes');
    expect(sectionLabel(['Phase 3', 'AWS Lambda'])).toBe('AWS Lambda');
  });
});
