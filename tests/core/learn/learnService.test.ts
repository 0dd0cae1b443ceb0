// Integration: topics go through the real engine (domain embedder built in a temp folder, HNSW +
// BM25), so "answerable at once" and "gone after delete" are checked end to end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeEngine } from '../../../electron/core/engine/KnowledgeEngine';
import { LearnService, currentContent } from '../../../electron/core/learn/LearnService';
import { sectionsOf, topicSectionId } from '../../../electron/core/learn/topics';
import { LearnError, emptyTopicsDoc, type TopicsDoc } from '../../../electron/core/learn/types';
import { MemoryDocumentStore } from '../../../electron/core/store/documentStore';
import { BookmarkService } from '../../../electron/core/bookmarks/BookmarkService';
import { emptyBookmarksDoc, type BookmarksDoc } from '../../../electron/core/bookmarks/types';
import { openTestEngine, tempDir } from '../../helpers/engine';

const models = tempDir('learn-models');
const data = tempDir('learn-data');
const files = tempDir('learn-files');
const dirs = { dataDir: data.path, modelsRoot: models.path };
let engine: KnowledgeEngine;
let store: MemoryDocumentStore<TopicsDoc>;
let learn: LearnService;

const ATHENA = [
  'Amazon Athena is an interactive query service that analyzes data stored in Amazon S3 using standard SQL.',
  'Athena is serverless, so there is no infrastructure to manage, and you pay only for the queries you run.',
  'Pricing is based on the amount of data scanned by each query, so compressing data and storing it in columnar formats such as Parquet lowers the cost.',
  'Athena uses the AWS Glue Data Catalog to store table definitions.',
].join(' ');

const ATHENA_V2 =
  'Amazon Athena workgroups separate teams and queries. Each workgroup sets its own query result location in S3 and can enforce a per-query data usage limit that cancels runaway queries.';

beforeAll(async () => {
  engine = await openTestEngine(dirs);
  store = new MemoryDocumentStore<TopicsDoc>(emptyTopicsDoc(), 'memory:topics');
  learn = new LearnService(store, engine);
});
afterAll(() => {
  for (const d of [models, data, files]) d.cleanup();
});

function topicChunks(title: string) {
  const id = topicSectionId(title);
  return engine.chunks().filter((c) => c.headingPath[1] === `Topic: ${title}` || c.sectionId === id);
}

/** None of these chunks comes back from any search mode, however deep. */
async function expectGoneFromSearch(query: string, chunkIds: string[]): Promise<void> {
  const gone = new Set(chunkIds);
  for (const mode of ['dense', 'lexical', 'hybrid'] as const) {
    const hits = await engine.search(query, { k: 50, mode });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((h) => gone.has(h.chunk.id))).toEqual([]);
  }
  for (const id of chunkIds) expect(engine.chunk(id)).toBeUndefined();
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof LearnError ? err.code : `other: ${String(err)}`;
  }
  return 'no error';
}

describe('LearnService (real engine)', () => {
  it('offers an out-of-scope question as a topic', async () => {
    const r = await engine.ask('What is Amazon Athena used for?');
    expect(r.abstained).toBe(true);
    expect(learn.offerForOutOfScope(r.question, r.abstention)).toEqual({ title: 'Amazon Athena' });
  });

  it('adds a topic that answers at once as the top hit; edit replaces it; delete forgets it', async () => {
    const topic = await learn.add({ title: 'Amazon Athena', markdown: ATHENA });
    expect(store.read().items).toEqual([topic]);
    expect(topic.source).toBe('typed');

    const v1Ids = topicChunks('Amazon Athena').map((c) => c.id);
    expect(v1Ids).toHaveLength(1);
    const r = await engine.ask('how does amazon athena charge for queries?');
    expect(r.abstained).toBe(false);
    expect(r.hits[0].chunk.sectionId).toBe(topicSectionId('Amazon Athena'));
    expect(r.citations[0].headingPath).toEqual(['Self-Learned Topics', 'Topic: Amazon Athena']);
    expect(r.answer).toMatch(/you pay only for the queries you run|data scanned/);
    expect(learn.offerForOutOfScope('What is Amazon Athena used for?')).toEqual({
      title: 'Amazon Athena',
      existingTopicId: topic.id,
    });

    const edited = await learn.edit(topic.id, { markdown: ATHENA_V2 });
    expect(edited.id).toBe(topic.id);
    const r2 = await engine.ask('where does athena store query results?');
    expect(r2.abstained).toBe(false);
    expect(r2.hits[0].chunk.sectionId).toBe(topicSectionId('Amazon Athena'));
    expect(r2.answer).toMatch(/query result location/);
    expect(topicChunks('Amazon Athena').map((c) => c.text)).toEqual([ATHENA_V2]);
    await expectGoneFromSearch('athena pricing columnar formats such as Parquet', v1Ids);
    const v2Ids = topicChunks('Amazon Athena').map((c) => c.id);

    expect(await learn.remove(topic.id)).toBe(true);
    expect(store.read().items).toEqual([]);
    expect(topicChunks('Amazon Athena')).toEqual([]);
    await expectGoneFromSearch('Amazon Athena workgroups query result location', v2Ids);
    const r3 = await engine.ask('where does athena store query results?');
    expect(r3.citations.filter((c) => c.headingPath[1] === 'Topic: Amazon Athena')).toEqual([]);
    expect(await learn.remove(topic.id)).toBe(false);
  });

  it('imports a notes-format .md with two topics, each answerable', async () => {
    const path = join(files.path, 'analytics.md');
    writeFileSync(
      path,
      [
        '### New topic - self learning',
        '#### Topic: AWS Glue',
        '',
        'AWS Glue is a serverless data integration service for extract, transform and load (ETL) jobs. Glue crawlers scan data sources and record table schemas in the Glue Data Catalog.',
        '',
        '### New topic - self learning',
        '#### Topic: Amazon Kinesis Data Streams',
        '',
        'Amazon Kinesis Data Streams ingests real-time streaming data such as clickstreams and logs. A stream is made of shards; each shard accepts up to 1 MB per second of writes.',
        '',
      ].join('\n'),
    );
    const topics = await learn.importFile(path);
    expect(topics.map((t) => [t.title, t.source, t.fileName])).toEqual([
      ['AWS Glue', 'import', 'analytics.md'],
      ['Amazon Kinesis Data Streams', 'import', 'analytics.md'],
    ]);
    const glue = await engine.ask('what do glue crawlers do?');
    expect(glue.abstained).toBe(false);
    expect(glue.hits[0].chunk.sectionId).toBe(topicSectionId('AWS Glue'));
    const kinesis = await engine.ask('how much data can one kinesis shard accept per second?');
    expect(kinesis.abstained).toBe(false);
    expect(kinesis.hits[0].chunk.sectionId).toBe(topicSectionId('Amazon Kinesis Data Streams'));

    // Importing the same file again is a duplicate (offer update), unless asked to replace.
    const dup = await learn.importFile(path).catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: 'duplicate', details: { existingId: topics[0].id } });
    const replaced = await learn.importFile(path, { replace: true });
    expect(replaced.map((t) => t.id)).toEqual(topics.map((t) => t.id));
    expect(learn.list()).toHaveLength(2);
  });

  it('rejects invalid UTF-8, oversized, binary and unsupported files with typed errors', async () => {
    const bad = join(files.path, 'bad.md');
    writeFileSync(bad, Buffer.from([0x23, 0x20, 0x41, 0x0a, 0xc3, 0x28, 0xff, 0x0a]));
    expect(await codeOf(learn.importFile(bad))).toBe('encoding');
    const big = join(files.path, 'big.md');
    writeFileSync(big, `# Big\n\n${'Amazon Athena queries S3. '.repeat(12_000)}`);
    expect(await codeOf(learn.importFile(big))).toBe('too-large');
    expect(await codeOf(learn.importText('x'.repeat(300 * 1024), 'big.txt'))).toBe('too-large');
    expect(await codeOf(learn.add({ title: 'Huge', markdown: 'word '.repeat(12_000) }))).toBe('too-large');
    const bin = join(files.path, 'bin.txt');
    writeFileSync(bin, Buffer.from([0x41, 0x00, 0x42]));
    expect(await codeOf(learn.importFile(bin))).toBe('binary');
    expect(await codeOf(learn.importFile(join(files.path, 'notes.pdf')))).toBe('unsupported-type');
    expect(await codeOf(learn.importFile(join(files.path, 'absent.md')))).toBe('not-found');
    expect(await codeOf(learn.add({ title: '  ', markdown: 'text' }))).toBe('empty');
    expect(await codeOf(learn.add({ title: 'No body', markdown: '<script>x()</script>' }))).toBe('empty');
    expect(await codeOf(learn.add({ title: 'aws glue', markdown: 'again' }))).toBe('duplicate');
    expect(learn.list()).toHaveLength(2);
  });

  it('repairs mojibake and strips scripts and javascript: links from what is stored and indexed', async () => {
    const topic = await learn.importText(
      '# Amazon QuickSight\n\nAmazon QuickSight ‚Äî a serverless BI service ‚Äî builds dashboards from Athena and Redshift data.<script>alert(1)</script> See [the guide](javascript:alert(1)) and <img src=x onerror="alert(2)">.',
      'quicksight.md',
    );
    const stored = store.read().items.find((t) => t.id === topic[0].id)!;
    const indexed = topicChunks('Amazon QuickSight')
      .map((c) => c.text)
      .join('\n');
    for (const text of [stored.markdown, indexed]) {
      expect(text).toContain('Amazon QuickSight — a serverless BI service — builds dashboards');
      expect(text).not.toMatch(/‚Äî|<script|alert\(1\)|javascript:|onerror/i);
      expect(text).toContain('See the guide and');
    }
  });

  it('gives the engine every topic at startup and lets bookmarks follow topics', async () => {
    const reopened = await openTestEngine(dirs, { extraSections: sectionsOf(learn.list()) });
    const r = await reopened.ask('what do glue crawlers do?');
    expect(r.hits[0].chunk.sectionId).toBe(topicSectionId('AWS Glue'));

    const bookmarks = new BookmarkService(new MemoryDocumentStore<BookmarksDoc>(emptyBookmarksDoc()), () =>
      currentContent(engine, learn),
    );
    const glue = learn.findByTitle('AWS Glue')!;
    const b = await bookmarks.addSection(topicSectionId('AWS Glue'), 'for the data lake project');
    expect((await bookmarks.list()).map((g) => g.phaseId)).toEqual(['self']);
    await learn.remove(glue.id);
    const [group] = await bookmarks.list();
    expect(group.items[0]).toMatchObject({ id: b.id, status: 'missing', note: 'for the data lake project' });
  });
});
