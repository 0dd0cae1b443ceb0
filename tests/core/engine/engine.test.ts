import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { indexDirFor } from '../../../electron/core/engine/vectorStore';
import { sectionId } from '../../../electron/core/knowledge/ids';
import type { Section } from '../../../electron/core/knowledge/types';
import { QuestionError } from '../../../electron/core/engine/validateQuestion';
import { openTestEngine, tempDir } from '../../helpers/engine';

const models = tempDir('models');
const data = tempDir('data');
const dirs = { dataDir: data.path, modelsRoot: models.path };
let engine: KnowledgeEngine;

beforeAll(async () => {
  engine = await openTestEngine(dirs);
});
afterAll(() => {
  models.cleanup();
  data.cleanup();
});

function athenaTopic(): Section {
  const headingPath = ['Self-Learning Topics', 'Topic: Amazon Athena'];
  return {
    id: sectionId('self', headingPath),
    phaseId: 'self',
    headingPath,
    body: 'Amazon Athena is an interactive query service for data in Amazon S3 using standard SQL. Athena is serverless and charges per terabyte of data scanned by each query.',
    source: 'self',
  };
}

describe('KnowledgeEngine', () => {
  it('builds the domain model and index on first open and says which embedder is active', () => {
    const info = engine.info();
    expect(info.embedder.kind).toBe('static-domain');
    expect(info.embedder.modelId).toBe('nimbus/aws-notes-static');
    expect(info.index.origin).toBe('built');
    expect(info.chunks).toBeGreaterThan(50);
  });

  it('loads the saved index on reopen and returns identical results', async () => {
    const before = await engine.search('how do I attach an EBS volume', { k: 5 });
    const again = await openTestEngine(dirs);
    expect(again.info().index.origin).toBe('loaded');
    const after = await again.search('how do I attach an EBS volume', { k: 5 });
    expect(after.map((h) => h.chunk.id)).toEqual(before.map((h) => h.chunk.id));
  });

  it('answers with citations that point at the section holding the answer', async () => {
    const r = await engine.ask('how much memmory can i give a lambda functon');
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain('10,240 MB');
    expect(r.citations[0].headingPath).toContain('AWS Lambda');
    expect(r.hits.length).toBeGreaterThan(0);
  });

  it('pulls both sides of a comparison', async () => {
    const r = await engine.ask('redis or memcached if i need my cached data to survive restarts and be replicated?');
    expect(r.answer.toLowerCase()).toContain('redis');
    expect(r.answer.toLowerCase()).toMatch(/persistence|replication/);
  });

  it('abstains on questions the notes do not cover, naming what is missing', async () => {
    const r = await engine.ask('How do I deploy a Django app with Elastic Beanstalk?');
    expect(r.abstained).toBe(true);
    expect(r.answer).toMatch(/notes don't cover/);
    expect(r.answer).toContain('Elastic Beanstalk');
    expect(r.citations).toEqual([]);
    expect((await engine.ask('best hydration for sourdough bread')).abstained).toBe(true);
  });

  it('rejects empty and oversized questions with a clear error', async () => {
    await expect(engine.ask('   ')).rejects.toThrow(QuestionError);
    await expect(engine.ask('x'.repeat(100_000))).rejects.toThrow(/too long/);
  });

  it('adds a learner topic without rebuilding, answers from it at once, and forgets it on removal', async () => {
    const own = tempDir('data-add');
    try {
      const e = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      const before = e.info().chunks;
      expect((await e.ask('How does Amazon Athena charge for queries?')).abstained).toBe(true);
      const added = await e.addSections([athenaTopic()]);
      expect(e.info().chunks).toBe(before + added.length);
      const r = await e.ask('How does Amazon Athena charge for queries?');
      expect(r.abstained).toBe(false);
      expect(r.citations[0].headingPath).toContain('Topic: Amazon Athena');
      expect(r.answer).toContain('per terabyte');

      // the saved index already holds it: reopening loads, it does not rebuild
      const reopened = await openTestEngine(
        { dataDir: own.path, modelsRoot: models.path },
        { extraSections: [athenaTopic()] },
      );
      expect(reopened.info().index.origin).toBe('loaded');
      expect((await reopened.search('Athena per terabyte scanned', { k: 1 }))[0].chunk.headingPath).toContain(
        'Topic: Amazon Athena',
      );

      await e.removeSections([athenaTopic().id]);
      const hits = await e.search('Athena per terabyte scanned', { k: 20 });
      expect(hits.some((h) => h.chunk.headingPath.includes('Topic: Amazon Athena'))).toBe(false);
      // a reopen without the topic drops its stale vectors too
      const third = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      expect(third.info().index.origin).toBe('loaded');
      const hits3 = await third.search('Athena per terabyte scanned', { k: 20, mode: 'dense' });
      expect(hits3.some((h) => h.chunk.headingPath.includes('Topic: Amazon Athena'))).toBe(false);
    } finally {
      own.cleanup();
    }
  });

  it('detects a truncated or garbled index, rebuilds it and keeps answering', async () => {
    const own = tempDir('data-corrupt');
    try {
      const first = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      const expected = (await first.search('NAT gateway private subnet', { k: 3 })).map((h) => h.chunk.id);
      const dir = indexDirFor(own.path, first.info().embedder.modelId);
      const file = readdirSync(dir).find((f) => f.endsWith('.hnsw')) as string;
      truncateSync(join(dir, file), Math.floor(statSync(join(dir, file)).size / 2));
      const second = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      expect(second.info().index.origin).toBe('built');
      expect(second.info().index.rebuildReason).toMatch(/corrupt/);
      expect((await second.search('NAT gateway private subnet', { k: 3 })).map((h) => h.chunk.id)).toEqual(expected);

      writeFileSync(join(dir, 'manifest.json'), '{ not json');
      const third = await openTestEngine({ dataDir: own.path, modelsRoot: models.path });
      expect(third.info().index.origin).toBe('built');
      expect((await third.ask('What does a NAT gateway do?')).abstained).toBe(false);
    } finally {
      own.cleanup();
    }
  });
});

describe('conversation context', () => {
  it('uses the topic for follow-ups that lean on it, and leaves self-contained questions alone', async () => {
    const { withTopic } = await import('../../../electron/core/engine/KnowledgeEngine');
    expect(withTopic('and how is it priced?', 'AWS Lambda')).toBe('AWS Lambda: and how is it priced?');
    expect(withTopic('What is a NAT gateway?', 'AWS Lambda')).toBe('What is a NAT gateway?');
    const r = await engine.ask('what is the maximum timeout for it?', { topic: 'AWS Lambda' });
    expect(r.question).toBe('what is the maximum timeout for it?');
    expect(r.answer).toContain('15 minutes');
  });

  it('prefers the current phase between close candidates', async () => {
    const plain = await engine.ask('How do I deploy the application?');
    const biased = await engine.ask('How do I deploy the application?', { preferPhase: 'phase6' });
    expect(biased.hits[0].chunk.phaseId).toBe('phase6');
    expect(plain.hits.length).toBe(biased.hits.length);
  });
});
