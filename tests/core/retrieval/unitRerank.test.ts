import { describe, expect, it } from 'vitest';
import type { TermModel } from '../../../electron/core/answer/composeAnswer';
import { chunkOf } from '../../helpers/chunks';
import { rerankByUnits, rerankUnits } from '../../../electron/core/retrieval/unitRerank';

const STOP = new Set(['the', 'a', 'is', 'what', 'of', 'do', 'i', 'how', 'an', 'to', 'in', 'and', 'can']);
const words = (t: string): string[] =>
  t
    .toLowerCase()
    .match(/[a-z0-9]+/g)
    ?.filter((w) => !STOP.has(w)) ?? [];
const terms: TermModel = { analyze: words, resolve: (t) => t, weight: (t) => (t === 'bucket' ? 0.5 : 1) };
const noSimilarity = () => undefined;

const hit = (id: string, heading: string, text: string, score: number) => ({
  chunk: chunkOf(id, heading, text, 1),
  score,
});

// Fused first: mentions every word somewhere, none together. Second: one sentence answers it.
const scattered = hit(
  'a',
  'Buckets & Objects',
  '- A bucket holds objects.\n- Objects have keys.\n- Old data can be archived.\n- Copies are cheap.',
  0.9,
);
const versioning = hit(
  'b',
  'Versioning',
  '- Versioning keeps old copies of every object in a bucket, so an overwrite can be undone.',
  0.8,
);
const unrelated = hit('c', 'Glacier', '- Glacier stores archives for years.', 0.7);

describe('rerankByUnits', () => {
  it('moves up the chunk whose single best unit covers the question', () => {
    const q = 'why keep old copies of every object in a bucket with versioning';
    const out = rerankByUnits(q, [scattered, versioning, unrelated], terms, noSimilarity);
    expect(out.map((h) => h.chunk.id)).toEqual(['b', 'a', 'c']);
    // scores are the rerank's own, descending
    expect(out[0].score).toBeGreaterThan(out[1].score);
  });

  it("counts the unit's heading as part of it", () => {
    const plain = hit('p', 'Storage', '- It keeps old copies of objects.', 0.9);
    const titled = hit('t', 'Versioning', '- It keeps old copies of objects.', 0.8);
    const out = rerankByUnits('what does versioning keep', [plain, titled], terms, noSimilarity);
    expect(out.map((h) => h.chunk.id)).toEqual(['t', 'p']);
  });

  it('keeps the fused order on ties and below the rerank depth', () => {
    const same = (id: string, s: number) => hit(id, 'X', '- Same words here.', s);
    const hits = [same('1', 0.9), same('2', 0.8), same('3', 0.7), versioning];
    const out = rerankByUnits('same words', hits, terms, noSimilarity, { depth: 3 });
    expect(out.map((h) => h.chunk.id)).toEqual(['1', '2', '3', 'b']);
  });

  it('adds semantic similarity of the unit, weighted', () => {
    const a = hit('x', 'X', '- Alpha text.', 0.9);
    const b = hit('y', 'Y', '- Beta text.', 0.8);
    const sim = (plain: string) => (plain.startsWith('Beta') ? 0.9 : 0.1);
    expect(rerankByUnits('text', [a, b], terms, sim).map((h) => h.chunk.id)).toEqual(['y', 'x']);
    const off = rerankByUnits('text', [a, b], terms, sim, { semanticWeight: 0 });
    expect(off.map((h) => h.chunk.id)).toEqual(['x', 'y']);
  });

  it('leaves hits alone when the question has no known terms, and lists the units to embed', () => {
    const hits = [scattered, versioning];
    expect(rerankByUnits('what is the', hits, terms, noSimilarity)).toBe(hits);
    expect(rerankUnits(hits, 1)).toEqual([
      'A bucket holds objects.',
      'Objects have keys.',
      'Old data can be archived.',
      'Copies are cheap.',
    ]);
  });
});
