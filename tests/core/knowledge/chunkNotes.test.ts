import { beforeAll, describe, expect, it } from 'vitest';
import {
  chunkEmbeddingText,
  chunkSection,
  chunkSections,
  estimateTokens,
} from '../../../electron/core/knowledge/chunkNotes';
import { chunkId, sectionId } from '../../../electron/core/knowledge/ids';
import { loadContent } from '../../../electron/core/knowledge/loadContent';
import type { Chunk, Section } from '../../../electron/core/knowledge/types';
import { CONTENT_DIR } from './helpers';

function section(headingPath: string[], body: string): Section {
  return { id: sectionId('phase3', headingPath), phaseId: 'phase3', headingPath, body, source: 'notes' };
}
const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;
const embedTokens = (c: Chunk): number => estimateTokens(c.text.replace(/\*\*/g, ''));

let sections: Section[] = [];
let chunks: Chunk[] = [];
beforeAll(async () => {
  sections = (await loadContent(CONTENT_DIR)).sections;
  chunks = chunkSections(sections);
});

describe('ids', () => {
  it('are 16 hex chars and stable across machines (golden values)', () => {
    expect(
      sectionId('phase1', ['Phase 1 — Core Services', 'Amazon Simple Storage Service (Amazon S3)', 'Storage Classes']),
    ).toBe('4291d7f303b75360');
    expect(chunkId(['A', 'B'], 'Hello world.')).toBe('9f34408740a1e3e9');
  });

  it('ignore whitespace differences but not content differences', () => {
    expect(chunkId(['A', 'B'], 'Hello   world.\r\n')).toBe(chunkId(['A', 'B'], 'Hello world.'));
    expect(chunkId(['A', 'B'], 'Hello world!')).not.toBe(chunkId(['A', 'B'], 'Hello world.'));
    expect(chunkId(['A', 'C'], 'Hello world.')).not.toBe(chunkId(['A', 'B'], 'Hello world.'));
    expect(sectionId('phase2', ['X'])).not.toBe(sectionId('phase3', ['X']));
  });
});

describe('chunkSections on the content', () => {
  it('gives the same ids for the same input', () => {
    const again = chunkSections(structuredClone(sections));
    expect(again.map((c) => c.id)).toEqual(chunks.map((c) => c.id));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('changing one section changes only that section’s chunk ids', () => {
    const target = sections.find((s) => s.headingPath[s.headingPath.length - 1] === 'Versioning');
    expect(target).toBeDefined();
    const edited = sections.map((s) => (s === target ? { ...s, body: `${s.body}\n- An added fact.` } : s));
    const after = chunkSections(edited);
    const before = new Map(chunks.map((c) => [c.id, c]));
    for (const c of after) {
      if (c.sectionId === target?.id) expect(before.has(c.id)).toBe(false);
      else expect(before.has(c.id)).toBe(true);
    }
    expect(after.filter((c) => c.sectionId !== target?.id).length).toBe(
      chunks.filter((c) => c.sectionId !== target?.id).length,
    );
  });

  it('makes no chunk for empty container sections and never mixes sections', () => {
    const empty = sections.filter((s) => s.body.trim() === '');
    expect(empty.length).toBeGreaterThan(0);
    for (const s of empty) expect(chunks.some((c) => c.sectionId === s.id)).toBe(false);
    const byId = new Map(sections.map((s) => [s.id, s]));
    for (const c of chunks) {
      const s = byId.get(c.sectionId);
      expect(s?.headingPath).toEqual(c.headingPath);
      // every line of a chunk comes from its own section (table headers may repeat)
      for (const line of c.text.split('\n')) expect(s?.body.split('\n')).toContain(line);
    }
  });

  it('keeps chunks within size bounds', () => {
    for (const c of chunks) {
      expect(embedTokens(c)).toBeLessThanOrEqual(250);
      expect(words(c.text)).toBeGreaterThanOrEqual(8);
      expect(words(chunkEmbeddingText(c))).toBeLessThanOrEqual(190);
    }
    const sorted = chunks.map((c) => words(c.text)).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(140);
  });

  it('loses no text: a section’s chunks hold all of its lines, in order', () => {
    for (const s of sections.filter((x) => x.body.trim() !== '')) {
      const joined = chunks.filter((c) => c.sectionId === s.id).map((c) => c.text);
      const lines = joined
        .join('\n')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const unique = lines.filter((l, i) => !(l.startsWith('|') && lines.indexOf(l) < i));
      expect(unique).toEqual(s.body.split('\n').filter((l) => l.trim() !== ''));
    }
  });

  it('ordinals count from 0 within each section', () => {
    const seen = new Map<string, number>();
    for (const c of chunks) {
      const expected = seen.get(c.sectionId) ?? 0;
      expect(c.ordinal).toBe(expected);
      seen.set(c.sectionId, expected + 1);
    }
  });
});

describe('chunkSection on synthetic sections', () => {
  it('splits a table by rows and repeats the header in each piece', () => {
    const header = '| Feature | Option A | Option B |\n| --- | --- | --- |';
    const rows = Array.from({ length: 30 }, (_, i) => `| Row ${i} | value a${i} is fine | value b${i} is better |`);
    const s = section(['Phase 3 — X', 'Table'], `${header}\n${rows.join('\n')}`);
    const out = chunkSection(s, { maxTokens: 80 });
    expect(out.length).toBeGreaterThan(2);
    for (const c of out) {
      expect(c.text.startsWith(`${header}\n`)).toBe(true);
      expect(embedTokens(c)).toBeLessThanOrEqual(100);
    }
    const bodyRows = out.flatMap((c) => c.text.split('\n').slice(2));
    expect(bodyRows).toEqual(rows);
  });

  it('never cuts a list item (with its nested items) unless it alone is too long', () => {
    const items = Array.from(
      { length: 12 },
      (_, i) =>
        `- **Item ${i}**: Item ${i} does something useful for many workloads.\n  - nested detail ${i} stays with it.`,
    );
    const out = chunkSection(section(['P', 'List'], items.join('\n')), { maxTokens: 60 });
    expect(out.length).toBeGreaterThan(1);
    for (const c of out) {
      const pieces = c.text.split(/\n(?=- )/);
      for (const p of pieces) expect(items).toContain(p);
    }
  });

  it('splits an over-long paragraph at sentence boundaries', () => {
    const sentences = Array.from(
      { length: 20 },
      (_, i) => `Sentence number ${i} explains one more detail of the service.`,
    );
    const out = chunkSection(section(['P', 'Long'], sentences.join(' ')), { maxTokens: 50 });
    expect(out.length).toBeGreaterThan(2);
    for (const c of out) expect(c.text).toMatch(/^Sentence number \d+ .*service\.$/);
    expect(out.map((c) => c.text).join(' ')).toBe(sentences.join(' '));
  });

  it('merges a tiny trailing piece into the previous chunk', () => {
    const para = (n: number): string => Array.from({ length: n }, () => 'word').join(' ') + '.';
    // 96 + 96 + 11 tokens: a third chunk would be a tiny leftover, so it joins the second (107 ≤ 125).
    const s = section(['P', 'Tail'], `${para(95)}\n\n${para(95)}\n\n${para(10)}`);
    const out = chunkSection(s, { maxTokens: 100 });
    expect(out).toHaveLength(2);
    expect(out[1].text).toBe(`${para(95)}\n\n${para(10)}`);
  });

  it('keeps an intro line ending in ":" with the list it introduces', () => {
    const s = sections.find((x) => x.headingPath[x.headingPath.length - 1] === 'Topic: AWS Fargate');
    const out = s ? chunkSection(s) : [];
    const steps = out.find((c) => c.text.includes('1. Log in'));
    expect(steps?.text).toContain("Here's how you can use AWS Fargate:");
  });

  it('repeats overlap sentences only when asked', () => {
    const body = 'Alpha one. Alpha two.\n\nBeta one. Beta two.';
    const plain = chunkSection(section(['P', 'O'], body), { maxTokens: 8 });
    const overlapped = chunkSection(section(['P', 'O'], body), { maxTokens: 8, overlapSentences: 1 });
    expect(plain.map((c) => c.text)).toEqual(['Alpha one. Alpha two.', 'Beta one. Beta two.']);
    expect(overlapped[1].text).toBe('Alpha two.\n\nBeta one. Beta two.');
  });
});

describe('chunkEmbeddingText', () => {
  it('is the heading path without the phase title or numbering, then the text without bold markers', () => {
    const c: Chunk = {
      id: 'x',
      sectionId: 'y',
      phaseId: 'phase2',
      headingPath: ['Phase 2 — Databases & Storage', '2. Amazon DynamoDB'],
      text: '- **Partitions & Keys**: Data is distributed.',
      ordinal: 0,
      source: 'notes',
    };
    expect(chunkEmbeddingText(c)).toBe('Amazon DynamoDB\n- Partitions & Keys: Data is distributed.');
  });
});
