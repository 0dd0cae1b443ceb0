import { describe, expect, it } from 'vitest';
import { linearFusion, reciprocalRankFusion } from '../../../electron/core/retrieval/fusion';

const list = (ids: string[], weight = 1, scores?: number[]) => ({
  weight,
  items: ids.map((chunkId, i) => ({ chunkId, score: scores ? scores[i] : ids.length - i })),
});

describe('reciprocalRankFusion', () => {
  it('matches a hand-computed example', () => {
    const fused = reciprocalRankFusion([list(['a', 'b', 'c']), list(['b', 'c', 'd'])], 60);
    expect(fused.map((f) => f.chunkId)).toEqual(['b', 'c', 'a', 'd']);
    const byId = new Map(fused.map((f) => [f.chunkId, f]));
    expect(byId.get('b')?.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(byId.get('c')?.score).toBeCloseTo(1 / 63 + 1 / 62, 12);
    expect(byId.get('a')?.score).toBeCloseTo(1 / 61, 12);
    expect(byId.get('d')?.score).toBeCloseTo(1 / 63, 12);
    expect(byId.get('b')?.ranks).toEqual([2, 1]);
    expect(byId.get('a')?.ranks).toEqual([1, null]);
    expect(byId.get('d')?.ranks).toEqual([null, 3]);
  });

  it('uses k: small k rewards the top rank more', () => {
    // x: rank 1 in one list only; y: rank 2 in both lists.
    const lists = [list(['x', 'y']), list(['z', 'y'])];
    // k=60: y = 2/62 > x = 1/61. k=0: x = 1/1 = 1 vs y = 1/2 + 1/2 = 1 -> tie, x has the better best rank.
    expect(reciprocalRankFusion(lists, 60)[0].chunkId).toBe('y');
    expect(
      reciprocalRankFusion(lists, 0)
        .slice(0, 3)
        .map((f) => f.chunkId),
    ).toEqual(['x', 'z', 'y']);
  });

  it('weights change the order as expected', () => {
    const dense = list(['p', 'q']);
    const lexical = list(['q', 'p']);
    expect(reciprocalRankFusion([dense, lexical]).map((f) => f.chunkId)).toEqual(['p', 'q']); // tie -> id
    expect(reciprocalRankFusion([{ ...dense, weight: 2 }, lexical]).map((f) => f.chunkId)).toEqual(['p', 'q']);
    expect(reciprocalRankFusion([dense, { ...lexical, weight: 2 }]).map((f) => f.chunkId)).toEqual(['q', 'p']);
    expect(reciprocalRankFusion([{ ...dense, weight: 0 }, lexical]).map((f) => f.chunkId)).toEqual(['q', 'p']);
  });

  it('ties are deterministic regardless of input order, duplicates count once', () => {
    const a = reciprocalRankFusion([list(['m', 'n']), list(['n', 'm'])]);
    const b = reciprocalRankFusion([list(['n', 'm']), list(['m', 'n'])]);
    expect(a.map((f) => f.chunkId)).toEqual(['m', 'n']);
    expect(b.map((f) => f.chunkId)).toEqual(['m', 'n']);
    // Equal score, one item appears in two lists at worse ranks vs one at a better rank.
    const dup = reciprocalRankFusion([list(['a', 'a', 'b'])]);
    expect(dup.map((f) => [f.chunkId, f.ranks[0]])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('handles empty input', () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([list([]), list(['a'])])).toEqual([{ chunkId: 'a', score: 1 / 61, ranks: [null, 1] }]);
  });
});

describe('linearFusion', () => {
  it('min-max normalises each list, missing items get 0', () => {
    const dense = list(['a', 'b', 'c'], 1, [0.9, 0.7, 0.5]);
    const lexical = list(['c', 'd'], 1, [12, 2]);
    const fused = linearFusion([dense, lexical], 'minmax');
    const s = new Map(fused.map((f) => [f.chunkId, f.score]));
    expect(s.get('a')).toBeCloseTo(1, 12);
    expect(s.get('b')).toBeCloseTo(0.5, 12);
    expect(s.get('c')).toBeCloseTo(0 + 1, 12);
    expect(s.get('d')).toBeCloseTo(0, 12);
    // a and c tie at 1: a has best rank 1 in list 0, c best rank 1 in list 1 -> appears in 2 lists wins.
    expect(fused.map((f) => f.chunkId)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('z-score fusion keeps score gaps and floors missing items at the list minimum', () => {
    const dense = list(['a', 'b', 'c', 'd'], 1, [0.9, 0.3, 0.29, 0.28]);
    const lexical = list(['b', 'a'], 0.5, [5, 4]);
    const fused = linearFusion([dense, lexical], 'zscore');
    expect(fused[0].chunkId).toBe('a'); // a's dense lead is large in z units
    const s = new Map(fused.map((f) => [f.chunkId, f.score]));
    expect(s.get('c')).toBeLessThan(s.get('b') as number);
    // d is missing from the lexical list: it gets the lexical minimum z (-1), same as a's.
    expect(s.get('d')).toBeLessThan(s.get('c') as number);
  });

  it('degenerate lists do not divide by zero', () => {
    const fused = linearFusion([list(['a'], 1, [3]), list(['a', 'b'], 1, [1, 1])], 'minmax');
    expect(fused.every((f) => Number.isFinite(f.score))).toBe(true);
    const z = linearFusion([list(['a', 'b'], 1, [2, 2])], 'zscore');
    expect(z.map((f) => f.score)).toEqual([0, 0]);
  });
});
