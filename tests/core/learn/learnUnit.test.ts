// LearnService bookkeeping against a recording fake index: what goes in and out of the engine,
// title clashes, rollback when the store fails.

import { describe, expect, it } from 'vitest';
import { chunkSections } from '../../../electron/core/knowledge/chunkNotes';
import type { Chunk, Section } from '../../../electron/core/knowledge/types';
import { LearnService, type TopicIndex } from '../../../electron/core/learn/LearnService';
import { topicSectionId } from '../../../electron/core/learn/topics';
import { emptyTopicsDoc, type TopicsDoc } from '../../../electron/core/learn/types';
import { MemoryDocumentStore } from '../../../electron/core/store/documentStore';

class FakeIndex implements TopicIndex {
  readonly sections = new Map<string, Section>();
  async addSections(sections: Section[]): Promise<Chunk[]> {
    for (const s of sections) this.sections.set(s.id, s);
    return chunkSections(sections);
  }
  async removeSections(ids: string[]): Promise<number> {
    ids.forEach((id) => this.sections.delete(id));
    return ids.length;
  }
}

class FailingStore extends MemoryDocumentStore<TopicsDoc> {
  fail = false;
  override update(fn: (current: TopicsDoc) => TopicsDoc): Promise<TopicsDoc> {
    return this.fail ? Promise.reject(new Error('disk full')) : super.update(fn);
  }
}

function setup() {
  const index = new FakeIndex();
  const store = new FailingStore(emptyTopicsDoc(), 'memory:topics');
  let t = Date.parse('2025-03-01T10:00:00Z');
  const learn = new LearnService(store, index, { now: () => new Date((t += 1000)) });
  return { index, store, learn };
}

describe('LearnService bookkeeping', () => {
  it('indexes sub-headings as their own sections and drops a heading that repeats the title', async () => {
    const { index, learn } = setup();
    const t = await learn.add({
      title: 'Topic: Amazon Athena',
      markdown: '# Amazon Athena\n\nQueries S3.\n\n## Pricing\n\nPer TB.',
    });
    expect(t.title).toBe('Amazon Athena');
    expect(t.markdown).toBe('Queries S3.\n\n## Pricing\n\nPer TB.');
    expect([...index.sections.values()].map((s) => s.headingPath.slice(1))).toEqual([
      ['Topic: Amazon Athena'],
      ['Topic: Amazon Athena', 'Pricing'],
    ]);
    expect(learn.sections()).toHaveLength(2);
  });

  it('renames on edit (old sections out, new in) and refuses a title another topic has', async () => {
    const { index, learn } = setup();
    const a = await learn.add({ title: 'Athena', markdown: 'Queries S3.' });
    await learn.add({ title: 'Glue', markdown: 'ETL.' });
    const renamed = await learn.edit(a.id, { title: 'Amazon Athena' });
    expect(renamed).toMatchObject({
      id: a.id,
      title: 'Amazon Athena',
      markdown: 'Queries S3.',
      createdAt: a.createdAt,
    });
    expect(renamed.updatedAt > a.updatedAt).toBe(true);
    expect(index.sections.has(topicSectionId('Athena'))).toBe(false);
    expect(index.sections.has(topicSectionId('Amazon Athena'))).toBe(true);
    await expect(learn.edit(a.id, { title: ' GLUE ' })).rejects.toMatchObject({ code: 'duplicate' });
    await expect(learn.edit('nope', { title: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    expect(learn.list().map((t) => t.title)).toEqual(['Amazon Athena', 'Glue']);
  });

  it('lets only one of two concurrent adds with the same title through', async () => {
    const { learn } = setup();
    const results = await Promise.allSettled([
      learn.add({ title: 'Athena', markdown: 'one' }),
      learn.add({ title: 'athena', markdown: 'two' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(learn.list()).toHaveLength(1);
  });

  it('puts the engine back when the store cannot be written', async () => {
    const { index, store, learn } = setup();
    const a = await learn.add({ title: 'Athena', markdown: 'Queries S3.' });
    store.fail = true;
    await expect(learn.add({ title: 'Glue', markdown: 'ETL.' })).rejects.toThrow('disk full');
    expect(index.sections.has(topicSectionId('Glue'))).toBe(false);
    await expect(learn.edit(a.id, { markdown: 'Changed.' })).rejects.toThrow('disk full');
    expect(index.sections.get(topicSectionId('Athena'))?.body).toBe('Queries S3.');
    await expect(learn.remove(a.id)).rejects.toThrow('disk full');
    expect(index.sections.has(topicSectionId('Athena'))).toBe(true);
    store.fail = false;
    expect(learn.list()).toEqual([a]);
  });

  it("rejects an over-long title and merges repeated entries of one topic (like the seed's Fargate)", async () => {
    const { learn } = setup();
    await expect(learn.add({ title: 'x'.repeat(200), markdown: 'text' })).rejects.toMatchObject({
      code: 'invalid-title',
    });
    const text =
      '### New topic - self learning\n#### Topic: Athena\nOne.\n\n### New topic - self learning\n#### Topic: Athena\nOne. Two.\n\n#### Topic: Glue\nThree.\n';
    const topics = await learn.importText(text, 'two.md');
    expect(topics.map((t) => [t.title, t.markdown])).toEqual([
      ['Athena', 'One.\n\nTwo.'],
      ['Glue', 'Three.'],
    ]);
  });
});
