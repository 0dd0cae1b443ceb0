import { describe, expect, it } from 'vitest';
import { resolveAnchor, snippetOf } from '../../../electron/core/bookmarks/anchor';
import type { BookmarkAnchor, ContentView } from '../../../electron/core/bookmarks/types';
import { v1, v2 } from './fixtures';

function sectionAnchor(content: ContentView, heading: string): BookmarkAnchor {
  const s = content.sections.find((x) => x.headingPath[x.headingPath.length - 1] === heading);
  if (!s) throw new Error(heading);
  return { sectionId: s.id, phaseId: s.phaseId, headingPath: s.headingPath, snippet: snippetOf(s.body) };
}

function chunkAnchor(content: ContentView, heading: string): BookmarkAnchor {
  const c = content.chunks.find((x) => x.headingPath[x.headingPath.length - 1] === heading);
  if (!c) throw new Error(heading);
  return {
    sectionId: c.sectionId,
    chunkId: c.id,
    phaseId: c.phaseId,
    headingPath: c.headingPath,
    snippet: snippetOf(c.text),
  };
}

describe('snippetOf', () => {
  it('keeps short text and cuts long text at a word boundary near 160 characters', () => {
    expect(snippetOf('  a\n b  ')).toBe('a b');
    const long = 'word '.repeat(100);
    const s = snippetOf(long);
    expect(s.length).toBeLessThanOrEqual(161);
    expect(s.endsWith('word…')).toBe(true);
  });
});

describe('resolveAnchor', () => {
  const before = v1();
  const after = v2();

  it('an unchanged section resolves exactly', () => {
    const r = resolveAnchor(sectionAnchor(before, 'Amazon S3'), after);
    expect(r.status).toBe('exact');
  });

  it('a renumbered heading is found by its heading path: moved', () => {
    const r = resolveAnchor(sectionAnchor(before, '1. Amazon EC2'), after);
    expect(r.status).toBe('moved');
    expect(r.headingPath?.at(-1)).toBe('3. Amazon EC2');
    const c = resolveAnchor(chunkAnchor(before, '1. Amazon EC2'), after);
    expect(c.status).toBe('moved');
    expect(after.chunks.some((x) => x.id === c.chunkId)).toBe(true);
  });

  it('a renamed heading with the same text is found by its snippet: changed', () => {
    const r = resolveAnchor(sectionAnchor(before, 'Storage Classes'), after);
    expect(r.status).toBe('changed');
    expect(r.headingPath?.at(-1)).toBe('Picking a Storage Tier');
  });

  it('a section whose text was rewritten keeps its id (exact); a chunk of it is changed', () => {
    expect(resolveAnchor(sectionAnchor(before, '2. Amazon DynamoDB'), after).status).toBe('exact');
    const c = resolveAnchor(chunkAnchor(before, '2. Amazon DynamoDB'), after);
    expect(c.status).toBe('changed');
    expect(c.headingPath?.at(-1)).toBe('2. Amazon DynamoDB');
  });

  it('a lightly edited chunk under the same heading is moved', () => {
    expect(resolveAnchor(chunkAnchor(before, 'Amazon RDS'), after).status).toBe('moved');
  });

  it('a deleted section is missing', () => {
    expect(resolveAnchor(sectionAnchor(before, 'Amazon SQS'), after)).toEqual({ status: 'missing' });
    expect(resolveAnchor(chunkAnchor(before, 'Amazon SQS'), after).status).toBe('missing');
  });

  it('ignores case, spacing and numbering in heading paths', () => {
    const a = sectionAnchor(before, 'Amazon RDS');
    const r = resolveAnchor(
      { ...a, sectionId: 'stale', headingPath: a.headingPath.map((h) => ` ${h.toUpperCase()} `) },
      after,
    );
    expect(r.status).toBe('moved');
  });
});
