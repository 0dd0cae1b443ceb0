// Fusing ranked lists from different retrievers (dense, lexical, ...). RRF only looks at ranks,
// so it needs no calibration between cosine and BM25 scales; linear fusion keeps score gaps and
// is here so the two can be compared on the dev set.

export interface ScoredItem {
  chunkId: string;
  score: number;
}

export interface RankedList {
  /** Best first. Duplicate ids: only the first occurrence counts. */
  items: readonly ScoredItem[];
  weight: number;
}

export interface FusedItem {
  chunkId: string;
  score: number;
  /** 1-based rank of the item in each input list, null if absent. Same order as the input. */
  ranks: (number | null)[];
}

export const DEFAULT_RRF_K = 60;

function collectRanks(lists: readonly RankedList[]): Map<string, (number | null)[]> {
  const ranks = new Map<string, (number | null)[]>();
  lists.forEach((list, li) => {
    let rank = 0;
    const seen = new Set<string>();
    for (const it of list.items) {
      if (seen.has(it.chunkId)) continue;
      seen.add(it.chunkId);
      rank++;
      let r = ranks.get(it.chunkId);
      if (!r) {
        r = new Array<number | null>(lists.length).fill(null);
        ranks.set(it.chunkId, r);
      }
      r[li] = rank;
    }
  });
  return ranks;
}

/**
 * Deterministic order: score desc, then best (lowest) rank in any list, then number of lists
 * the item appears in, then chunk id. Ties never depend on Map iteration or sort stability.
 */
function sortFused(items: FusedItem[]): FusedItem[] {
  const best = (r: (number | null)[]) => Math.min(...r.map((x) => x ?? Infinity));
  const count = (r: (number | null)[]) => r.filter((x) => x !== null).length;
  return items.sort(
    (a, b) =>
      b.score - a.score ||
      best(a.ranks) - best(b.ranks) ||
      count(b.ranks) - count(a.ranks) ||
      (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0),
  );
}

/** Reciprocal Rank Fusion (Cormack et al. 2009): score = Σ weight / (k + rank). */
export function reciprocalRankFusion(lists: readonly RankedList[], k = DEFAULT_RRF_K): FusedItem[] {
  const ranks = collectRanks(lists);
  const out: FusedItem[] = [];
  for (const [chunkId, r] of ranks) {
    let score = 0;
    r.forEach((rank, li) => {
      if (rank !== null) score += lists[li].weight / (k + rank);
    });
    out.push({ chunkId, score, ranks: r });
  }
  return sortFused(out);
}

export type Normalization = 'minmax' | 'zscore';

/**
 * Normalise each list's scores, then score = Σ weight · norm(score). An item missing from a list
 * gets that list's lowest normalised value (it ranked below everything returned), which is 0
 * for min-max. Degenerate lists (one item / all equal) normalise to 1 (min-max) or 0 (z-score).
 */
export function linearFusion(lists: readonly RankedList[], normalization: Normalization = 'minmax'): FusedItem[] {
  const ranks = collectRanks(lists);
  const normed: { byId: Map<string, number>; floor: number }[] = lists.map((list) => {
    const firstById = new Map<string, number>();
    for (const it of list.items) if (!firstById.has(it.chunkId)) firstById.set(it.chunkId, it.score);
    const scores = [...firstById.values()];
    const byId = new Map<string, number>();
    if (scores.length === 0) return { byId, floor: 0 };
    if (normalization === 'minmax') {
      const min = Math.min(...scores);
      const max = Math.max(...scores);
      for (const [id, s] of firstById) byId.set(id, max === min ? 1 : (s - min) / (max - min));
      return { byId, floor: 0 };
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
    for (const [id, s] of firstById) byId.set(id, sd === 0 ? 0 : (s - mean) / sd);
    return { byId, floor: Math.min(...byId.values()) };
  });
  const out: FusedItem[] = [];
  for (const [chunkId, r] of ranks) {
    let score = 0;
    lists.forEach((list, li) => {
      score += list.weight * (normed[li].byId.get(chunkId) ?? normed[li].floor);
    });
    out.push({ chunkId, score, ranks: r });
  }
  return sortFused(out);
}
