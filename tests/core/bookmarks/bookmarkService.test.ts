import { describe, expect, it } from 'vitest';
import { BookmarkService } from '../../../electron/core/bookmarks/BookmarkService';
import {
  BookmarkError,
  emptyBookmarksDoc,
  type BookmarksDoc,
  type ContentView,
} from '../../../electron/core/bookmarks/types';
import { MemoryDocumentStore } from '../../../electron/core/store/documentStore';
import { v1, v2 } from './fixtures';

function setup(initial: ContentView = v1()) {
  let content = initial;
  let t = Date.parse('2025-01-01T00:00:00Z');
  const store = new MemoryDocumentStore<BookmarksDoc>(emptyBookmarksDoc(), 'memory:bookmarks');
  const service = new BookmarkService(store, () => content, { now: () => new Date((t += 1000)) });
  return { store, service, setContent: (c: ContentView) => (content = c) };
}

function sectionIdOf(content: ContentView, heading: string): string {
  const s = content.sections.find((x) => x.headingPath.at(-1) === heading);
  if (!s) throw new Error(heading);
  return s.id;
}

function chunkIdOf(content: ContentView, heading: string): string {
  const c = content.chunks.find((x) => x.headingPath.at(-1) === heading);
  if (!c) throw new Error(heading);
  return c.id;
}

describe('BookmarkService', () => {
  it('adds, gets, edits the note of and removes bookmarks', async () => {
    const { service, store } = setup();
    const content = v1();
    const b = await service.addSection(sectionIdOf(content, 'Amazon S3'), ' check durability ');
    expect(b.kind).toBe('section');
    expect(b.note).toBe('check durability');
    expect(b.anchor.headingPath.at(-1)).toBe('Amazon S3');
    expect(b.anchor.snippet).toMatch(/^Amazon S3 stores objects/);
    expect(service.get(b.id)).toEqual(b);
    expect(store.read().items).toHaveLength(1);

    const again = await service.addSection(sectionIdOf(content, 'Amazon S3'));
    expect(again.id).toBe(b.id);
    expect(store.read().items).toHaveLength(1);

    const edited = await service.editNote(b.id, 'eleven nines!');
    expect(edited.note).toBe('eleven nines!');
    expect(edited.updatedAt > b.updatedAt).toBe(true);
    expect(edited.createdAt).toBe(b.createdAt);

    const opened = await service.open(b.id);
    expect(opened.status).toBe('exact');
    expect(opened.text).toContain('eleven nines because data is copied');

    expect(await service.remove(b.id)).toBe(true);
    expect(await service.remove(b.id)).toBe(false);
    expect(service.get(b.id)).toBeUndefined();
  });

  it('bookmarks a chunk and a tutor answer, anchored to its first citation', async () => {
    const { service } = setup();
    const content = v1();
    const chunkId = chunkIdOf(content, 'Amazon RDS');
    const c = await service.addChunk(chunkId);
    expect(c.anchor.chunkId).toBe(chunkId);
    const a = await service.addAnswer({
      question: 'which relational engines does RDS run?',
      markdown: 'RDS runs **MySQL** and PostgreSQL [1].',
      citations: [
        { chunkId, headingPath: content.chunks.find((x) => x.id === chunkId)!.headingPath },
        { chunkId: chunkIdOf(content, 'Amazon S3'), headingPath: [] },
      ],
    });
    expect(a.kind).toBe('answer');
    expect(a.anchor.chunkId).toBe(chunkId);
    expect(a.answer?.markdown).toContain('PostgreSQL');
    expect(a.id).not.toBe(c.id);
    const opened = await service.open(a.id);
    expect(opened.chunk?.id).toBe(chunkId);
    expect(opened.bookmark.answer?.question).toBe('which relational engines does RDS run?');
  });

  it('reports unknown targets and uncited answers with typed errors', async () => {
    const { service } = setup();
    await expect(service.addSection('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.addAnswer({ question: 'q', markdown: 'm', citations: [] })).rejects.toBeInstanceOf(
      BookmarkError,
    );
    await expect(service.editNote('nope', 'x')).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.open('nope')).rejects.toMatchObject({ code: 'not-found' });
    const content = v1();
    await expect(service.addSection(sectionIdOf(content, 'Amazon S3'), 'x'.repeat(6000))).rejects.toMatchObject({
      code: 'note-too-long',
    });
  });

  it('lists by curriculum phase, then in document order', async () => {
    const { service } = setup();
    const content = v1();
    await service.addSection(sectionIdOf(content, 'Amazon SQS'));
    await service.addSection(sectionIdOf(content, '1. Amazon EC2'));
    await service.addSection(sectionIdOf(content, 'Amazon RDS'));
    await service.addChunk(chunkIdOf(content, 'Storage Classes'));
    await service.addSection(sectionIdOf(content, 'Amazon S3'));
    const groups = await service.list();
    expect(groups.map((g) => g.phaseId)).toEqual(['phase1', 'phase2', 'phase3']);
    expect(groups[0].items.map((b) => b.anchor.headingPath.at(-1))).toEqual([
      'Amazon S3',
      'Storage Classes',
      '1. Amazon EC2',
    ]);
    expect(groups.flatMap((g) => g.items).every((b) => b.status === 'exact')).toBe(true);
  });

  it('re-anchors across a content rebuild and keeps missing bookmarks with their notes', async () => {
    const { service, store, setContent } = setup();
    const content = v1();
    const s3 = await service.addSection(sectionIdOf(content, 'Amazon S3'), 's3');
    const ec2 = await service.addSection(sectionIdOf(content, '1. Amazon EC2'), 'ec2');
    const classes = await service.addSection(sectionIdOf(content, 'Storage Classes'), 'classes');
    const dynamo = await service.addChunk(chunkIdOf(content, '2. Amazon DynamoDB'), 'dynamo');
    const sqs = await service.addSection(sectionIdOf(content, 'Amazon SQS'), 'remember SQS');

    setContent(v2());
    const after = v2();
    const items = (await service.list()).flatMap((g) => g.items);
    const status = Object.fromEntries(items.map((b) => [b.note, b.status]));
    expect(status).toEqual({
      s3: 'exact',
      ec2: 'moved',
      classes: 'changed',
      dynamo: 'changed',
      'remember SQS': 'missing',
    });

    // The stored anchors now point at the new ids.
    const stored = (id: string) => store.read().items.find((b) => b.id === id)!;
    expect(stored(ec2.id).anchor.sectionId).toBe(sectionIdOf(after, '3. Amazon EC2'));
    expect(stored(ec2.id).anchor.headingPath.at(-1)).toBe('3. Amazon EC2');
    expect(stored(classes.id).anchor.sectionId).toBe(sectionIdOf(after, 'Picking a Storage Tier'));
    expect(stored(dynamo.id).anchor.chunkId).toBe(chunkIdOf(after, '2. Amazon DynamoDB'));
    expect(stored(dynamo.id).anchor.snippet).toMatch(/^Tables hold items/);
    expect(stored(s3.id)).toEqual(s3);

    // The missing one is still listed, under its phase, with its note and snippet untouched.
    expect(stored(sqs.id)).toEqual(sqs);
    const missing = items.find((b) => b.id === sqs.id)!;
    expect(missing.anchor.phaseId).toBe('phase3');
    const opened = await service.open(sqs.id);
    expect(opened.status).toBe('missing');
    expect(opened.text).toMatch(/^SQS is a fully managed message queue/);

    // Next time the moved ones resolve exactly.
    const again = (await service.list()).flatMap((g) => g.items);
    expect(Object.fromEntries(again.map((b) => [b.note, b.status]))).toEqual({
      s3: 'exact',
      ec2: 'exact',
      classes: 'exact',
      dynamo: 'exact',
      'remember SQS': 'missing',
    });

    // And if the section comes back, the missing bookmark finds it again.
    setContent(v1());
    const restored = await service.open(sqs.id);
    expect(restored.status).toBe('exact');
  });
});
